import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { CallChannel, CallRequest, CallResponse, OperationResult } from '@shared/ipc';
import { callSchemas } from '@shared/ipc/schemas';
import type { SessionPolicy } from '@shared/session/policy';
import { summariseMessage } from '@shared/trace/view';
import type { TraceEvent } from '@shared/trace/events';
import { createHarnessCore, type HarnessCore } from '../harness';
import { createSimulator, type Simulator } from '../simulator';
import { login as loginFrame } from '../simulator/testing/requests';
import { RealClock } from '../time/real-clock';
import { dispatchCall } from './dispatch';
import { recordEvents, type EventLog } from './testing/event-log';

// Real time, short timings: the simulator initialises for 300 ms (Logins meanwhile answer Busy),
// cards and authorisations take 30 ms, and the client gives up on a lost answer quickly.
const SETTINGS = { initMs: 300, cardMs: 30, authMs: 30 };
const POLICY: Partial<SessionPolicy> = {
  loginTimeoutMs: 1_000,
  logoutTimeoutMs: 500,
  statusTimeoutMs: 400,
  adminTimeoutMs: 500,
  reversalTimeoutMs: 800,
  paymentTimeoutMs: 600,
  abortTimeoutMs: 500,
  queueTimeoutMs: 10_000,
  loginBusyInitialDelayMs: 100,
  loginBusyMaxDelayMs: 200,
  loginBusyMaxAttempts: 30,
  reconnectInitialDelayMs: 50,
  reconnectMaxDelayMs: 200,
  statusPollIntervalMs: 50,
  statusPollMaxMs: 5_000,
};

let dataDir: string;
const cores: HarnessCore[] = [];
const simulators: Simulator[] = [];
const sockets: WebSocket[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-core-e2e-'));
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const core of cores.splice(0)) await core.stop();
  for (const simulator of simulators.splice(0)) await simulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

function startCore(settings: typeof SETTINGS = SETTINGS): { core: HarnessCore; log: EventLog } {
  const core = createHarnessCore({
    mode: 'browser',
    dataDir,
    batchWindowMs: 5,
    initial: { role: 'client', peer: 'embedded', settings },
    policy: POLICY,
  });
  cores.push(core);
  return { core, log: recordEvents(core) };
}

/**
 * One call the way a renderer makes it: through the dispatcher (payload validated), with the
 * answer checked against the contract's response schema. Expected failures come back as values.
 */
async function call<C extends CallChannel>(
  core: HarnessCore,
  channel: C,
  ...payload: CallRequest<C> extends undefined ? [] : [CallRequest<C>]
): Promise<
  | { readonly ok: true; readonly value: CallResponse<C> }
  | { readonly ok: false; readonly error: { kind: string; message: string } }
> {
  const result = await dispatchCall(core.calls, channel, payload[0], (ch, error) => {
    throw new Error(`bug in ${ch}: ${String(error)}`);
  });
  if (!result.ok) return result;
  return { ok: true, value: callSchemas[channel].response.parse(result.value) };
}

async function value<C extends CallChannel>(
  core: HarnessCore,
  channel: C,
  ...payload: CallRequest<C> extends undefined ? [] : [CallRequest<C>]
): Promise<CallResponse<C>> {
  const result = await call(core, channel, ...payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

const pay = (core: HarnessCore, amount = '12.50'): Promise<OperationResult> =>
  value(core, 'requests:pay', { amount, currency: 'EUR' });

function messages(events: readonly TraceEvent[]) {
  return events.flatMap((e) =>
    e.kind === 'message' ? [{ event: e, ...summariseMessage(e) }] : [],
  );
}

describe('the harness core, end to end against the embedded simulator', () => {
  it('starts in client role, logs in through the BUSY phase and reaches ready', async () => {
    // The first Login must land while the payment app initialises, in real time: a start-up
    // long enough that a loaded machine still gets the core there first.
    const { core, log } = startCore({ ...SETTINGS, initMs: 1_500 });

    await log.sessionState('ready');

    const trace = log.trace();
    const logins = messages(trace).filter((m) => m.category === 'Login' && m.type === 'Response');
    expect(logins[0]?.errorCondition).toBe('Busy');
    expect(logins.at(-1)?.result).toBe('Success');
    expect(trace.some((e) => e.kind === 'session' && e.to === 'busyBackoff')).toBe(true);
    // Client role keeps the POS view of the wire and the simulator's non-wire events.
    expect(trace.every((e) => e.kind !== 'message' || e.observer === 'pos')).toBe(true);
    expect(trace.some((e) => e.kind === 'lifecycle' && e.to === 'ready')).toBe(true);
    expect(trace.map((e) => e.seq)).toEqual(trace.map((_, i) => i + 1));

    const session = await value(core, 'session:snapshot');
    expect(session).toMatchObject({
      role: 'client',
      connected: true,
      peer: { kind: 'embedded' },
      profile: 'app2app',
      peerVersion: '1.0.0',
      state: 'ready',
    });
    expect(session.counters.busyRetries).toBeGreaterThanOrEqual(1);
    expect(session.policy.paymentTimeoutMs).toBe(600);
  });

  it('pays through requests:pay: approved, in the ledger, offered for reversal, reversed', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');

    const paid = await pay(core, '12.50');

    expect(paid).toMatchObject({
      name: 'pay',
      kind: 'approved',
      phase: 'ok',
      amount: '12.50',
      currency: 'EUR',
      summary: 'approved 12.50 EUR',
    });
    // The stream is batched: the op's final record arrives just after the answer.
    await log.nextTrace((e) => e.kind === 'op' && e.op === paid.op && e.phase === 'ok');
    const ledger = await value(core, 'simulator:ledger');
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ amountMinor: 1250, result: 'approved', reversed: false });
    const approvals = await value(core, 'requests:approvals');
    expect(approvals).toEqual([
      expect.objectContaining({ op: paid.op, poiTransactionId: paid.poiTransactionId }),
    ]);

    const reversed = await value(core, 'requests:reverse', {});

    expect(reversed).toMatchObject({ name: 'reverse', kind: 'succeeded' });
    expect((await value(core, 'simulator:ledger'))[0]?.reversed).toBe(true);
    expect((await value(core, 'requests:approvals'))[0]?.reversed).toBe(true);
    const again = await call(core, 'requests:reverse', {});
    expect(again).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });

  it('runs every other request kind to a final outcome', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const paid = await pay(core, '3.00');

    const results = [
      await value(core, 'requests:status', { serviceId: paid.serviceId ?? '' }),
      await value(core, 'requests:status', {}),
      await value(core, 'requests:admin', {}),
      await value(core, 'requests:login'),
      await value(core, 'requests:abort', {}),
      await value(core, 'requests:logout'),
    ];

    expect(results.map((r) => [r.name, r.kind])).toEqual([
      ['status', 'succeeded'],
      ['status', 'succeeded'],
      ['admin', 'succeeded'],
      ['login', 'succeeded'],
      // Nothing to abort: refused before anything is sent.
      ['abort', 'failed'],
      ['logout', 'succeeded'],
    ]);
    expect((await value(core, 'session:snapshot')).state).toBe('loggedOut');
  });

  it('approve then drop: the payment ends recovered, approved once in the ledger', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');

    expect(await value(core, 'faults:apply', { fault: 'approveThenDrop' })).toEqual({
      fault: 'approveThenDrop',
      message: 'Approve then lose response: armed (acts on its message)',
    });
    const paid = await pay(core, '20.00');

    expect(paid).toMatchObject({ kind: 'recovered', result: 'approved', phase: 'ok' });
    expect(paid.statusServiceIds?.length).toBeGreaterThanOrEqual(1);
    await log.nextTrace(
      (e) => e.kind === 'fault' && e.name === 'approveThenDrop' && e.phase === 'hit',
    );
    await log.nextTrace((e) => e.kind === 'timeout' && e.category === 'Payment');
    const approvals = (await value(core, 'simulator:ledger')).filter(
      (entry) => entry.result === 'approved' && !entry.reversed,
    );
    expect(approvals).toHaveLength(1);
    expect((await value(core, 'session:snapshot')).state).toBe('ready');
  });

  /** Each fault button: its fault event, then the session recovers and a payment goes through. */
  it.each([
    ['update', { fault: 'update' }],
    ['restart', { fault: 'restart' }],
    ['restartClient', { fault: 'restartClient' }],
    ['dropLink', { fault: 'dropLink' }],
    ['resetSessions', { fault: 'resetSessions' }],
    ['busyNextLogins', { fault: 'busyNextLogins', count: 2 }],
    ['dropNextResponse', { fault: 'dropNextResponse' }],
    ['restartDuringPayment', { fault: 'restartDuringPayment' }],
    ['delayResponses', { fault: 'delayResponses', ms: 50 }],
  ] as const)(
    'fault %s: recorded on the timeline, and the session recovers',
    async (name, fault) => {
      const { core, log } = startCore();
      await log.sessionState('ready');
      const before = log.mark();

      const applied = await value(core, 'faults:apply', fault);
      expect(applied.fault).toBe(name);
      if (name === 'busyNextLogins') {
        const login = await value(core, 'requests:login');
        expect(login.kind).toBe('succeeded');
      }
      const paid = await pay(core, '5.00');

      await log.nextTrace((e) => e.kind === 'fault' && e.name === name, before);
      // The lost or interrupted payment is settled without charging twice.
      expect(['approved', 'recovered', 'notProcessed']).toContain(paid.kind);
      const charged = (await value(core, 'simulator:ledger')).filter(
        (e) => e.result === 'approved' && !e.reversed,
      );
      expect(charged.length).toBe(paid.kind === 'notProcessed' ? 0 : 1);
      await log.sessionState('ready', before);
      expect((await value(core, 'session:snapshot')).state).toBe('ready');
    },
  );

  it('armed faults add up, show in the simulator state, and are taken back one kind or all', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    await value(core, 'faults:apply', { fault: 'busyNextLogins', count: 3 });
    await value(core, 'faults:apply', { fault: 'busyNextLogins', count: 3 });
    await value(core, 'faults:apply', { fault: 'approveThenDrop' });
    expect((await value(core, 'simulator:state')).simulator?.faults).toMatchObject({
      busyNextLogins: 6,
      approveThenDrop: true,
    });

    const one = await value(core, 'faults:disarm', { armed: 'busyNextLogins' });
    expect(one.simulator?.faults).toMatchObject({ busyNextLogins: 0, approveThenDrop: true });
    expect((await value(core, 'requests:login')).kind).toBe('succeeded');

    const before = log.mark();
    const all = await value(core, 'faults:disarm', {});
    expect(all.simulator?.faults).toMatchObject({ busyNextLogins: 0, approveThenDrop: false });
    // The window learns it from the stream, and the timeline says what was taken back.
    await log.next(
      (e) => e.type === 'simulator' && e.simulator.simulator?.faults.approveThenDrop === false,
      before,
    );
    await log.nextTrace(
      (e) => e.kind === 'fault' && e.name === 'approveThenDrop' && e.phase === 'disarmed',
      before,
    );
    expect(await pay(core, '5.00')).toMatchObject({ kind: 'approved' });
  });

  it('reset simulator: links close, the ledger and armed faults are forgotten, the session recovers', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    expect(await pay(core, '5.00')).toMatchObject({ kind: 'approved' });
    await value(core, 'faults:apply', { fault: 'dropNextResponse' });
    const before = log.mark();

    const reset = await value(core, 'simulator:reset');

    expect(reset.simulator?.faults.dropNextResponse).toEqual([]);
    expect(await value(core, 'simulator:ledger')).toEqual([]);
    await log.nextTrace((e) => e.kind === 'lifecycle' && e.reason === 'reset', before);
    await log.sessionState('ready', before);
  });

  it('fault logout: the POS logs out and stays logged out', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const before = log.mark();
    const logins = (await value(core, 'session:snapshot')).counters.logins;

    expect(await value(core, 'faults:apply', { fault: 'logout' })).toMatchObject({
      fault: 'logout',
    });

    await log.nextTrace((e) => e.kind === 'fault' && e.name === 'logout', before);
    await log.nextTrace((e) => e.kind === 'op' && e.name === 'logout' && e.phase === 'ok', before);
    const session = await value(core, 'session:snapshot');
    expect(session.state).toBe('loggedOut');
    expect(session.counters.logins).toBe(logins);
  });

  it('a new run starts on a role or peer change; the timeline is told to reset', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const first = (await value(core, 'trace:status')).runId;
    const before = log.mark();

    const info = await value(core, 'simulator:configure', {
      role: 'client',
      peer: 'embedded',
      profile: 'nexo',
      settings: SETTINGS,
    });

    expect(info.simulator?.profile).toBe('nexo');
    const run = await log.next((e) => e.type === 'run', before);
    expect(run.type === 'run' && run.run.runId).not.toBe(first);
    expect(run.type === 'run' && run.run.header.profile).toBe('nexo');
    await log.sessionState('ready', before);
    const page = await value(core, 'events:since', { afterSeq: 0 });
    expect(page.runId).not.toBe(first);
    expect(page.events[0]?.seq).toBe(1);
  });
});

describe('an external peer', () => {
  it('connects to any endpoint; simulator faults and the ledger are unavailable, with a reason', async () => {
    const peer = createSimulator({
      clock: new RealClock(),
      settings: { ...SETTINGS, softwareVersion: '9.9.9' },
    });
    simulators.push(peer);
    const { nexoUrl } = await peer.listen({ port: 0 });
    const { core, log } = startCore();
    await log.sessionState('ready');
    const before = log.mark();

    const session = await value(core, 'session:connect', { peer: 'external', url: nexoUrl });

    expect(session.peer).toEqual({ kind: 'external', url: nexoUrl });
    await log.sessionState('ready', before);
    expect((await value(core, 'session:snapshot')).peerVersion).toBe('9.9.9');
    expect((await value(core, 'session:snapshot')).counters.ignoredRequests).toBeNull();
    const faults = await value(core, 'faults:available');
    const restart = faults.find((f) => f.fault === 'restart');
    expect(restart).toMatchObject({ label: 'Restart payment app', enabled: false });
    expect(restart?.reason).toContain('external');
    expect(faults.find((f) => f.fault === 'restartClient')?.enabled).toBe(true);
    expect(await call(core, 'faults:apply', { fault: 'restart' })).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('external') },
    });
    expect(await call(core, 'simulator:ledger')).toMatchObject({
      ok: false,
      error: { kind: 'unavailable' },
    });
    for (const channel of ['simulator:reset', 'faults:disarm'] as const) {
      const answer =
        channel === 'faults:disarm' ? await call(core, channel, {}) : await call(core, channel);
      expect(answer).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    }
    expect(await pay(core, '1.00')).toMatchObject({ kind: 'approved' });
    expect(peer.ledger()).toHaveLength(1);

    const off = await value(core, 'session:disconnect');
    expect(off).toMatchObject({ connected: false, state: 'offline' });
    expect(await call(core, 'requests:login')).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('not connected') },
    });
    expect((await value(core, 'faults:available')).find((f) => f.fault === 'logout')?.enabled).toBe(
      false,
    );

    // Connecting again to the same peer continues the run: the timeline keeps its story.
    const runId = (await value(core, 'trace:status')).runId;
    const again = log.mark();
    await value(core, 'session:connect', { peer: 'external', url: nexoUrl });
    await log.sessionState('ready', again);
    expect((await value(core, 'trace:status')).runId).toBe(runId);
  });
});

describe('terminal role', () => {
  it('listens for an external POS; its frames appear on the event stream; faults hit it', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const before = log.mark();

    const info = await value(core, 'simulator:configure', {
      role: 'terminal',
      port: 0,
      settings: { ...SETTINGS, initMs: 0 },
    });

    expect(info.role).toBe('terminal');
    expect(info.nexoUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/nexo$/);
    const session = await value(core, 'session:snapshot');
    expect(session).toMatchObject({ role: 'terminal', connected: false, state: 'offline' });
    const faults = await value(core, 'faults:available');
    expect(faults.find((f) => f.fault === 'restartClient')).toMatchObject({ enabled: false });
    expect(faults.find((f) => f.fault === 'restart')).toMatchObject({ enabled: true });
    expect(await call(core, 'requests:pay', { amount: '1.00', currency: 'EUR' })).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('terminal role') },
    });

    const pos = new WebSocket(info.nexoUrl ?? '');
    sockets.push(pos);
    await once(pos, 'open');
    const answered = once(pos, 'message');
    pos.send(JSON.stringify(loginFrame('77')));
    const [data] = (await answered) as [Buffer];
    expect(JSON.parse(data.toString('utf8'))).toMatchObject({
      SaleToPOIResponse: { LoginResponse: { Response: { Result: 'Success' } } },
    });

    const request = await log.nextTrace(
      (e) => e.kind === 'message' && e.direction === 'toPoi',
      before,
    );
    const response = await log.nextTrace(
      (e) => e.kind === 'message' && e.direction === 'toPos',
      before,
    );
    expect(request).toMatchObject({ observer: 'poi' });
    expect(request.kind === 'message' && summariseMessage(request).serviceId).toBe('77');
    expect(response.kind === 'message' && summariseMessage(response).result).toBe('Success');

    const closed = once(pos, 'close');
    await value(core, 'faults:apply', { fault: 'restart' });
    await closed;
    await log.nextTrace((e) => e.kind === 'fault' && e.name === 'restart', before);
    expect((await value(core, 'simulator:state')).simulator?.lifecycle).toBeDefined();
  });

  it('listens on the Local API in terminal role when asked, and a POS logs in over HTTP', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const result = await call(core, 'simulator:configure', {
      role: 'terminal',
      port: 0,
      httpPort: 0,
      // Ready at once: a Login while the payment application initialises is answered Busy.
      settings: { ...SETTINGS, initMs: 0 },
    });
    expect(result.ok).toBe(true);
    const info = await value(core, 'simulator:state');
    const httpUrl = info.simulator?.listening?.httpUrl ?? '';
    expect(httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${httpUrl}/login`, {
      method: 'POST',
      body: JSON.stringify({
        MessageHeader: {
          ProtocolVersion: '3.0',
          MessageClass: 'Service',
          MessageCategory: 'Login',
          MessageType: 'Request',
          ServiceID: 'H1',
          SaleID: 'HTTP-POS',
          POIID: 'ANY',
        },
        LoginRequest: {
          DateTime: '2026-01-01T00:00:00Z',
          SaleSoftware: {
            ProviderIdentification: 'Test',
            ApplicationName: 'Test POS',
            SoftwareVersion: '1.0',
            CertificationCode: 'X',
          },
          OperatorLanguage: 'en',
        },
      }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      LoginResponse: { Response: { Result: 'Success' } },
    });
  });

  it('reports a port that is in use as unavailable, naming the port', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const busy = createSimulator({ clock: new RealClock(), settings: SETTINGS });
    simulators.push(busy);
    const { port } = await busy.listen({ port: 0 });

    const result = await call(core, 'simulator:configure', { role: 'terminal', port });

    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining(`port ${port}`) },
    });
    expect((await value(core, 'faults:available')).every((f) => !f.enabled)).toBe(true);
  });
});

describe('traces', () => {
  it('saves the run as text that opens again to the same events; a corrupt file names its line', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    await pay(core, '7.00');

    const saved = await value(core, 'trace:save');
    const opened = await value(core, 'trace:open', { text: saved.text, fileName: saved.fileName });

    expect(saved.fileName).toMatch(/^a2a-.*-client\.jsonl$/);
    expect(opened.kind).toBe('parsed');
    const page = await value(core, 'events:since', { afterSeq: 0, limit: 50_000 });
    if (opened.kind === 'parsed') {
      expect(opened.events.slice(0, page.events.length)).toEqual(page.events);
      expect(opened.header).toEqual((await value(core, 'trace:status')).header);
    }
    const lines = saved.text.split('\n');
    lines[3] = '{"seq": "broken"';
    const corrupt = await value(core, 'trace:open', {
      text: lines.join('\n'),
      fileName: 'x.jsonl',
    });
    expect(corrupt).toMatchObject({ kind: 'corrupt', line: 4 });
    expect(corrupt.kind === 'corrupt' && corrupt.message).toMatch(/^x\.jsonl line 4: /);
  });

  it('exports the flow as a Mermaid sequence diagram, the whole run or a selection', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');

    const whole = await value(core, 'trace:exportMermaid', {});
    const onlySessions = await value(core, 'trace:exportMermaid', { kinds: ['session'] });

    expect(whole.fileName).toMatch(/\.mmd$/);
    expect(whole.text).toMatch(/^sequenceDiagram\n/);
    expect(whole.text).toContain('POS->>POI: Login Request');
    expect(whole.text).toContain('POI-->>POS: Login Response');
    expect(whole.text).toContain('Busy');
    expect(onlySessions.text).not.toContain('->>');
    expect(onlySessions.text).toContain('Note over POS: session');
  });

  it('a late subscriber catches up: hello names the last seq, events:since pages the backlog', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const live = log.trace();

    const late = recordEvents(core);
    const hello = await late.next((e) => e.type === 'hello');
    if (hello.type !== 'hello') throw new Error('no hello');
    expect(hello.lastSeq).toBeGreaterThanOrEqual(live.length);
    const pages: TraceEvent[] = [];
    let more = true;
    while (more) {
      const page = await value(core, 'events:since', { afterSeq: pages.length, limit: 3 });
      expect(page.runId).toBe(hello.runId);
      pages.push(...page.events);
      more = page.events.length > 0 && page.more;
    }

    expect(pages.slice(0, live.length)).toEqual(live);
    expect(pages.map((e) => e.seq)).toEqual(pages.map((_, i) => i + 1));
    late.stop();
  });

  it('recording off: nothing is stamped or streamed until it is on again', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');

    const off = await value(core, 'trace:setRecording', { on: false });
    const before = off.events;
    await pay(core, '2.00');
    const paused = await value(core, 'trace:status');
    // The payment's frames, transitions and operation records were counted, not kept.
    await log.next((e) => e.type === 'recording' && !e.recording && e.skipped >= paused.skipped);
    const on = await value(core, 'trace:setRecording', { on: true });
    await pay(core, '3.00');

    expect(off.recording).toBe(false);
    expect(off.skipped).toBe(0);
    expect(paused.events).toBe(before);
    expect(paused.skipped).toBeGreaterThanOrEqual(4);
    expect(on.skipped).toBe(0);
    expect(on.recording).toBe(true);
    expect((await value(core, 'trace:status')).events).toBeGreaterThan(before);
    await log.next((e) => e.type === 'recording' && !e.recording);
    await log.next((e) => e.type === 'recording' && e.recording);
    expect(await call(core, 'trace:saveAs')).toMatchObject({
      ok: false,
      error: { kind: 'unavailable' },
    });
  });
});

describe('policy', () => {
  it('applies a partial policy at once when idle (restarting the session manager) and keeps the rest', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const before = log.mark();

    const change = await value(core, 'session:setPolicy', { paymentTimeoutMs: 900 });

    expect(change.restarted).toBe(true);
    expect(change.policy.paymentTimeoutMs).toBe(900);
    expect(change.policy.statusTimeoutMs).toBe(400);
    expect(await value(core, 'session:getPolicy')).toEqual(change.policy);
    await log.sessionState('ready', before);
  });
});
