import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { encodeCall, parseServerFrame, type ServerFrame } from '@shared/ipc/api-frames';
import { createHarnessCore, type HarnessCore } from '../core/harness';
import { RealClock } from '../core/time/real-clock';
import type { WebHostLogEntry } from './log';
import { startWebHost, type WebHost } from './web-host';

/** The depths the hostile-frame probes used: shallow-but-over, stack-breaking, absurd. */
const DEPTHS = [100, 3000, 100_000] as const;

function nestedFrame(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

let dir: string;
let core: HarnessCore;
let host: WebHost;
let logs: WebHostLogEntry[];
const closers: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-web-nested-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  core = createHarnessCore({ mode: 'browser', clock: new RealClock(), dataDir: join(dir, 'data') });
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
  for (const close of closers.splice(0).reverse()) await close();
  await host.close();
  await core.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A page's API socket: every frame it receives, parsed, and calls answered by id. */
async function openPage() {
  const ws = new WebSocket(`ws://127.0.0.1:${String(host.port)}/api?token=${host.token}`, {
    origin: `http://127.0.0.1:${String(host.port)}`,
  });
  closers.push(() => ws.terminate());
  await once(ws, 'open');
  const frames: ServerFrame[] = [];
  const waiters: { test: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  ws.on('message', (data: Buffer) => {
    const frame = parseServerFrame(data.toString('utf8'));
    if (!frame.ok) throw new Error(frame.error);
    frames.push(frame.value);
    for (const waiter of [...waiters]) {
      if (!waiter.test(frame.value)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(frame.value);
    }
  });
  const until = (test: (f: ServerFrame) => boolean): Promise<ServerFrame> => {
    const found = frames.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => waiters.push({ test, resolve }));
  };
  let nextId = 1;
  const call = async (channel: Parameters<typeof encodeCall>[1], payload?: unknown) => {
    const id = nextId++;
    ws.send(encodeCall(id, channel, payload));
    const reply = await until((f) => f.type === 'reply' && f.id === id);
    if (reply.type !== 'reply' || !reply.result.ok) throw new Error(JSON.stringify(reply));
    return reply.result.value;
  };
  /** Trace events pushed so far whose frame text starts like a nested frame. */
  const nestedRows = (): number =>
    frames
      .filter((f) => f.type === 'push')
      .flatMap((f) => (Array.isArray(f.payload) ? (f.payload as unknown[]) : []))
      .filter((item) => JSON.stringify(item).includes('"text":"[[[')).length;
  const pushedNested = (count: number): Promise<ServerFrame> => until(() => nestedRows() >= count);
  return { ws, call, pushedNested };
}

describe('a2a web with a page open: nested frames', () => {
  it('in terminal role: a POS sending them gets Rejects, the page gets its rows, nothing exits', async () => {
    const page = await openPage();
    const info = (await page.call('simulator:configure', {
      role: 'terminal',
      port: 0,
      settings: { initMs: 0 },
    })) as { nexoUrl: string };
    const pos = new WebSocket(info.nexoUrl);
    closers.push(() => pos.terminate());
    await once(pos, 'open');
    const rejects: string[] = [];
    let allRejected: () => void = () => undefined;
    const rejected = new Promise<void>((resolve) => (allRejected = resolve));
    pos.on('message', (data: Buffer) => {
      if (data.toString('utf8').includes('"EventToNotify":"Reject"')) rejects.push('Reject');
      if (rejects.length === DEPTHS.length) allRejected();
    });
    for (const depth of DEPTHS) pos.send(nestedFrame(depth));
    await rejected;
    await page.pushedNested(DEPTHS.length);
    // The page's socket and the host still answer.
    expect(await page.call('app:info')).toMatchObject({
      productName: expect.any(String) as unknown,
    });
    expect(page.ws.readyState).toBe(WebSocket.OPEN);
    expect(logs.filter((l) => l.event === 'bug' || l.event === 'cut')).toEqual([]);
    // Real sockets and up to 200 KB frames: a budget for a loaded machine, not a timing.
  }, 60_000);

  it('in client role: an external terminal sending them, the page gets its rows, nothing exits', async () => {
    const terminal = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(terminal, 'listening');
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          for (const client of terminal.clients) client.terminate();
          terminal.close(() => resolve());
        }),
    );
    // Answers the POS's first request (its Login) with nothing but nested frames.
    terminal.on('connection', (pos) => {
      pos.once('message', () => {
        for (const depth of DEPTHS) pos.send(nestedFrame(depth));
      });
    });
    const { port } = terminal.address() as { port: number };
    const page = await openPage();
    const url = `ws://127.0.0.1:${String(port)}/nexo`;
    await page.call('simulator:configure', { role: 'client', peer: { url } });
    await page.call('session:connect', { peer: 'external', url });
    await page.pushedNested(DEPTHS.length);
    expect(await page.call('app:info')).toMatchObject({
      productName: expect.any(String) as unknown,
    });
    expect(page.ws.readyState).toBe(WebSocket.OPEN);
    expect(logs.filter((l) => l.event === 'bug' || l.event === 'cut')).toEqual([]);
    // Real sockets and up to 200 KB frames: a budget for a loaded machine, not a timing.
  }, 60_000);
});
