import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseServerFrame } from '@shared/ipc/api-frames';
import { parseWebOptions, parseWebScenario, runWeb, type WebConfig } from './web';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-web-scenario-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `a2a web` in-process until the test stops it; lines are collected as they come. */
function start(config: Omit<WebConfig, 'rendererDir' | 'host' | 'port'>) {
  const out: string[] = [];
  const errors: string[] = [];
  const waiting: { test: (line: string) => boolean; done: (line: string) => void }[] = [];
  const stop = new AbortController();
  const note = (list: string[]) => (line: string) => {
    list.push(line);
    for (const w of [...waiting])
      if (w.test(line)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.done(line);
      }
  };
  const exit = runWeb(
    { ...config, port: 0, host: '127.0.0.1', rendererDir: dir },
    { stdout: note(out), stderr: note(errors) },
    stop.signal,
  );
  const line = (test: (line: string) => boolean): Promise<string> => {
    const found = [...out, ...errors].find(test);
    return found !== undefined
      ? Promise.resolve(found)
      : new Promise((done) => waiting.push({ test, done }));
  };
  return { out, errors, exit, stop, line };
}

/** One call over the page's API socket. */
async function callApi(url: string, channel: string): Promise<unknown> {
  const socket = new WebSocket(url.replace(/^http/, 'ws').replace('/?', '/api?'));
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'call', id: 1, channel }));
  for (;;) {
    const [data] = (await once(socket, 'message')) as [Buffer];
    const frame = parseServerFrame(data.toString('utf8'));
    if (frame.ok && frame.value.type === 'reply') {
      socket.close();
      return frame.value.result;
    }
  }
}

describe('a2a web --profile and --scenario', () => {
  it('reads a kebab-case word as a scenario name and anything else as a file', () => {
    expect(parseWebScenario('busy-at-start')).toEqual({ kind: 'name', name: 'busy-at-start' });
    expect(parseWebScenario('mine.json')).toEqual({ kind: 'file', path: resolve('mine.json') });
    expect(parseWebScenario('./packs/x')).toEqual({ kind: 'file', path: resolve('./packs/x') });
    expect(
      parseWebOptions({ port: '0', host: '127.0.0.1', profile: 'nexo', scenario: 'login-first' }),
    ).toEqual({
      ok: true,
      value: {
        port: 0,
        host: '127.0.0.1',
        json: false,
        profile: 'nexo',
        scenario: { kind: 'name', name: 'login-first' },
      },
    });
    expect(parseWebOptions({ port: '0', host: '127.0.0.1', profile: 'visa' })).toEqual({
      ok: false,
      error: '--profile must be one of app2app, nexo, adyen, not "visa"',
    });
    expect(parseWebOptions({ port: '0', host: '127.0.0.1', scenario: ' ' }).ok).toBe(false);
  });

  it('starts the live harness with the profile and runs the scenario once listening', async () => {
    const web = start({
      json: true,
      profile: 'nexo',
      scenario: { kind: 'name', name: 'login-first' },
    });
    const { url } = JSON.parse(await web.line((l) => l.includes('listening'))) as { url: string };
    const ended = JSON.parse(await web.line((l) => l.includes('"scenario"'))) as unknown;

    expect(ended).toEqual({ event: 'scenario', name: 'login-first', pass: true, failures: [] });
    expect(await callApi(url, 'scenarios:batch')).toMatchObject({
      ok: true,
      value: { names: ['login-first'], running: false, results: [{ pass: true }] },
    });
    expect(await callApi(url, 'simulator:state')).toMatchObject({
      ok: true,
      value: { simulator: { profile: 'nexo' } },
    });
    web.stop.abort();
    expect(await web.exit).toBe(0);
    expect(web.out).toHaveLength(1);
  });

  it('adds and runs a scenario file', async () => {
    const file = join(dir, 'my-login.json');
    await writeFile(
      file,
      JSON.stringify({
        format: 'a2a-scenario',
        version: 1,
        name: 'my-login',
        title: 'My login',
        description: 'Logs in.',
        simulator: { initMs: 0 },
        steps: [
          { kind: 'login', id: 'l1' },
          { kind: 'expectOutcome', of: 'l1', outcome: 'succeeded' },
        ],
      }),
    );
    const web = start({ json: false, scenario: { kind: 'file', path: file } });
    expect(await web.line((l) => l.startsWith('a2a web: scenario'))).toBe(
      'a2a web: scenario my-login: PASS',
    );
    web.stop.abort();
    expect(await web.exit).toBe(0);
  });

  it.each([
    [{ kind: 'name', name: 'no-such-scenario' } as const, /no scenario named "no-such-scenario"/],
    [{ kind: 'file', path: '/nonexistent/x.json' } as const, /--scenario: \/nonexistent\/x\.json/],
  ])('ends with exit 2 and one line for %j', async (scenario, message) => {
    const web = start({ json: false, scenario });
    expect(await web.exit).toBe(2);
    expect(web.out).toEqual([]);
    expect(web.errors).toHaveLength(1);
    expect(web.errors[0]).toMatch(message);
  });
});
