import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEndpoint, type Wire } from '@shared/link/endpoint';
import { MAX_FRAME_BYTES } from '@shared/protocol/limits';
import { runCheckers } from '@shared/trace/checkers';
import { parseTrace } from '@shared/trace/reader';
import { buildProgram, runProgram } from '../../cli/program';
import { createExecCommand } from '../../cli/commands/exec';
import { encodeFrame, FrameDecoder } from '../link/length-prefix';
import { createSimulator, type Listening, type Simulator } from '../simulator';
import { RealClock } from '../time/real-clock';
import { createTraceRecorder } from '../trace/recorder';
import { SUPPORTED_PAIRS } from '@shared/proxy/pairs';
import { PROXY_OBSERVERS, serveProxy, type ProxyServer } from './serve';
import * as req from '../simulator/testing/requests';

let dir: string;
/** One data folder for the file: the TLS identity (an RSA key) is made once, then reused. */
let tlsDir: string;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  tlsDir = await mkdtemp(join(tmpdir(), 'a2a-proxy-tls-'));
});
afterAll(async () => {
  await rm(tlsDir, { recursive: true, force: true });
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-proxy-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  process.exitCode = undefined;
  await rm(dir, { recursive: true, force: true });
});

interface Rig {
  readonly simulator: Simulator;
  readonly listening: Listening;
  readonly server: ProxyServer;
}

/** The NexoCrypto key of the Terminal API pair: the POS, the proxy and the terminal share it. */
const KEY = { keyIdentifier: 'proxyKey', keyVersion: 1, passphrase: 'proxy passphrase' };

function addressOf(listening: Listening, wire: Wire): string {
  const urls: Record<Wire, string | undefined> = {
    ws: listening.nexoUrl,
    tcp: listening.tcpUrl,
    'local-api': listening.httpUrl,
    'terminal-api': listening.httpsUrl,
  };
  const url = urls[wire];
  if (url === undefined) throw new Error(`the simulator does not listen on ${wire}`);
  return url;
}

async function rig(listen: Wire, upstream: Wire, tracePath?: string): Promise<Rig> {
  const clock = new RealClock();
  const simulator = createSimulator({
    clock,
    settings: { initMs: 0, cardMs: 20, authMs: 20 },
    // The terminal takes only sealed requests: what reaches it went through NexoCrypto.
    terminalApi: { key: KEY, requireEncryption: true },
  });
  const listening = await simulator.listen({
    port: 0,
    tcpPort: 0,
    httpPort: 0,
    httpsPort: 0,
    dataDir: tlsDir,
  });
  cleanups.push(() => simulator.close());
  const terminal = parseEndpoint(addressOf(listening, upstream));
  if (!terminal.ok) throw new Error(terminal.error);
  const served = await serveProxy({
    clock,
    listen: { wire: listen, port: 0 },
    upstream: terminal.value,
    ...(upstream === 'terminal-api'
      ? { terminalApi: { caFile: listening.caFile ?? '', key: KEY }, dataDir: tlsDir }
      : {}),
  });
  if (!served.ok) throw new Error(served.error);
  const server = served.value;
  cleanups.push(() => server.close());
  if (tracePath !== undefined) {
    const recorder = await createTraceRecorder({
      path: tracePath,
      clock,
      observers: PROXY_OBSERVERS,
      header: { role: 'proxy', profile: 'proxy', policy: {} },
    });
    if (!recorder.ok) throw new Error(recorder.error);
    server.proxy.onEvent(recorder.value.record);
    cleanups.unshift(async () => {
      await recorder.value.close();
    });
  }
  return { simulator, listening, server };
}

async function control(server: ProxyServer, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.controlUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${server.token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function exec(
  ...args: string[]
): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  let out = '';
  const program = buildProgram([
    createExecCommand({ stdout: (t) => void (out += t), stderr: () => undefined }),
  ]);
  const code = await runProgram(program, ['exec', ...args]);
  const lines = out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines };
}

/** Every pair the proxy joins (README "The proxy role"). */
const PAIRS: readonly (readonly [Wire, Wire])[] = [
  ['ws', 'ws'],
  ['tcp', 'tcp'],
  ['ws', 'tcp'],
  ['tcp', 'ws'],
  ['local-api', 'local-api'],
  ['terminal-api', 'terminal-api'],
];

/** What `a2a exec` needs beside the endpoint to reach the proxy on its wire. */
function clientFlags(server: ProxyServer, listen: Wire): string[] {
  if (listen !== 'terminal-api') return [];
  return [
    '--ca',
    server.caFile ?? '',
    '--key-id',
    KEY.keyIdentifier,
    '--key-version',
    String(KEY.keyVersion),
    '--passphrase',
    KEY.passphrase,
  ];
}

describe('a2a proxy between the reference client and the simulator', () => {
  it.each(PAIRS)(
    '%s → %s: an approval lost in the middle is recovered through TransactionStatus, charged once',
    async (listen, upstream) => {
      const tracePath = join(dir, 'proxy.jsonl');
      const { simulator, server } = await rig(listen, upstream, tracePath);
      const armed = await control(server, '/faults', { fault: 'approveThenDrop' });
      expect(armed.status).toBe(200);

      const run = await exec(
        '--endpoint',
        server.listenUrl,
        ...clientFlags(server, listen),
        '--policy',
        'paymentTimeoutMs=800',
        '--json',
        'login',
        'pay:12.50',
      );
      expect(run.code).toBe(0);
      expect(run.lines.find((l) => l.op === 'pay')).toMatchObject({
        outcome: 'recovered',
        result: 'approved',
      });
      expect(simulator.ledger().filter((e) => e.result === 'approved')).toHaveLength(1);

      const state = (await (await control(server, '/state')).json()) as {
        ledger: unknown[];
        faults: { approveThenDrop: boolean };
      };
      expect(state.ledger).toHaveLength(1);
      expect(state.faults.approveThenDrop).toBe(false);

      await server.close();
      for (const cleanup of cleanups.splice(0, 1)) await cleanup();
      const parsed = parseTrace(await readFile(tracePath, 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error.reason);
      const messages = parsed.value.events.filter((e) => e.kind === 'message');
      const paymentResponses = messages.filter(
        (e) => at(e.json, 'SaleToPOIResponse', 'MessageHeader', 'MessageCategory') === 'Payment',
      );
      // On the terminal leg, once, dropped; never on the POS leg.
      expect(paymentResponses.map((e) => [e.observer, e.leg, e.proxied])).toEqual([
        ['proxy', 'terminal', 'dropped'],
      ]);
      if (listen === 'terminal-api') {
        // Sealed on both legs: every message the POS exchanged, and the lost one, was encrypted.
        expect(messages.every((e) => e.encrypted === true && e.wire === 'terminal-api')).toBe(true);
      }
      const verdicts = runCheckers(parsed.value);
      expect(verdicts.filter((v) => !v.pass)).toEqual([]);
    },
  );

  it('closing either side closes the other, as a cable would', async () => {
    const { simulator, server } = await rig('tcp', 'tcp');
    const pos = await tcpPos(server.listenUrl);
    pos.send(req.login('L1'));
    await pos.next();
    expect(simulator.state().links).toHaveLength(1);
    pos.socket.end();
    await new Promise<void>((done) => {
      const off = simulator.onEvent((event) => {
        if (event.kind === 'link' && event.change === 'closed') {
          off();
          done();
        }
      });
    });
    expect(simulator.state().links).toHaveLength(0);

    const second = await tcpPos(server.listenUrl);
    second.send(req.login('L2'));
    await second.next();
    simulator.dropLink('all');
    await second.closed;
  });

  it('refuses a pair it cannot translate, naming the pairs it supports', async () => {
    const terminal = parseEndpoint('http://127.0.0.1:9/');
    if (!terminal.ok) throw new Error(terminal.error);
    const served = await serveProxy({
      clock: new RealClock(),
      listen: { wire: 'tcp', port: 0 },
      upstream: terminal.value,
    });
    expect(served.ok).toBe(false);
    if (!served.ok) expect(served.error).toContain(`supported: ${SUPPORTED_PAIRS}`);
  });
});

function at(value: unknown, ...keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    current =
      typeof current === 'object' && current !== null
        ? (current as Record<string, unknown>)[key]
        : undefined;
  }
  return current;
}

interface TcpPos {
  readonly socket: Socket;
  send(message: unknown): void;
  next(): Promise<unknown>;
  readonly closed: Promise<void>;
}

function tcpPos(url: string): Promise<TcpPos> {
  const endpoint = parseEndpoint(url);
  if (!endpoint.ok) throw new Error(endpoint.error);
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint.value.port, endpoint.value.host);
    const decoder = new FrameDecoder(MAX_FRAME_BYTES);
    const frames: unknown[] = [];
    let waiter: (() => void) | undefined;
    socket.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk)) {
        if (frame.kind === 'frame') frames.push(JSON.parse(frame.text));
      }
      waiter?.();
    });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        socket,
        send: (message) => socket.write(encodeFrame(JSON.stringify(message))),
        async next() {
          while (frames.length === 0) await new Promise<void>((done) => (waiter = done));
          return frames.shift();
        },
        closed,
      }),
    );
  });
}
