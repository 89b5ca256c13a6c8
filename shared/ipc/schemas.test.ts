import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../session/policy';
import { FAULT_NAMES } from '../simulator/faults';
import { buildTraceHeader } from '../trace/format';
import { callSchemas, pushSchemas } from './schemas';
import { CALL_CHANNELS, PUSH_CHANNELS } from './channels';
import { describeFault, HARNESS_FAULT_NAMES } from './faults';

const hello = { type: 'hello', at: '2026-01-01T00:00:00.000Z', runId: 'r1', lastSeq: 0 };

const info = {
  productName: 'App2App Harness',
  version: '0.1.0',
  startedAt: '2026-01-01T00:00:00.000Z',
  mode: 'electron',
};

describe('contract schemas', () => {
  it('has a schema for every channel', () => {
    expect(Object.keys(callSchemas).sort()).toEqual([...CALL_CHANNELS].sort());
    expect(Object.keys(pushSchemas).sort()).toEqual([...PUSH_CHANNELS].sort());
  });

  it('app:info takes no payload and answers the app info', () => {
    const { request, response } = callSchemas['app:info'];
    expect(request.safeParse(undefined).success).toBe(true);
    expect(request.safeParse({}).success).toBe(false);
    expect(response.parse(info)).toEqual(info);
  });

  it.each([
    ['a start time that is not ISO 8601', { ...info, startedAt: 'yesterday' }],
    ['an unknown mode', { ...info, mode: 'cli' }],
    ['an empty version', { ...info, version: '' }],
    ['a missing product name', { ...info, productName: undefined }],
  ])('app:info answers refuse %s', (_name, value) => {
    expect(callSchemas['app:info'].response.safeParse(value).success).toBe(false);
  });

  it('events:batch carries arrays of known events only', () => {
    const batch = pushSchemas['events:batch'];
    expect(batch.safeParse([]).success).toBe(true);
    expect(batch.safeParse([hello]).success).toBe(true);
    expect(batch.safeParse([{ type: 'hello', at: '2026-01-01T00:00:00.000Z' }]).success).toBe(
      false,
    );
    expect(batch.safeParse([{ type: 'nope', at: '2026-01-01T00:00:00.000Z' }]).success).toBe(false);
    expect(batch.safeParse({ type: 'hello' }).success).toBe(false);
  });
});

const header = buildTraceHeader(
  { harnessVersion: '0.1.0', role: 'client', profile: 'app2app', policy: {} },
  Date.UTC(2026, 0, 1),
  true,
);
const traceEvent = {
  seq: 1,
  t: 0,
  at: '2026-01-01T00:00:00.000Z',
  kind: 'session',
  from: 'offline',
  to: 'connecting',
  reason: 'start',
};
const session = {
  role: 'client',
  connected: true,
  peer: { kind: 'embedded' },
  peerVersion: '1.0.0',
  profile: 'app2app',
  state: 'ready',
  reason: 'login succeeded',
  dialing: false,
  counters: {
    logins: 1,
    loginAttempts: 2,
    busyRetries: 1,
    timeouts: 0,
    retries: 0,
    recoveredPayments: 0,
    reconnects: 0,
    ignoredRequests: 0,
  },
  loginAttempts: 0,
  ops: [{ op: 'A-1', name: 'pay', stage: 'sent', serviceIds: ['1'], remainingMs: 1200 }],
  queued: 0,
  policy: DEFAULT_POLICY,
};

describe('the new domains', () => {
  const pay = callSchemas['requests:pay'].request;

  it.each([
    ['12.50', 'EUR'],
    ['12', 'EUR'],
    ['1000', 'JPY'],
    ['1.234', 'KWD'],
  ])('requests:pay takes %s %s', (amount, currency) => {
    expect(pay.safeParse({ amount, currency }).success).toBe(true);
  });

  it.each([
    [{ amount: '12.345', currency: 'EUR' }, 'more decimals'],
    [{ amount: '1.5', currency: 'JPY' }, 'more decimals'],
    [{ amount: '0.00', currency: 'EUR' }, 'more than zero'],
    [{ amount: '-1', currency: 'EUR' }, 'decimal amount'],
    [{ amount: 12.5, currency: 'EUR' }, 'string'],
    [{ amount: '1', currency: 'eur' }, 'ISO 4217'],
    [{ amount: '1', currency: 'EUR', saleTransactionId: 'has space' }, 'letters and digits'],
    [{ amount: '1', currency: 'EUR', tip: '1' }, 'tip'],
  ])('requests:pay refuses %j', (payload, reason) => {
    const parsed = pay.safeParse(payload);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(reason);
  });

  it('faults:apply takes every simulator fault command and both client-side faults', () => {
    const apply = callSchemas['faults:apply'].request;
    expect(apply.parse({ fault: 'dropLink' })).toEqual({ fault: 'dropLink', linkId: 'all' });
    expect(apply.parse({ fault: 'restartDuringPayment' })).toEqual({
      fault: 'restartDuringPayment',
      phase: 'authorising',
    });
    expect(apply.parse({ fault: 'restartClient' })).toEqual({ fault: 'restartClient' });
    expect(apply.parse({ fault: 'logout' })).toEqual({ fault: 'logout' });
    expect(apply.safeParse({ fault: 'logout', now: true }).success).toBe(false);
    expect(apply.safeParse({ fault: 'busyNextLogins' }).success).toBe(false);
    expect(apply.safeParse({ fault: 'meteor' }).success).toBe(false);
  });

  it('names every fault once, with its documented accessible name', () => {
    expect([...HARNESS_FAULT_NAMES].sort()).toEqual(
      [...FAULT_NAMES, 'restartClient', 'logout', 'ignoreNextRequests', 'dropUpstreamLink'].sort(),
    );
    expect(HARNESS_FAULT_NAMES.slice(0, 10).map((f) => describeFault(f).label)).toEqual([
      'Update payment app',
      'Restart payment app',
      'Restart POS app',
      'Drop link',
      'Logout',
      'BUSY next logins',
      'Lose next response',
      'Approve then lose response',
      'Restart during payment',
      'Silent session reset',
    ]);
  });

  it('simulator:configure takes a client, terminal or proxy role and refuses the rest', () => {
    const configure = callSchemas['simulator:configure'].request;
    for (const ok of [
      { role: 'client', peer: 'embedded' },
      { role: 'client', peer: { url: 'wss://terminal.local:8443/nexo' }, profile: 'nexo' },
      { role: 'terminal', port: 0, settings: { initMs: 0, currency: 'SEK' } },
      { role: 'terminal', port: 0, tcpPort: 7778 },
      { role: 'client', peer: { url: 'tcp://127.0.0.1:7778' } },
      { role: 'proxy', listen: { wire: 'tcp', port: 0 }, upstream: 'ws://127.0.0.1:4100/nexo' },
      { role: 'proxy', listen: { wire: 'local-api', port: 0 }, upstream: 'http://127.0.0.1:8080' },
      {
        role: 'proxy',
        listen: { wire: 'terminal-api', port: 8443 },
        upstream: 'https://127.0.0.1:8443/nexo',
        terminalApi: {
          insecure: true,
          key: { keyIdentifier: 'k', keyVersion: 1, passphrase: 'p' },
        },
      },
    ])
      expect(configure.safeParse(ok).success).toBe(true);
    for (const bad of [
      { role: 'terminal', port: -1 },
      { role: 'terminal', port: 1.5 },
      { role: 'client', peer: 'external' },
      { role: 'client', peer: { url: 'ftp://x' } },
      { role: 'client', peer: { url: 'tcp://127.0.0.1' } },
      { role: 'terminal', port: 0, tcpPort: 70000 },
      { role: 'client', peer: 'embedded', profile: 'verifone' },
      { role: 'client', peer: 'embedded', settings: { initMs: -5 } },
      { role: 'observer' },
      { role: 'proxy', listen: { wire: 'udp', port: 0 }, upstream: 'tcp://127.0.0.1:1' },
      { role: 'proxy', listen: { wire: 'tcp', port: 0 }, upstream: 'tcp://127.0.0.1' },
      // The Terminal API trust and key belong to the Terminal API pair only.
      {
        role: 'proxy',
        listen: { wire: 'tcp', port: 0 },
        upstream: 'tcp://127.0.0.1:1',
        terminalApi: { insecure: true },
      },
    ])
      expect(configure.safeParse(bad).success).toBe(false);
  });

  it('session:connect and session:setPolicy validate at the edge', () => {
    const connect = callSchemas['session:connect'].request;
    expect(connect.safeParse({ peer: 'embedded' }).success).toBe(true);
    expect(connect.safeParse({ peer: 'external', url: 'ws://127.0.0.1:9/nexo' }).success).toBe(
      true,
    );
    expect(connect.safeParse({ peer: 'external' }).success).toBe(false);
    expect(connect.safeParse({ peer: 'external', url: 'ws://a b' }).success).toBe(false);
    const policy = callSchemas['session:setPolicy'].request;
    expect(policy.safeParse({ paymentTimeoutMs: 5000 }).success).toBe(true);
    expect(policy.safeParse({ paymentTimeoutMs: '5000' }).success).toBe(false);
    expect(policy.safeParse({ bogus: 1 }).success).toBe(false);
  });

  it('events:since and trace:exportMermaid take bounded selections', () => {
    const since = callSchemas['events:since'].request;
    expect(since.safeParse({ afterSeq: 0 }).success).toBe(true);
    expect(since.safeParse({ afterSeq: 0, limit: 0 }).success).toBe(false);
    expect(since.safeParse({ afterSeq: 0, limit: 1_000_000 }).success).toBe(false);
    const mermaid = callSchemas['trace:exportMermaid'].request;
    expect(mermaid.safeParse({ kinds: ['message', 'fault'], fromSeq: 3 }).success).toBe(true);
    expect(mermaid.safeParse({ kinds: ['gossip'] }).success).toBe(false);
    expect(mermaid.safeParse({ seqs: [0] }).success).toBe(false);
  });

  it('events:batch carries every push type, and trace events only of known kinds', () => {
    const batch = pushSchemas['events:batch'];
    const run = {
      runId: 'r1',
      role: 'client',
      peer: { kind: 'embedded' },
      nexoUrl: 'ws://127.0.0.1:1234/nexo',
      profile: 'app2app',
      header,
    };
    const all = [
      hello,
      { type: 'run', run },
      { type: 'trace', event: traceEvent },
      { type: 'session', session },
      {
        type: 'simulator',
        simulator: { role: 'client', peer: null, simulator: null, nexoUrl: null },
      },
      {
        type: 'faults',
        faults: [
          { fault: 'logout', label: 'Logout', description: 'd', enabled: false, reason: 'r' },
        ],
      },
      { type: 'recording', recording: false, skipped: 3 },
    ];
    expect(batch.safeParse(all).success).toBe(true);
    expect(
      batch.safeParse([{ type: 'trace', event: { ...traceEvent, kind: 'gossip' } }]).success,
    ).toBe(false);
    expect(
      batch.safeParse([{ type: 'session', session: { ...session, state: 'dancing' } }]).success,
    ).toBe(false);
  });
});
