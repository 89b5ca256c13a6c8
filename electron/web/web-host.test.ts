import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appInfoSchema, pushSchemas } from '@shared/ipc/schemas';
import { encodeCall, parseServerFrame, type ServerFrame } from '@shared/ipc/api-frames';
import { MAX_FRAME_BYTES } from '@shared/protocol/limits';
import { VirtualClock } from '@shared/time/virtual-clock';
import pkg from '../../package.json';
import { createHarnessCore, type HarnessCore } from '../core/harness';
import type { WebHostLogEntry } from './log';
import { parseLoopbackHost, startWebHost, type WebHost } from './web-host';

let dir: string;
let rendererDir: string;
let core: HarnessCore;
let clock: VirtualClock;
let host: WebHost;
let logs: WebHostLogEntry[];
const open: WebSocket[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-web-'));
  rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(rendererDir, 'assets', 'style.css'), 'body{}');
  await writeFile(join(rendererDir, '.hidden'), 'no');
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  clock = new VirtualClock(Date.UTC(2026, 0, 1));
  // On a virtual clock the embedded simulator never finishes initialising and nothing times out:
  // these tests are about the host, not the session.
  core = createHarnessCore({ mode: 'browser', clock, dataDir: join(dir, 'data') });
  await core.ready();
  logs = [];
  const started = await startWebHost({
    core,
    rendererDir,
    port: 0,
    host: '127.0.0.1',
    log: (entry) => logs.push(entry),
  });
  if (!started.ok) throw new Error(started.error.message);
  host = started.value;
});

afterEach(async () => {
  for (const ws of open.splice(0)) ws.terminate();
  await host.close();
  await core.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Reply {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A raw HTTP request: `path` goes on the wire as written (fetch would normalise it). */
async function get(path: string, init: { method?: string; host?: string } = {}): Promise<Reply> {
  const req = httpRequest({
    host: '127.0.0.1',
    port: host.port,
    path,
    method: init.method ?? 'GET',
    headers: { host: init.host ?? `127.0.0.1:${host.port}` },
  });
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  let body = '';
  res.setEncoding('utf8');
  for await (const chunk of res) body += chunk as string;
  return { status: res.statusCode ?? 0, headers: res.headers, body };
}

function apiUrl(token: string | null = host.token): string {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return `ws://127.0.0.1:${host.port}/api${query}`;
}

async function connect(
  origin: string | undefined = `http://127.0.0.1:${host.port}`,
  url = apiUrl(),
) {
  const ws = new WebSocket(url, origin === undefined ? {} : { origin });
  open.push(ws);
  await once(ws, 'open');
  return ws;
}

async function refusedStatus(url: string, origin?: string): Promise<number> {
  const ws = new WebSocket(url, origin === undefined ? {} : { origin });
  open.push(ws);
  ws.on('error', () => undefined);
  const [, res] = (await once(ws, 'unexpected-response')) as [unknown, IncomingMessage];
  return res.statusCode ?? 0;
}

async function nextFrame(ws: WebSocket): Promise<ServerFrame> {
  const [data] = (await once(ws, 'message')) as [Buffer];
  const frame = parseServerFrame(data.toString('utf8'));
  if (!frame.ok) throw new Error(frame.error);
  return frame.value;
}

async function callInfo(ws: WebSocket, id: number) {
  ws.send(encodeCall(id, 'app:info', undefined));
  const frame = await nextFrame(ws);
  expect(frame.type === 'reply' && frame.id).toBe(id);
  if (frame.type !== 'reply' || !frame.result.ok) throw new Error('app:info failed');
  return appInfoSchema.parse(frame.result.value);
}

describe('browser-mode host: the renderer files', () => {
  it('prints a loopback URL carrying a random per-run token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('serves index.html for / with a CSP that allows only its own WebSocket', async () => {
    const page = await get('/?token=abc');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>t</title>');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain(`connect-src ws://127.0.0.1:${host.port} ws://localhost:${host.port}`);
    expect(csp).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/style.css', 'text/css; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const reply = await get(path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    '/missing.js',
    '/assets',
    '/.hidden',
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00',
    '/%E0%A4%A',
  ])('answers 404 for %s (nothing outside the renderer, no folders)', async (path) => {
    const reply = await get(path);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('outside the renderer');
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    expect((await get('/', { method: 'POST' })).status).toBe(405);
    const head = await get('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('refuses a request for a foreign Host (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await get('/', { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('reports a port already in use as a start failure, not a crash', async () => {
    const result = await startWebHost({
      core,
      rendererDir,
      port: host.port,
      host: '127.0.0.1',
      log: () => undefined,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'listen-failed' } });
    expect((await get('/')).status).toBe(200);
  });

  it('does not start when the renderer is not built, and says how to build it', async () => {
    const result = await startWebHost({
      core,
      rendererDir: join(dir, 'nope'),
      port: 0,
      host: '127.0.0.1',
      log: () => undefined,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('renderer-missing');
      expect(result.error.message).toMatch(/npm run build/);
    }
  });
});

describe('browser-mode host: the HarnessApi socket', () => {
  it('answers app:info with what the core reports', async () => {
    const ws = await connect();
    await expect(callInfo(ws, 1)).resolves.toEqual({
      productName: pkg.productName,
      version: pkg.version,
      startedAt: '2026-01-01T00:00:00.000Z',
      mode: 'browser',
    });
  });

  it('pushes the event stream: a greeting batch, hello first, after the batch window', async () => {
    const ws = await connect();
    const frame = nextFrame(ws);
    clock.advance(33);
    const push = await frame;
    expect(push).toMatchObject({ type: 'push', channel: 'events:batch' });
    const batch = pushSchemas['events:batch'].parse(push.type === 'push' ? push.payload : null);
    expect(batch[0]).toMatchObject({ type: 'hello', at: '2026-01-01T00:00:00.000Z' });
    expect(batch.slice(0, 6).map((e) => e.type)).toEqual([
      'hello',
      'run',
      'session',
      'simulator',
      'faults',
      'recording',
    ]);
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'x'.repeat(43)],
    ['an empty token', ''],
  ])('refuses %s with 401 and logs it', async (_name, token) => {
    expect(await refusedStatus(apiUrl(token), `http://127.0.0.1:${host.port}`)).toBe(401);
    expect(logs).toEqual([
      {
        event: 'refused',
        status: 401,
        reason: 'missing or wrong token',
        remote: '127.0.0.1',
        origin: `http://127.0.0.1:${host.port}`,
      },
    ]);
  });

  it.each(['http://evil.example', 'null', 'http://127.0.0.1:1', 'https://127.0.0.1'])(
    'refuses a foreign Origin (%s) with 403 even with the token, and logs it',
    async (origin) => {
      expect(await refusedStatus(apiUrl(), origin)).toBe(403);
      expect(logs).toMatchObject([
        { event: 'refused', status: 403, reason: 'foreign Origin', origin },
      ]);
    },
  );

  it('accepts its own origins (by IP or localhost) and tools that send no Origin', async () => {
    await callInfo(await connect(`http://localhost:${host.port}`), 1);
    await callInfo(await connect(undefined), 2);
    expect(logs).toEqual([]);
  });

  it('refuses an upgrade addressed to a foreign Host (DNS rebinding) with 403', async () => {
    const ws = new WebSocket(apiUrl(), { headers: { host: `evil.example:${host.port}` } });
    open.push(ws);
    ws.on('error', () => undefined);
    const [, res] = (await once(ws, 'unexpected-response')) as [unknown, IncomingMessage];
    expect(res.statusCode).toBe(403);
    expect(logs).toMatchObject([{ event: 'refused', status: 403, reason: 'foreign Host' }]);
  });

  it('answers 404 to an upgrade on another path', async () => {
    const url = `ws://127.0.0.1:${host.port}/other?token=${host.token}`;
    expect(await refusedStatus(url)).toBe(404);
  });

  it.each([
    ['text that is not JSON', 'hello', null, /not JSON/],
    ['JSON that is not a call', '{"type":"call"}', null, /not a call/],
    [
      'an unknown channel',
      encodeCall(5, 'app:info', undefined).replace('app:info', 'app:nope'),
      5,
      /unknown channel/,
    ],
    ['a payload the schema refuses', encodeCall(6, 'app:info', { a: 1 }), 6, /^app:info: /],
  ])(
    'rejects %s with an error reply, logs it, and keeps the socket',
    async (_name, text, id, message) => {
      const ws = await connect();
      ws.send(text);
      const reply = await nextFrame(ws);
      expect(reply).toMatchObject({
        type: 'reply',
        id,
        result: { ok: false, error: { kind: 'invalid-request' } },
      });
      if (reply.type === 'reply' && !reply.result.ok)
        expect(reply.result.error.message).toMatch(message);
      expect(logs).toMatchObject([{ event: 'frame-rejected', closed: false }]);
      expect((await callInfo(ws, 7)).version).toBe(pkg.version);
    },
  );

  it('rejects a binary frame with an error reply and keeps the socket', async () => {
    const ws = await connect();
    ws.send(Buffer.from([1, 2, 3]));
    expect(await nextFrame(ws)).toMatchObject({ type: 'reply', id: null, result: { ok: false } });
    expect((await callInfo(ws, 1)).mode).toBe('browser');
  });

  it('reads a frame of exactly 1 MiB, closes only the socket that sends more, and keeps serving', async () => {
    const bystander = await connect();
    const sender = await connect();
    const frame = (padding: number) =>
      `{"type":"call","id":9,"channel":"app:info","payload":"${'x'.repeat(padding)}"}`;
    const overhead = frame(0).length;

    sender.send(frame(MAX_FRAME_BYTES - overhead));
    expect(await nextFrame(sender)).toMatchObject({ type: 'reply', id: 9, result: { ok: false } });

    sender.send(frame(MAX_FRAME_BYTES - overhead + 1));
    const [code] = (await once(sender, 'close')) as [number];

    expect(code).toBe(1009);
    expect(logs.at(-1)).toMatchObject({ event: 'frame-rejected', closed: true });
    expect((await callInfo(bystander, 1)).mode).toBe('browser');
    expect((await callInfo(await connect(), 2)).mode).toBe('browser');
    expect((await get('/')).status).toBe(200);
  });
});

describe('parseLoopbackHost', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['127.1.2.3', '127.1.2.3'],
    ['localhost', '127.0.0.1'],
    ['LocalHost', '127.0.0.1'],
    ['::1', '::1'],
    ['[::1]', '::1'],
  ])('accepts %s', (given, bound) => {
    expect(parseLoopbackHost(given)).toEqual({ ok: true, value: bound });
  });

  it.each([
    '0.0.0.0',
    '192.168.1.10',
    '::',
    'example.com',
    '127.0.0.256',
    '127.0.0',
    // A browser reads a leading zero as octal: the URL printed back would name another address.
    '127.0.0.01',
    '127.0.0.010',
  ])('refuses %s', (given) => {
    const parsed = parseLoopbackHost(given);
    expect(parsed.ok).toBe(false);
  });
});
