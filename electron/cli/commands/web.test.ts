import { once } from 'node:events';
import { existsSync, readFileSync, watch } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { buildProgram, runProgram } from '../program';
import { captureLines } from '../testing/in-process';
import { DEFAULT_POLICY } from '@shared/session/policy';
import { DEFAULT_SIMULATOR_SETTINGS } from '@shared/simulator/profiles';
import { createHarnessCore } from '../../core/harness';
import { createWebCommand, parseWebOptions, runWeb, webCoreOptions, type WebConfig } from './web';
import { hostTimingValues } from './web-timing';

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

/** The ServiceID reservation saved in `dir`, if a whole state file is there. */
function reservedUntil(dir: string): number | undefined {
  try {
    const state = JSON.parse(readFileSync(join(dir, 'service-ids.json'), 'utf8')) as {
      reservedUntil?: unknown;
    };
    return typeof state.reservedUntil === 'number' ? state.reservedUntil : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One `a2a web --data-dir DIR` run until its live session has taken a ServiceID beyond `floor`
 * (the first Login does, at start-up): resolves with the reservation then saved. Waits on the
 * folder's change events, not on time.
 */
async function runUntilReservedBeyond(dataDir: string, floor: number): Promise<number> {
  let reached: (value: number) => void = () => undefined;
  const reservation = new Promise<number>((done) => (reached = done));
  const check = (): void => {
    const value = reservedUntil(dataDir);
    if (value !== undefined && value > floor) reached(value);
  };
  const watcher = watch(dataDir, check);
  const stop = new AbortController();
  const io = captureLines();
  try {
    const exit = runWeb(
      { port: 0, host: '127.0.0.1', json: true, rendererDir, dataDir },
      io.io,
      stop.signal,
    );
    await io.firstLine;
    check();
    const value = await reservation;
    stop.abort();
    expect(await exit).toBe(0);
    return value;
  } finally {
    watcher.close();
  }
}

describe('a2a web --data-dir', () => {
  it('keeps ServiceIDs across browser-mode runs, like the desktop app its user data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'a2a-web-data-'));
    try {
      // Far beyond where a fresh state (seeded from the wall clock) would start: a run that did
      // not read the folder could not go past it.
      const seeded = 36 ** 9;
      await writeFile(
        join(dataDir, 'service-ids.json'),
        JSON.stringify({ version: 1, reservedUntil: seeded }),
      );

      const first = await runUntilReservedBeyond(dataDir, seeded);
      const second = await runUntilReservedBeyond(dataDir, first);

      expect(second).toBeGreaterThan(first);
      // The folder is the caller's: stopping the host leaves it and its files in place.
      expect(existsSync(join(dataDir, 'service-ids.json'))).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
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
    [
      { port: '0', host: '127.0.0.1', dataDir: 'harness-data' },
      { port: 0, host: '127.0.0.1', json: false, dataDir: resolve('harness-data') },
    ],
    [
      { port: '0', host: '127.0.0.1', endpoint: 'tcp://127.0.0.1:7778' },
      {
        port: 0,
        host: '127.0.0.1',
        json: false,
        initial: { role: 'client', peer: { url: 'tcp://127.0.0.1:7778' } },
      },
    ],
    [
      { port: '0', host: '127.0.0.1', listen: ['tcp:7778'], profile: 'nexo' },
      {
        port: 0,
        host: '127.0.0.1',
        json: false,
        profile: 'nexo',
        initial: { role: 'terminal', port: 0, tcpPort: 7778, profile: 'nexo' },
      },
    ],
    [
      { port: '0', host: '127.0.0.1', listen: ['ws:4100', 'http:8080'] },
      {
        port: 0,
        host: '127.0.0.1',
        json: false,
        initial: { role: 'terminal', port: 4100, httpPort: 8080 },
      },
    ],
    [
      { port: '0', host: '127.0.0.1', timing: 'fast' },
      { port: 0, host: '127.0.0.1', json: false, timing: 'fast' },
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
    [{ port: '0', host: '127.0.0.1', dataDir: ' ' }, /--data-dir/],
    [{ port: '0', host: '127.0.0.1', endpoint: 'tcp://x' }, /--endpoint .*needs a port/],
    [{ port: '0', host: '127.0.0.1', listen: ['tcp'] }, /--listen "tcp" is not WIRE:PORT/],
    [{ port: '0', host: '127.0.0.1', timing: 'quick' }, /--timing must be one of realistic, fast/],
    [
      { port: '0', host: '127.0.0.1', endpoint: 'ws://127.0.0.1:1/nexo', listen: ['tcp:0'] },
      /exclude each other/,
    ],
  ])('refuses %j', (given, message) => {
    const parsed = parseWebOptions(given);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('ends a usage error with exit 2 and one line on stderr, before listening', async () => {
    const errors: string[] = [];
    const program = buildProgram([
      createWebCommand('out/renderer', { stdout: () => undefined, stderr: () => undefined }),
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

describe('a2a web --timing', () => {
  const base: WebConfig = { port: 0, host: '127.0.0.1', json: true, rendererDir: '' };

  /** The live core's simulator settings and session policy once it started with `config`. */
  async function startedWith(config: WebConfig) {
    const core = createHarnessCore(webCoreOptions(config));
    try {
      await core.ready();
      const state = await core.calls['simulator:state'](undefined);
      const policy = await core.calls['session:getPolicy'](undefined);
      if (!state.ok || !policy.ok) throw new Error('the core did not answer');
      return { settings: state.value.simulator?.settings, policy: policy.value };
    } finally {
      await core.stop();
    }
  }

  it('realistic (the default) keeps the product defaults', async () => {
    const started = await startedWith(base);
    expect(started.settings).toEqual(DEFAULT_SIMULATOR_SETTINGS);
    expect(started.policy).toEqual(DEFAULT_POLICY);
  });

  it('fast shortens the simulator phases and the client backoffs, not the response timeouts', async () => {
    const fast = hostTimingValues('fast');
    const started = await startedWith({ ...base, timing: 'fast', profile: 'nexo' });
    expect(started.settings).toEqual({ ...DEFAULT_SIMULATOR_SETTINGS, ...fast.settings });
    expect(started.settings!.initMs).toBeLessThan(DEFAULT_SIMULATOR_SETTINGS.initMs);
    expect(started.policy).toEqual({ ...DEFAULT_POLICY, ...fast.policy });
    expect(started.policy.loginTimeoutMs).toBe(DEFAULT_POLICY.loginTimeoutMs);
    expect(started.policy.paymentTimeoutMs).toBe(DEFAULT_POLICY.paymentTimeoutMs);
  });

  it('fast applies to the terminal role of --listen too', async () => {
    const parsed = parseWebOptions({
      port: '0',
      host: '127.0.0.1',
      listen: ['ws:0'],
      timing: 'fast',
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const started = await startedWith({ ...base, ...parsed.value });
    expect(started.settings?.initMs).toBe(hostTimingValues('fast').settings.initMs);
  });
});
