import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionPolicy } from '@shared/session';
import type { SimulatorSettings } from '@shared/simulator/profiles';
import type { EventBody } from '@shared/trace/events';
import { seededRandom } from '@shared/time/random';
import { VirtualClock } from '@shared/time/virtual-clock';
import { fileServiceIds, memoryServiceIds, type ServiceIdSource } from '../client/service-ids';
import { wsDialer } from '../link/ws-link';
import { createSimulator, type Simulator } from '../simulator';
import { FileJournal, MemoryJournal, type PaymentJournal } from './journal';
import { createSessionManager, type SessionManager } from './session-manager';
import { VirtualRun } from './testing/virtual-run';

interface Harness {
  readonly clock: VirtualClock;
  readonly simulator: Simulator;
  readonly manager: SessionManager;
  readonly run: VirtualRun;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface SetupOptions {
  readonly policy?: Partial<SessionPolicy>;
  readonly settings?: Partial<SimulatorSettings>;
  readonly transport?: 'ws' | 'memory';
  readonly journal?: PaymentJournal;
  readonly serviceIds?: ServiceIdSource;
  readonly poiId?: string;
  /** Reuse a running simulator (a second POS process). */
  readonly simulator?: {
    readonly simulator: Simulator;
    readonly clock: VirtualClock;
    readonly url: string;
  };
}

/** A simulator and a session manager on one virtual clock, over a real WebSocket by default. */
async function setup(options: SetupOptions = {}): Promise<Harness & { readonly url: string }> {
  const clock = options.simulator?.clock ?? new VirtualClock();
  let simulator = options.simulator?.simulator;
  let url = options.simulator?.url ?? '';
  if (!simulator) {
    const created = createSimulator({
      clock,
      settings: options.settings ?? {},
      random: seededRandom(7),
    });
    simulator = created;
    cleanups.push(() => created.close());
    if (options.transport !== 'memory') url = (await created.listen({ port: 0 })).nexoUrl;
  }
  const manager = createSessionManager({
    clock,
    random: seededRandom(1),
    dialer: options.transport === 'memory' ? simulator.memoryDialer() : wsDialer(url),
    policy: { paymentTimeoutMs: 3000, statusTimeoutMs: 3000, ...options.policy },
    journal: options.journal ?? new MemoryJournal(),
    serviceIds: options.serviceIds ?? memoryServiceIds(),
    ...(options.poiId ? { poiId: options.poiId } : {}),
  });
  const run = new VirtualRun(clock, manager, simulator, () => manager.snapshot().dialing);
  cleanups.push(async () => {
    run.dispose();
    await manager.stop();
  });
  return { clock, simulator, manager, run, url };
}

/** Lets the simulator finish initialising, then starts the manager and waits for `ready`. */
async function ready(h: Harness): Promise<void> {
  await h.run.until(() => h.simulator.state().lifecycle === 'ready', 'the simulator to be ready');
  h.manager.start();
  await h.run.until(() => h.manager.snapshot().state === 'ready', 'ready');
}

function approvals(simulator: Simulator): number {
  return simulator.ledger().filter((e) => e.result === 'approved').length;
}

function statesSince(h: Harness, mark: number): string[] {
  return h.run.events
    .slice(mark)
    .flatMap(({ event }) => (event.kind === 'session' ? [event.to] : []));
}

function posServiceIds(h: Harness): string[] {
  return h.run.events.flatMap(({ event }) => {
    if (event.kind !== 'message' || event.observer !== 'pos' || event.direction !== 'toPoi')
      return [];
    const id = (event.json as { SaleToPOIRequest: { MessageHeader: { ServiceID: string } } })
      .SaleToPOIRequest.MessageHeader.ServiceID;
    return [id];
  });
}

const pay = { amountMinor: 1250, currency: 'EUR' };

describe('session manager against the simulator: payment-application lifecycle', () => {
  it('survives a payment-app update: link lost, reconnect, BUSY while it starts, ready, pays', async () => {
    const h = await setup();
    await ready(h);
    const before = h.simulator.state().version;
    const mark = h.run.events.length;
    expect(h.simulator.update().ok).toBe(true);
    await h.run.until(() => h.manager.snapshot().state === 'ready', 'ready after the update');
    const states = statesSince(h, mark);
    expect(states.slice(0, 4)).toEqual(['offline', 'connecting', 'linked', 'loggingIn']);
    expect(states).toContain('busyBackoff');
    expect(states.at(-1)).toBe('ready');
    expect(h.simulator.state().version).not.toBe(before);
    const loginAnswers = h.run
      .of('message')
      .filter((m) => m.observer === 'pos' && JSON.stringify(m.json).includes('"POISoftware"'));
    expect(JSON.stringify(loginAnswers.at(-1)?.json)).toContain(h.simulator.state().version);
    const outcome = await h.run.finish(h.manager.pay(pay));
    expect(outcome).toMatchObject({ kind: 'approved', result: 'approved' });
    expect(approvals(h.simulator)).toBe(1);
  });

  it('survives a payment-app restart: closed with 1012, logs in again before anything else', async () => {
    const h = await setup();
    await ready(h);
    const mark = h.run.events.length;
    expect(h.simulator.restart().ok).toBe(true);
    await h.run.until(() => h.manager.snapshot().state === 'offline', 'the client to notice');
    const paying = h.manager.pay(pay);
    const outcome = await h.run.finish(paying);
    expect(outcome.kind).toBe('approved');
    const closed = h.run.of('link').find((l) => l.observer === 'pos' && l.change === 'closed');
    expect(closed).toMatchObject({ code: 1012, abrupt: false });
    const states = statesSince(h, mark);
    expect(states.slice(0, 4)).toEqual(['offline', 'connecting', 'linked', 'loggingIn']);
    // The payment waited for the new session: after the restart, Logins first, then the Payment.
    const sent = h.run.sentCategories();
    const afterRestart = sent.slice(sent.indexOf('Login', 1));
    expect(afterRestart.at(-1)).toBe('Payment');
    expect(afterRestart.slice(0, -1).every((c) => c === 'Login')).toBe(true);
    expect(approvals(h.simulator)).toBe(1);
  });

  it('recovers a payment in flight after the POS app restarts (journal), charging once', async () => {
    const journal = new MemoryJournal();
    const h = await setup({ journal });
    await ready(h);
    const paying = h.manager.pay(pay);
    await h.run.until(() => h.simulator.state().payment?.phase === 'authorising', 'authorising');
    expect(journal.entries()).toHaveLength(1);
    await h.manager.restartClient();
    const outcome = await h.run.finish(paying, 'the recovered payment');
    expect(outcome).toMatchObject({ kind: 'recovered', result: 'approved' });
    expect(outcome.statusServiceIds.length).toBeGreaterThanOrEqual(1);
    expect(h.run.of('fault')).toContainEqual(
      expect.objectContaining({ name: 'restartClient', phase: 'applied' }),
    );
    // After the restart: Login, then TransactionStatus, never the Payment again.
    expect(h.run.sentCategories().filter((c) => c === 'Payment')).toHaveLength(1);
    const afterRestart = h.run.sentCategories().slice(2);
    expect(afterRestart[0]).toBe('Login');
    expect(afterRestart[1]).toBe('TransactionStatus');
    expect(statesSince(h, 0)).toContain('recovering');
    expect(journal.entries()).toHaveLength(0);
    expect(approvals(h.simulator)).toBe(1);
    const ids = posServiceIds(h);
    expect(new Set(ids).size).toBe(ids.length);
    // Exactly one final op event for the payment, under its original id.
    const finals = h.run.of('op').filter((o) => o.op === outcome.op && o.phase !== 'invoke');
    expect(finals).toHaveLength(1);
  });

  it('lets a new POS process recover the journal file and never reuses a ServiceID', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'a2a-session-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const open = () => {
      const journal = FileJournal.open(join(dir, 'journal.json'));
      const ids = fileServiceIds(join(dir, 'service-ids.json'));
      if (!journal.ok || !ids.ok) throw new Error('cannot open the data folder');
      return { journal: journal.value, serviceIds: ids.value };
    };
    const first = await setup(open());
    await ready(first);
    const paying = first.manager.pay(pay);
    await first.run.until(
      () => first.simulator.state().payment?.phase === 'authorising',
      'authorising',
    );
    // The process goes away without an answer (its caller learns nothing certain).
    const stopping = first.manager.stop();
    expect((await first.run.finish(paying)).kind).toBe('unknown');
    await first.run.finish(stopping);
    const second = await setup({
      ...open(),
      simulator: { simulator: first.simulator, clock: first.clock, url: first.url },
    });
    second.manager.start();
    await second.run.until(
      () => second.run.of('op').some((o) => o.name === 'pay' && o.phase === 'ok'),
      'the journal recovery',
    );
    const final = second.run.of('op').find((o) => o.name === 'pay' && o.phase === 'ok');
    expect(final).toMatchObject({
      outcome: 'recovered',
      detail: expect.objectContaining({ result: 'approved' }),
    });
    const invoke = second.run.of('op').find((o) => o.name === 'pay' && o.phase === 'invoke');
    expect(invoke?.detail).toMatchObject({ recoveredFromJournal: true });
    const ids = [...posServiceIds(first), ...posServiceIds(second)];
    expect(new Set(ids).size).toBe(ids.length);
    // The simulator rejects a repeated ServiceID; none of its answers said so.
    expect(JSON.stringify(second.run.of('message'))).not.toContain('repeated message');
    expect(approvals(first.simulator)).toBe(1);
  });
});

describe('session manager against the simulator: links and sessions', () => {
  it('reconnects and logs in after the link drops while idle', async () => {
    const h = await setup();
    await ready(h);
    const mark = h.run.events.length;
    h.simulator.dropLink('all');
    await h.run.until(() => statesSince(h, mark).at(-1) === 'ready', 'ready again');
    expect(statesSince(h, mark)).toEqual(['offline', 'connecting', 'linked', 'loggingIn', 'ready']);
    expect(h.run.of('link').filter((l) => l.observer === 'pos' && l.change === 'closed')).toEqual([
      expect.objectContaining({ abrupt: true }),
    ]);
    expect((await h.run.finish(h.manager.pay(pay))).kind).toBe('approved');
    expect(approvals(h.simulator)).toBe(1);
  });

  it('recovers a payment whose link dropped during authorisation through TransactionStatus', async () => {
    const h = await setup();
    await ready(h);
    const paying = h.manager.pay(pay);
    await h.run.until(() => h.simulator.state().payment?.phase === 'authorising', 'authorising');
    const mark = h.run.events.length;
    h.simulator.dropLink('all');
    const outcome = await h.run.finish(paying);
    expect(outcome).toMatchObject({
      kind: 'recovered',
      result: 'approved',
      serviceIds: [expect.any(String)],
    });
    expect(statesSince(h, mark)).toEqual([
      'offline',
      'connecting',
      'linked',
      'loggingIn',
      'recovering',
      'ready',
    ]);
    const sent = h.run.sentCategories();
    expect(sent.filter((c) => c === 'Payment')).toHaveLength(1);
    expect(sent.slice(sent.lastIndexOf('Login') + 1).every((c) => c === 'TransactionStatus')).toBe(
      true,
    );
    expect(approvals(h.simulator)).toBe(1);
  });

  it('after Logout fails requests at once, keeps the link, and logs in only when asked', async () => {
    const h = await setup();
    await ready(h);
    const loggedOut = await h.run.finish(h.manager.logout());
    expect(loggedOut.kind).toBe('succeeded');
    expect(h.manager.snapshot().state).toBe('loggedOut');
    const sentBefore = h.run.sentCategories().length;
    const refused = await h.run.finish(h.manager.pay(pay));
    expect(refused).toMatchObject({ kind: 'failed', reason: 'loggedOut', sent: false });
    expect(h.run.sentCategories()).toHaveLength(sentBefore);
    expect(h.run.of('link').filter((l) => l.change === 'closed')).toEqual([]);
    expect(h.simulator.ledger()).toEqual([]);
    expect((await h.run.finish(h.manager.login())).kind).toBe('succeeded');
    expect((await h.run.finish(h.manager.pay(pay))).kind).toBe('approved');
    expect(statesSince(h, 0).slice(-3)).toEqual(['loggedOut', 'loggingIn', 'ready']);
  });

  it('notices a silent session reset by a timeout, logs in again and retries the status once', async () => {
    const h = await setup();
    await ready(h);
    await h.run.finish(h.manager.pay(pay));
    h.simulator.resetSessions();
    const mark = h.run.events.length;
    const outcome = await h.run.finish(h.manager.status());
    expect(outcome).toMatchObject({
      kind: 'succeeded',
      serviceIds: [expect.any(String), expect.any(String)],
    });
    expect(
      h.run
        .of('poiSession')
        .some((s) => s.change === 'ignored' && s.category === 'TransactionStatus'),
    ).toBe(true);
    expect(statesSince(h, mark)).toEqual(['loggingIn', 'ready']);
    expect(h.run.of('retry')).toEqual([
      expect.objectContaining({ category: 'TransactionStatus', reason: 'timeout' }),
    ]);
    expect(approvals(h.simulator)).toBe(1);
  });

  it('resends a payment the terminal never saw once: not processed, then one approval', async () => {
    const h = await setup();
    await ready(h);
    h.simulator.resetSessions();
    const outcome = await h.run.finish(h.manager.pay(pay));
    expect(outcome).toMatchObject({
      kind: 'approved',
      serviceIds: [expect.any(String), expect.any(String)],
    });
    expect(outcome.resentAfter).toBe(outcome.serviceIds[0]);
    const ledger = h.simulator.ledger();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      result: 'approved',
      serviceId: outcome.serviceIds[1],
      saleTransactionId: outcome.saleTransactionId.TransactionID,
    });
    // Status first, and NotFound before the resend.
    const sent = h.run.sentCategories();
    expect(sent.slice(sent.indexOf('Payment'))).toEqual([
      'Payment',
      'Login',
      'TransactionStatus',
      'Payment',
    ]);
    expect(h.run.of('retry')).toContainEqual(
      expect.objectContaining({ category: 'Payment', reason: 'notProcessed' }),
    );
  });

  it('recovers an approved payment whose response was dropped: one approval, no resend', async () => {
    const h = await setup();
    await ready(h);
    h.simulator.approveThenDrop();
    const outcome = await h.run.finish(h.manager.pay(pay));
    expect(outcome).toMatchObject({ kind: 'recovered', result: 'approved' });
    expect(h.run.of('timeout')).toContainEqual(
      expect.objectContaining({ category: 'Payment', afterMs: 3000 }),
    );
    expect(h.run.sentCategories().filter((c) => c === 'Payment')).toHaveLength(1);
    expect(approvals(h.simulator)).toBe(1);
    expect(h.manager.snapshot().counters.recoveredPayments).toBe(1);
  });

  it('retries an idempotent request once after a timeout and a re-login', async () => {
    const h = await setup({ transport: 'memory' });
    await ready(h);
    h.simulator.dropNextResponse('TransactionStatus');
    const mark = h.run.events.length;
    const outcome = await h.run.finish(h.manager.status());
    // No payment yet: the terminal's answer about "the last transaction" is NotFound.
    expect(outcome).toMatchObject({ kind: 'declined', errorCondition: 'NotFound' });
    expect(outcome.serviceIds).toHaveLength(2);
    expect(h.run.of('timeout')).toHaveLength(1);
    expect(h.run.of('retry')).toEqual([
      expect.objectContaining({
        previousServiceId: outcome.serviceIds[0],
        serviceId: outcome.serviceIds[1],
      }),
    ]);
    expect(statesSince(h, mark)).toEqual(['loggingIn', 'ready']);
    expect(h.run.sentCategories().slice(-3)).toEqual([
      'TransactionStatus',
      'Login',
      'TransactionStatus',
    ]);
    expect(h.simulator.ledger()).toEqual([]);
  });
});

describe('session manager against the simulator: login', () => {
  it('backs off on BUSY ×3 (1 s, 2 s, 4 s) and then opens the session', async () => {
    const h = await setup();
    await h.run.until(() => h.simulator.state().lifecycle === 'ready', 'the simulator to be ready');
    h.simulator.busyNextLogins(3);
    h.manager.start();
    await h.run.until(() => h.manager.snapshot().state === 'ready', 'ready');
    const times = h.run.sentAt('Login');
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([1000, 2000, 4000]);
    expect(statesSince(h, 0)).toEqual([
      'connecting',
      'linked',
      'loggingIn',
      'busyBackoff',
      'loggingIn',
      'busyBackoff',
      'loggingIn',
      'busyBackoff',
      'loggingIn',
      'ready',
    ]);
    expect(h.run.of('retry').map((r) => r.reason)).toEqual(['Busy', 'Busy', 'Busy']);
    const ids = posServiceIds(h);
    expect(new Set(ids).size).toBe(4);
    expect((await h.run.finish(h.manager.pay(pay))).kind).toBe('approved');
    expect(approvals(h.simulator)).toBe(1);
  });

  it('gives up after 6 BUSY Logins: failed with the reason, requests fail at once', async () => {
    const h = await setup();
    await h.run.until(() => h.simulator.state().lifecycle === 'ready', 'the simulator to be ready');
    h.simulator.busyNextLogins(10);
    const login = h.manager.login();
    const outcome = await h.run.finish(login);
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/6 attempts/) });
    expect(h.manager.snapshot()).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/Busy/),
    });
    expect(h.run.sentCategories()).toEqual(Array(6).fill('Login'));
    const refused = await h.run.finish(h.manager.pay(pay));
    expect(refused).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/sessionFailed/),
    });
    expect(h.run.sentCategories()).toHaveLength(6);
    expect(h.simulator.ledger()).toEqual([]);
  });

  it('fails at once on a non-BUSY login error, with its detail', async () => {
    const h = await setup({ settings: { knobs: { checkPoiId: true } }, poiId: 'NOT-THIS-POI' });
    await h.run.until(() => h.simulator.state().lifecycle === 'ready', 'the simulator to be ready');
    const outcome = await h.run.finish(h.manager.login());
    expect(outcome).toMatchObject({ kind: 'declined', errorCondition: 'MessageFormat' });
    expect(h.manager.snapshot()).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/MessageFormat/),
    });
    expect(h.run.sentCategories()).toEqual(['Login']);
    expect(statesSince(h, 0)).toEqual(['connecting', 'linked', 'loggingIn', 'failed']);
    expect(h.simulator.ledger()).toEqual([]);
  });
});

describe('session manager: operations and surfaces', () => {
  it('aborts a payment still waiting for the card', async () => {
    const h = await setup({ transport: 'memory' });
    await ready(h);
    const paying = h.manager.pay(pay);
    await h.run.until(
      () => h.simulator.state().payment?.phase === 'waitingForCard',
      'waiting for the card',
    );
    const aborting = h.manager.abort();
    const [payment, abort] = [await h.run.finish(paying), await h.run.finish(aborting)];
    expect(payment).toMatchObject({ kind: 'declined', errorCondition: 'Aborted' });
    expect(abort.kind).toBe('succeeded');
    expect(h.run.sentCategories()).toEqual(['Login', 'Payment', 'Abort']);
    expect(approvals(h.simulator)).toBe(0);
  });

  it('reports an abort that lost the race against the authorisation as declined', async () => {
    const h = await setup({ transport: 'memory' });
    await ready(h);
    const paying = h.manager.pay(pay);
    await h.run.until(() => h.simulator.state().payment?.phase === 'authorising', 'authorising');
    const abort = await h.run.finish(h.manager.abort());
    expect(abort).toMatchObject({ kind: 'declined', errorCondition: 'Completed' });
    expect((await h.run.finish(paying)).kind).toBe('approved');
    expect(approvals(h.simulator)).toBe(1);
  });

  it('tells the whole story of DESIGN §1: approve-then-drop recovered, restart, status', async () => {
    const h = await setup();
    h.manager.start();
    expect((await h.run.finish(h.manager.login())).kind).toBe('succeeded');
    const first = await h.run.finish(h.manager.pay({ amountMinor: 1250, currency: 'EUR' }));
    expect(first.kind).toBe('approved');
    h.simulator.approveThenDrop();
    const second = await h.run.finish(h.manager.pay({ amountMinor: 300, currency: 'EUR' }));
    expect(second).toMatchObject({ kind: 'recovered', result: 'approved', amountMinor: 300 });
    h.simulator.restart();
    const status = await h.run.finish(h.manager.status());
    expect(status.kind).toBe('succeeded');
    const sales = h.simulator.ledger().map((e) => e.saleTransactionId);
    expect(sales).toHaveLength(2);
    expect(new Set(sales).size).toBe(2);
    // Every operation has exactly one final op event.
    const ops = h.run.of('op');
    for (const invoke of ops.filter((o) => o.phase === 'invoke')) {
      expect(ops.filter((o) => o.op === invoke.op && o.phase !== 'invoke')).toHaveLength(1);
    }
  });

  it('fails waiting requests with clientRestarted, keeps journaled payments', async () => {
    const h = await setup({ transport: 'memory' });
    h.manager.start();
    const waitingStatus = h.manager.status();
    await h.manager.restartClient();
    expect(await waitingStatus).toMatchObject({ kind: 'failed', reason: 'clientRestarted' });
    await h.run.until(() => h.manager.snapshot().state === 'ready', 'ready after the restart');
  });

  it('ends every operation on stop and shows deadlines in the snapshot', async () => {
    const h = await setup({ transport: 'memory' });
    await ready(h);
    const snapshots: string[] = [];
    h.manager.onSnapshot((s) => snapshots.push(s.state));
    const paying = h.manager.pay(pay);
    await h.run.settle();
    const inFlight = h.manager.snapshot().ops[0];
    expect(inFlight).toMatchObject({
      name: 'pay',
      stage: 'sent',
      deadlineAt: h.clock.now() + 3000,
    });
    await h.manager.stop();
    expect(await paying).toMatchObject({ kind: 'unknown', reason: 'stopped' });
    expect(h.manager.snapshot()).toMatchObject({ state: 'offline', ops: [] });
    expect(snapshots.at(-1)).toBe('offline');
  });

  it('refuses an invalid request at once, visibly, without sending it', async () => {
    const h = await setup({ transport: 'memory' });
    await ready(h);
    const outcome = await h.manager.pay({ amountMinor: 12.5, currency: 'EUR' });
    expect(outcome).toMatchObject({
      kind: 'failed',
      sent: false,
      reason: expect.stringMatching(/amountMinor/),
    });
    const status = await h.manager.status({ category: 'Nonsense' });
    expect(status).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/category/) });
    expect(h.run.of('op').map((o) => o.phase)).toEqual(['invoke', 'fail', 'invoke', 'fail']);
    expect(h.run.sentCategories()).toEqual(['Login']);
  });
});

describe('session manager: who gets its events', () => {
  it('forwards the wire frames to whoever listens now, also after every listener left and one came back', async () => {
    const h = await setup({ transport: 'memory' });
    await ready(h);
    const frames = (events: readonly EventBody[]) =>
      events.flatMap((e) => (e.kind === 'message' ? [`${e.observer} ${e.direction}`] : []));

    const first: EventBody[] = [];
    const offFirst = h.manager.onEvent((e) => first.push(e));
    await h.run.finish(h.manager.status());
    expect(frames(first)).toEqual(['pos toPoi', 'pos toPos']);

    offFirst();
    await h.run.finish(h.manager.status());
    expect(frames(first)).toHaveLength(2);

    const second: EventBody[] = [];
    h.manager.onEvent((e) => second.push(e));
    await h.run.finish(h.manager.status());
    expect(frames(second)).toEqual(['pos toPoi', 'pos toPos']);
    // The frame as sent is the frame the peer got: the event holds the request's envelope.
    const sent = second.find((e) => e.kind === 'message' && e.direction === 'toPoi');
    expect(sent).toMatchObject({
      json: { SaleToPOIRequest: { MessageHeader: { MessageCategory: 'TransactionStatus' } } },
    });
  });
});

describe('session manager: timers', () => {
  it('arms no queue timer for an operation sent at once, and keeps it for one that must wait', async () => {
    const h = await setup({ transport: 'memory', policy: { queueTimeoutMs: 5000 } });
    // Before start no session is coming: the operation waits, with its queue deadline.
    const waiting = h.manager.status();
    expect(h.manager.snapshot().ops[0]).toMatchObject({
      stage: 'waiting',
      deadlineAt: h.clock.now() + 5000,
    });
    h.clock.advance(5000);
    expect(await waiting).toMatchObject({
      kind: 'failed',
      reason: 'no open session within 5000 ms',
    });

    await ready(h);
    const armed = vi.spyOn(h.clock, 'setTimeout');
    const sent = h.manager.status();
    // Sent in the same input that queued it: only its response timer is armed.
    expect(armed.mock.calls.map(([, ms]) => ms)).toEqual([3000]);
    expect(h.manager.snapshot().ops[0]).toMatchObject({
      stage: 'sent',
      deadlineAt: h.clock.now() + 3000,
    });
    // Nothing was paid yet, so the answer is NotFound: answered, not timed out.
    expect(await h.run.finish(sent)).toMatchObject({
      kind: 'declined',
      errorCondition: 'NotFound',
    });
  });
});
