import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { buildProgram, runProgram } from '../program';
import { captureLines } from '../testing/in-process';
import { createWebCommand, parseWebOptions, runWeb } from './web';

let rendererDir: string;

beforeEach(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'a2a-web-cmd-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
});

afterEach(async () => {
  await rm(rendererDir, { recursive: true, force: true });
});

describe('runWeb', () => {
  it('prints exactly one JSON listening line, serves the page, and exits 0 when stopped', async () => {
    const io = captureLines();
    const stop = new AbortController();
    const exit = runWeb(
      { port: 0, host: '127.0.0.1', json: true, rendererDir },
      io.io,
      stop.signal,
    );

    const listening = JSON.parse(await io.firstLine) as { event: string; url: string };
    expect(Object.keys(listening)).toEqual(['event', 'url']);
    expect(listening.event).toBe('listening');
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const page = await fetch(listening.url);
    expect(await page.text()).toContain('<title>shell</title>');

    stop.abort();
    await expect(exit).resolves.toBe(0);
    expect(io.out).toHaveLength(1);
    expect(io.errors).toEqual([]);
    await expect(fetch(listening.url)).rejects.toThrow();
  });

  it('logs a refused connection as one JSON line on stderr in --json mode, never the token', async () => {
    const io = captureLines();
    const stop = new AbortController();
    const exit = runWeb(
      { port: 0, host: '127.0.0.1', json: true, rendererDir },
      io.io,
      stop.signal,
    );
    const { url } = JSON.parse(await io.firstLine) as { url: string };
    const token = new URL(url).searchParams.get('token')!;

    const socket = new WebSocket(new URL('/api?token=wrong', url.replace(/^http/, 'ws')));
    socket.on('error', () => undefined);
    const [, response] = (await once(socket, 'unexpected-response')) as [unknown, IncomingMessage];
    expect(response.statusCode).toBe(401);
    stop.abort();
    await exit;

    expect(io.errors).toHaveLength(1);
    expect(JSON.parse(io.errors[0]!)).toMatchObject({ event: 'refused', status: 401 });
    expect(io.errors[0]).not.toContain(token);
  });

  it('fails with one clear line and exit 1 when the renderer is not built', async () => {
    const io = captureLines();
    const code = await runWeb(
      { port: 0, host: '127.0.0.1', json: false, rendererDir: join(rendererDir, 'missing') },
      io.io,
      new AbortController().signal,
    );
    expect(code).toBe(1);
    expect(io.out).toEqual([]);
    expect(io.errors).toHaveLength(1);
    expect(io.errors[0]).toMatch(/^a2a web: the renderer is not built .*npm run build/);
  });
});

describe('a2a web flags', () => {
  it.each([
    [
      { port: '0', host: '127.0.0.1' },
      { port: 0, host: '127.0.0.1', json: false },
    ],
    [
      { port: '5318', host: 'localhost', json: true },
      { port: 5318, host: '127.0.0.1', json: true },
    ],
  ])('accepts %j', (given, expected) => {
    expect(parseWebOptions(given)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [{ port: '', host: '127.0.0.1' }, /--port/],
    [{ port: '65536', host: '127.0.0.1' }, /--port/],
    [{ port: '80.5', host: '127.0.0.1' }, /--port/],
    [{ port: 'http', host: '127.0.0.1' }, /--port/],
    [{ port: '0', host: '0.0.0.0' }, /loopback/],
  ])('refuses %j', (given, message) => {
    const parsed = parseWebOptions(given);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('ends a usage error with exit 2 and one line on stderr, before listening', async () => {
    const errors: string[] = [];
    const program = buildProgram([
      createWebCommand({ stdout: () => undefined, stderr: () => undefined }),
    ]);
    program.configureOutput({
      writeErr: (text) => errors.push(text),
      outputError: (text, write) => write(text),
    });
    program.commands.forEach((c) =>
      c.configureOutput({
        writeErr: (text) => errors.push(text),
        outputError: (text, write) => write(text),
      }),
    );

    const code = await runProgram(program, ['web', '--host', '192.168.0.1']);

    expect(code).toBe(2);
    expect(errors.join('')).toBe(
      'error: --host must be a loopback address (127.0.0.1, ::1 or localhost), not "192.168.0.1"\n',
    );
  });
});
