import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../core/simulator';
import { RealClock } from '../../core/time/real-clock';
import { buildProgram, runProgram } from '../program';
import { captureLines, runInProcess } from '../testing/in-process';
import { createCheckCommand } from './check';
import { createExecCommand } from './exec';
import { createProxyCommand, parseProxyFlags, runProxy } from './proxy';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-proxy-cli-'));
});
afterEach(async () => {
  process.exitCode = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('a2a proxy flags', () => {
  it.each([
    [{ upstream: 'tcp://127.0.0.1:7778' }, '--listen WIRE:PORT is required'],
    [{ listen: 'tcp:7778' }, '--upstream ENDPOINT is required'],
    [{ listen: 'udp:1', upstream: 'tcp://127.0.0.1:7778' }, 'is not WIRE:PORT'],
    [{ listen: 'tcp:0', upstream: 'tcp://127.0.0.1' }, 'needs a port'],
    [
      { listen: 'tcp:0', upstream: 'http://127.0.0.1:8080' },
      'supported: WebSocket or nexo over TCP',
    ],
    [
      { listen: 'tcp:0', upstream: 'tcp://127.0.0.1:7778', controlPort: 'x' },
      '--control-port must be',
    ],
    [
      { listen: 'http:0', upstream: 'https://127.0.0.1:8443/nexo' },
      'supported: WebSocket or nexo over TCP',
    ],
    [
      { listen: 'tcp:0', upstream: 'tcp://127.0.0.1:7778', ca: 'ca.pem' },
      '--ca is for the Terminal API pair',
    ],
    [
      { listen: 'http:0', upstream: 'http://127.0.0.1:8080', keyId: 'k' },
      '--key-id is for the Terminal API pair',
    ],
    [
      { listen: 'https:0', upstream: 'https://127.0.0.1:8443/nexo', ca: 'ca.pem', insecure: true },
      '--ca and --insecure exclude each other',
    ],
    [
      { listen: 'https:0', upstream: 'https://127.0.0.1:8443/nexo', requireEncryption: true },
      '--require-encryption needs the key',
    ],
    [
      { listen: 'http:0', upstream: 'http://127.0.0.1:8080', httpWaitMs: 'soon' },
      '--http-wait-ms must be',
    ],
  ])('refuses %o', (flags, message) => {
    const parsed = parseProxyFlags(flags);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('takes the same HTTP wire on both sides, and the Terminal API trust and key', () => {
    expect(
      parseProxyFlags({ listen: 'http:0', upstream: 'http://127.0.0.1:8080', httpWaitMs: '500' }),
    ).toMatchObject({ ok: true, value: { listen: { wire: 'local-api' }, httpWaitMs: 500 } });
    expect(
      parseProxyFlags({
        listen: 'https:8443',
        upstream: 'https://192.0.2.10:8443/nexo',
        ca: '/tmp/terminal-ca.pem',
        keyId: 'k',
        keyVersion: '2',
        passphrase: 'p',
        requireEncryption: true,
        dataDir: '/tmp/a2a',
      }),
    ).toEqual({
      ok: true,
      value: expect.objectContaining({
        listen: { wire: 'terminal-api', port: 8443 },
        terminalApi: {
          caFile: '/tmp/terminal-ca.pem',
          key: { keyIdentifier: 'k', keyVersion: 2, passphrase: 'p' },
        },
        requireEncryption: true,
        dataDir: '/tmp/a2a',
      }),
    });
  });

  it('exits 2 with the reason for a pair it cannot join', async () => {
    const run = await runInProcess(
      ['proxy', '--listen', 'http:0', '--upstream', 'tcp://127.0.0.1:7778'],
      (io) => [createProxyCommand(io)],
    );
    expect(run.code).toBe(2);
    expect(run.usage).toMatch(/cannot join Local API \(HTTP\).*supported:/);
  });
});

describe('a2a proxy', () => {
  it('prints one JSON line, forwards a POS to the terminal, and judges it at the end', async () => {
    const clock = new RealClock();
    const simulator = createSimulator({ clock, settings: { initMs: 0, cardMs: 10, authMs: 10 } });
    const { tcpUrl } = await simulator.listen({ port: 0, tcpPort: 0 });
    const io = captureLines();
    const stop = new AbortController();
    const trace = join(dir, 'proxy.jsonl');
    const parsed = parseProxyFlags({
      listen: 'tcp:0',
      upstream: tcpUrl ?? '',
      trace,
      json: true,
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const exit = runProxy(parsed.value, io.io, stop.signal);
    try {
      const line = JSON.parse(await io.firstLine) as Record<string, string>;
      expect(Object.keys(line)).toEqual(['event', 'listenUrl', 'upstream', 'controlUrl', 'token']);
      expect(line.listenUrl).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
      expect(line.upstream).toBe(tcpUrl);

      let out = '';
      const program = buildProgram([
        createExecCommand({ stdout: (t) => void (out += t), stderr: () => undefined }),
      ]);
      const code = await runProgram(program, [
        'exec',
        '--endpoint',
        line.listenUrl ?? '',
        '--json',
        'login',
        'pay:12.50',
        'status',
      ]);
      expect(code).toBe(0);
      expect(out).toContain('"outcome":"approved"');
      expect(simulator.ledger()).toHaveLength(1);
    } finally {
      stop.abort();
      await simulator.close();
    }
    expect(await exit).toBe(0);
    // The proxy's trace is one a2a check reads like any other, and this POS followed the rules.
    const judged = await runInProcess(['check', trace], (io) => [createCheckCommand(io)]);
    expect(judged.stdout).toContain('proxy role');
    expect(judged.code).toBe(0);
  });
});
