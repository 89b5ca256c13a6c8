import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTrace } from '@shared/trace/reader';
import type { TraceEvent } from '@shared/trace/events';
import { createSimulator, type Simulator } from '../../core/simulator';
import { RealClock } from '../../core/time/real-clock';
import { buildProgram, runProgram } from '../program';
import { createExecCommand } from './exec';

/** Simulator timings that keep a run short without changing what happens in it. */
const FAST_SIM = ['--sim', 'initMs=0', '--sim', 'cardMs=20', '--sim', 'authMs=20'];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-exec-'));
});
afterEach(async () => {
  process.exitCode = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function exec(...args: string[]): Promise<{ code: number; out: string[]; err: string }> {
  let out = '';
  let err = '';
  const program = buildProgram([
    createExecCommand({ stdout: (t) => void (out += t), stderr: (t) => void (err += t) }),
  ]);
  const code = await runProgram(program, ['exec', ...args]);
  return { code, out: out.split('\n').filter((l) => l !== ''), err };
}

function jsonLines(out: readonly string[]): Record<string, unknown>[] {
  return out.map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function readTrace(path: string): Promise<readonly TraceEvent[]> {
  const parsed = parseTrace(await readFile(path, 'utf8'));
  if (!parsed.ok) throw new Error(`line ${parsed.error.line}: ${parsed.error.reason}`);
  expect(parsed.value.warnings).toEqual([]);
  return parsed.value.events;
}

describe('a2a exec: arguments', () => {
  it.each([
    [['login'], /--endpoint URL or --embedded/],
    [['--embedded', '--endpoint', 'ws://127.0.0.1:1/nexo', 'login'], /cannot be used with/],
    [['--endpoint', 'ftp://127.0.0.1:1/nexo', 'login'], /the scheme ftp: is not supported/],
    [['--endpoint', 'tcp://127.0.0.1', 'login'], /a tcp:\/\/ endpoint needs a port/],
    [
      ['--embedded', '--wire', 'carrier-pigeon', 'login'],
      /--wire "carrier-pigeon" is not one of ws, tcp/,
    ],
    [['--endpoint', 'ws://127.0.0.1:1/nexo', 'fault:restart'], /need --embedded/],
    [
      ['--endpoint', 'ws://127.0.0.1:1/nexo', '--sim', 'initMs=0', 'login'],
      /--sim needs --embedded/,
    ],
    [['--embedded', 'login', 'pay:12.505'], /more decimals/],
    [['--embedded', 'dance'], /unknown step "dance"/],
    [['--embedded', '--policy', 'paymentTimeoutMs=soon', 'login'], /paymentTimeoutMs/],
    [['--embedded', '--policy', 'nope=1', 'login'], /unknown policy key "nope"/],
    [['--embedded', '--sim', 'cardMs=-1', 'login'], /--sim/],
    [['--embedded', '--sim', 'colour=red', 'login'], /unknown --sim key "colour"/],
    [['--embedded', '--profile', 'acme', 'login'], /unknown profile "acme"/],
    [['--embedded', '--seed', 'x', 'login'], /--seed/],
    [['--embedded'], /missing required argument/],
  ])('exits 2 with one line for %j', async (args, message) => {
    const { code, out, err } = await exec(...args);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
  });
});

describe('a2a exec: runs', () => {
  it('recovers an approve-then-drop payment and writes the whole story to the trace', async () => {
    const trace = join(dir, 't.jsonl');
    const { code, out, err } = await exec(
      '--embedded',
      ...FAST_SIM,
      '--policy',
      'paymentTimeoutMs=800',
      '--trace',
      trace,
      '--json',
      '--seed',
      '42',
      'login',
      'pay:12.50',
      'fault:approveThenDrop',
      'pay:3.00',
      'fault:restart',
      'status',
    );
    expect(err).toBe('');
    expect(code).toBe(0);

    const lines = jsonLines(out);
    const ops = lines.filter((l) => 'op' in l);
    expect(ops.map((l) => [l.op, l.outcome, l.result])).toEqual([
      ['login', 'succeeded', 'Success'],
      ['pay', 'approved', 'approved'],
      ['pay', 'recovered', 'approved'],
      ['status', 'succeeded', 'Success'],
    ]);
    expect(ops[1]).toMatchObject({ amountMinor: 1250, currency: 'EUR', step: 'pay:12.50' });
    expect(ops[2]).toMatchObject({ amountMinor: 300, statusServiceIds: [expect.any(String)] });
    const sessions = lines.filter((l) => l.event === 'session');
    expect(sessions.map((l) => l.to)).toContain('ready');
    expect(sessions.map((l) => l.to)).toContain('recovering');
    // Every line is either an operation or a session transition.
    expect(ops.length + sessions.length).toBe(lines.length);

    const events = await readTrace(trace);
    const finals = events.filter((e) => e.kind === 'op' && e.phase !== 'invoke');
    expect(finals.map((e) => (e.kind === 'op' ? [e.name, e.outcome] : []))).toEqual([
      ['login', 'succeeded'],
      ['pay', 'approved'],
      ['pay', 'recovered'],
      ['status', 'succeeded'],
    ]);
    const approvals = events.flatMap((e) =>
      e.kind === 'ledger' && e.change === 'recorded' ? [e.entry] : [],
    );
    expect(approvals.map((e) => [e.amountMinor, e.result])).toEqual([
      [1250, 'approved'],
      [300, 'approved'],
    ]);
    expect(new Set(approvals.map((e) => e.saleTransactionId)).size).toBe(2);
    expect(
      events.filter((e) => e.kind === 'fault').map((e) => e.kind === 'fault' && e.name),
    ).toEqual(expect.arrayContaining(['approveThenDrop', 'restart']));
    expect(events.some((e) => e.kind === 'timeout' && e.category === 'Payment')).toBe(true);
    // The client's side of the wire only: the simulator saw the same frames.
    const observers = new Set(events.flatMap((e) => ('observer' in e ? [e.observer] : [])));
    expect(observers).toEqual(new Set(['pos']));
  });

  it('prints readable lines, reverses the last approval and exits 1 when an operation fails', async () => {
    const { code, out } = await exec(
      '--embedded',
      ...FAST_SIM,
      '--policy',
      'loginBusyMaxAttempts=1',
      'login',
      'pay:10.00',
      'reverse',
      'fault:busyNextLogins:5',
      'fault:dropLink',
      'wait:20',
      'login',
    );
    expect(code).toBe(1);
    expect(out).toContainEqual(expect.stringMatching(/^login → succeeded/));
    expect(out).toContainEqual(expect.stringMatching(/^pay:10\.00 → approved \(amount 10\.00 EUR/));
    expect(out).toContainEqual(expect.stringMatching(/^reverse → succeeded/));
    expect(out).toContain('fault:busyNextLogins:5 → applied');
    expect(out).toContain('wait:20 → waited 20 ms');
    expect(out).toContainEqual(expect.stringMatching(/^login → failed/));
    expect(out).toContainEqual(expect.stringMatching(/^ {2}session \w+ → ready \(/));
  });

  it('fails a reversal with nothing to reverse, still with one line for the step', async () => {
    const { code, out } = await exec('--embedded', ...FAST_SIM, '--json', 'login', 'reverse');
    expect(code).toBe(1);
    expect(jsonLines(out).filter((l) => 'op' in l)).toEqual([
      expect.objectContaining({ op: 'login', outcome: 'succeeded' }),
      {
        op: 'reverse',
        outcome: 'failed',
        reason: 'no approved payment to reverse in this run',
        serviceIds: [],
        step: 'reverse',
      },
    ]);
  });

  it('talks to an external endpoint and records nothing without --trace', async () => {
    const clock = new RealClock();
    const simulator = createSimulator({ clock, settings: { initMs: 0 } });
    try {
      const { nexoUrl } = await simulator.listen({ port: 0 });
      const { code, out } = await exec(
        '--endpoint',
        nexoUrl,
        '--json',
        'login',
        'status',
        'logout',
      );
      expect(code).toBe(0);
      const ops = jsonLines(out).filter((l) => 'op' in l);
      // No transaction yet: the terminal answers NotFound, a known (declined) outcome.
      expect(ops.map((l) => [l.op, l.outcome])).toEqual([
        ['login', 'succeeded'],
        ['status', 'declined'],
        ['logout', 'succeeded'],
      ]);
    } finally {
      await simulator.close();
    }
  });

  it('refuses a trace file it cannot create before starting anything (exit 2)', async () => {
    const { code, err } = await exec(
      '--embedded',
      ...FAST_SIM,
      '--trace',
      join(dir, 'missing', 't.jsonl'),
      'login',
    );
    expect(code).toBe(2);
    expect(err).toMatch(/cannot create trace/);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('a2a exec over the Local API (http://)', () => {
  let simulator: Simulator;
  let httpUrl: string;
  beforeEach(async () => {
    simulator = createSimulator({
      clock: new RealClock(),
      settings: { initMs: 0, cardMs: 20, authMs: 20 },
    });
    httpUrl = (await simulator.listen({ httpPort: 0 })).httpUrl ?? '';
  });
  afterEach(async () => {
    await simulator.close();
  });

  const FAST_POLICY = [
    '--policy',
    'paymentTimeoutMs=800',
    '--policy',
    'loginBusyInitialDelayMs=20',
    '--policy',
    'loginBusyMaxDelayMs=40',
  ];

  it('runs login pay:12.50 status through BUSY logins and a lost payment response', async () => {
    simulator.busyNextLogins(2);
    simulator.dropNextResponse('Payment');
    const trace = join(dir, 'http.jsonl');
    const { code, out, err } = await exec(
      '--endpoint',
      httpUrl,
      ...FAST_POLICY,
      '--trace',
      trace,
      '--json',
      'login',
      'pay:12.50',
      'status',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const ops = jsonLines(out).filter((l) => 'op' in l);
    expect(ops.map((l) => [l.op, l.outcome])).toEqual([
      ['login', 'succeeded'],
      ['pay', 'recovered'],
      ['status', 'succeeded'],
    ]);
    expect(simulator.ledger().map((e) => [e.amountMinor, e.result])).toEqual([[1250, 'approved']]);
    const events = await readTrace(trace);
    const inbound = events.flatMap((e) =>
      e.kind === 'message' && e.direction === 'toPos' ? [e] : [],
    );
    expect(inbound.every((e) => e.wire === 'local-api')).toBe(true);
    const exchanges = new Set(
      inbound.map(
        (e) => `${e.http?.method ?? ''} ${e.http?.resource ?? ''} ${String(e.http?.status)}`,
      ),
    );
    expect(exchanges).toEqual(
      new Set(['POST /login 200', 'GET /payment 206', 'GET /payment 201', 'POST /status 200']),
    );
  });

  it('recovers a payment whose terminal restarted during the authorisation', async () => {
    simulator.restartDuringPayment('authorising');
    const { code, out, err } = await exec(
      '--endpoint',
      httpUrl,
      ...FAST_POLICY,
      '--json',
      'login',
      'pay:12.50',
      'status',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = jsonLines(out);
    expect(lines.filter((l) => 'op' in l).map((l) => [l.op, l.outcome])).toEqual([
      ['login', 'succeeded'],
      ['pay', 'recovered'],
      ['status', 'succeeded'],
    ]);
    expect(simulator.ledger()).toHaveLength(1);
  });
});

describe('a2a exec over the Terminal API', () => {
  it('pays through an external HTTPS terminal with --ca and a NexoCrypto key, traced in clear', async () => {
    const key = { keyIdentifier: 'execKey', keyVersion: 7, passphrase: 'exec passphrase' };
    const simulator = createSimulator({
      clock: new RealClock(),
      profile: 'nexo',
      settings: { initMs: 0, cardMs: 20, authMs: 20 },
      terminalApi: { key, requireEncryption: true },
    });
    try {
      const listening = await simulator.listen({ httpsPort: 0, dataDir: dir });
      const trace = join(dir, 'https.jsonl');
      const { code, out, err } = await exec(
        '--endpoint',
        listening.httpsUrl ?? '',
        '--ca',
        listening.caFile ?? '',
        '--key-id',
        key.keyIdentifier,
        '--key-version',
        String(key.keyVersion),
        '--passphrase',
        key.passphrase,
        '--trace',
        trace,
        '--json',
        'login',
        'pay:12.50',
        'status',
      );
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(
        jsonLines(out)
          .filter((l) => 'op' in l)
          .map((l) => [l.op, l.outcome]),
      ).toEqual([
        ['login', 'succeeded'],
        ['pay', 'approved'],
        ['status', 'succeeded'],
      ]);
      const text = await readFile(trace, 'utf8');
      expect(text).not.toContain(key.passphrase);
      const messages = (await readTrace(trace)).filter((e) => e.kind === 'message');
      expect(messages.length).toBeGreaterThanOrEqual(6);
      expect(
        messages.every(
          (m) => m.kind === 'message' && m.encrypted === true && m.wire === 'terminal-api',
        ),
      ).toBe(true);
    } finally {
      await simulator.close();
    }
  });

  it.each([
    [['--ca', 'x.pem', '--insecure'], /--ca and --insecure exclude each other/],
    [['--key-id', 'k'], /needs --key-id, --key-version and --passphrase/],
    [
      ['--key-id', 'k', '--key-version', 'one', '--passphrase', 'p'],
      /--key-version must be a whole number/,
    ],
  ])('refuses %j', async (flags, message) => {
    const { code, err } = await exec('--endpoint', 'https://127.0.0.1:1/nexo', ...flags, 'login');
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
