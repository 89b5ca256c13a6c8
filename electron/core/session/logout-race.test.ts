import { afterEach, describe, expect, it } from 'vitest';
import type { SessionPolicy } from '@shared/session';
import { allPass, runCheckers } from '@shared/trace/checkers';
import { createMemoryTrace, type MemoryTrace } from '@shared/trace/memory-trace';
import { seededRandom } from '@shared/time/random';
import { VirtualClock } from '@shared/time/virtual-clock';
import { memoryServiceIds } from '../client/service-ids';
import { wsDialer } from '../link/ws-link';
import { createSimulator, type Simulator } from '../simulator';
import { HARNESS_VERSION } from '../version';
import { MemoryJournal } from './journal';
import { createSessionManager, type SessionManager } from './session-manager';
import { VirtualRun } from './testing/virtual-run';

const POLICY: Partial<SessionPolicy> = { paymentTimeoutMs: 3000, statusTimeoutMs: 3000 };
const PAY = { amountMinor: 1250, currency: 'EUR' };

interface Harness {
  readonly clock: VirtualClock;
  readonly simulator: Simulator;
  readonly manager: SessionManager;
  readonly run: VirtualRun;
  readonly trace: MemoryTrace;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The simulator (profile app2app: requests without a session are silently ignored) and a
 * session manager on one virtual clock, recorded into one trace as the scenario runner does:
 * the POS's view of the wire plus the simulator's own events.
 */
async function setup(transport: 'ws' | 'memory'): Promise<Harness> {
  const clock = new VirtualClock();
  const simulator = createSimulator({ clock, random: seededRandom(7) });
  cleanups.push(() => simulator.close());
  const trace = createMemoryTrace({
    clock,
    observers: ['pos'],
    header: {
      harnessVersion: HARNESS_VERSION,
      role: 'client',
      profile: 'app2app',
      policy: { ...POLICY },
      simulator: { embedded: true },
    },
  });
  // First subscriber: the simulator hands it its start-up events too.
  const offSimulator = simulator.onEvent(trace.record);
  const dialer =
    transport === 'memory'
      ? simulator.memoryDialer()
      : wsDialer((await simulator.listen({ port: 0 })).nexoUrl);
  const manager = createSessionManager({
    clock,
    random: seededRandom(1),
    dialer,
    policy: POLICY,
    journal: new MemoryJournal(),
    serviceIds: memoryServiceIds(),
  });
  const offManager = manager.onEvent(trace.record);
  const run = new VirtualRun(clock, manager, simulator, () => manager.snapshot().dialing);
  cleanups.push(async () => {
    run.dispose();
    await manager.stop();
    offManager();
    offSimulator();
  });
  await run.until(() => simulator.state().lifecycle === 'ready', 'the simulator to be ready');
  manager.start();
  await run.until(() => manager.snapshot().state === 'ready', 'ready');
  return { clock, simulator, manager, run, trace };
}

/** The virtual time of an operation's final `op` event. */
function endedAt(h: Harness, op: string): number {
  const found = h.run.events.find(
    ({ event }) => event.kind === 'op' && event.op === op && event.phase !== 'invoke',
  );
  if (!found) throw new Error(`${op} has no final op event`);
  return found.t;
}

/** The categories the POS sent after its first Logout. */
function sentAfterLogout(h: Harness): string[] {
  const sent = h.run.sentCategories();
  return sent.slice(sent.indexOf('Logout') + 1);
}

function expectAllVerdictsPass(h: Harness): void {
  const verdicts = runCheckers({ header: h.trace.header, events: h.trace.events() });
  expect(verdicts.filter((v) => !v.pass)).toEqual([]);
  expect(allPass(verdicts)).toBe(true);
  // The verdicts rest on this trace's wire traffic, not on "not applicable".
  expect(verdicts.find((v) => v.checker === 'login-before-requests')?.message).toMatch(
    /^\d+ requests?, all after a successful Login on their link$/,
  );
  expect(verdicts.find((v) => v.checker === 'relogin-after-invalidation')?.message).toMatch(
    /a Login came first after every session invalidation/,
  );
}

describe('session manager: requests asked while a Logout awaits its answer', () => {
  it.each(['ws', 'memory'] as const)(
    'sends nothing after the Logout and fails them with loggedOut at once (%s)',
    async (transport) => {
      const h = await setup(transport);
      const askedAt = h.clock.now();
      // Not awaited: the status and the payment are asked while the Logout is on its way.
      const loggingOut = h.manager.logout();
      const status = h.manager.status();
      const paying = h.manager.pay(PAY);
      const [logout, statusOutcome, payment] = [
        await h.run.finish(loggingOut, 'the logout'),
        await h.run.finish(status, 'the status'),
        await h.run.finish(paying, 'the payment'),
      ];
      expect(logout.kind).toBe('succeeded');
      expect(statusOutcome).toMatchObject({ kind: 'failed', reason: 'loggedOut', serviceIds: [] });
      expect(payment).toMatchObject({ kind: 'failed', reason: 'loggedOut', sent: false });
      // Nothing but the Logout left; the terminal had nothing to ignore.
      expect(h.run.sentCategories()).toEqual(['Login', 'Logout']);
      expect(sentAfterLogout(h)).toEqual([]);
      expect(h.run.of('poiSession').filter((s) => s.change === 'ignored')).toEqual([]);
      // They ended with the Logout's answer, not after a response timeout.
      expect(h.run.of('timeout')).toEqual([]);
      for (const op of [statusOutcome.op, payment.op]) {
        expect(endedAt(h, op)).toBe(endedAt(h, logout.op));
        expect(endedAt(h, op) - askedAt).toBeLessThan(POLICY.statusTimeoutMs!);
      }
      expect(h.manager.snapshot()).toMatchObject({ state: 'loggedOut', ops: [], queued: 0 });
      expect(h.simulator.ledger()).toEqual([]);
      expectAllVerdictsPass(h);
    },
  );

  it('starts a Login asked meanwhile after the Logout; requests asked after it are served', async () => {
    const h = await setup('ws');
    const loggingOut = h.manager.logout();
    const before = h.manager.status();
    const loggingIn = h.manager.login();
    const after = h.manager.status();
    const [logout, beforeOutcome, login, afterOutcome] = [
      await h.run.finish(loggingOut, 'the logout'),
      await h.run.finish(before, 'the first status'),
      await h.run.finish(loggingIn, 'the login'),
      await h.run.finish(after, 'the second status'),
    ];
    expect(logout.kind).toBe('succeeded');
    expect(beforeOutcome).toMatchObject({ kind: 'failed', reason: 'loggedOut' });
    expect(login.kind).toBe('succeeded');
    // No payment yet: the terminal's answer about "the last transaction" is NotFound.
    expect(afterOutcome).toMatchObject({ kind: 'declined', errorCondition: 'NotFound' });
    // One Login, after the Logout's answer; then the status on the new session.
    expect(h.run.sentCategories()).toEqual(['Login', 'Logout', 'Login', 'TransactionStatus']);
    const logoutAnswered = h.run.events.findIndex(
      ({ event }) =>
        event.kind === 'message' &&
        event.observer === 'pos' &&
        event.direction === 'toPos' &&
        JSON.stringify(event.json).includes('"LogoutResponse"'),
    );
    expect(logoutAnswered).toBeGreaterThan(-1);
    const secondLogin = h.run.events.findIndex(
      ({ event }, i) =>
        i > logoutAnswered &&
        event.kind === 'message' &&
        event.observer === 'pos' &&
        event.direction === 'toPoi' &&
        JSON.stringify(event.json).includes('"LoginRequest"'),
    );
    expect(secondLogin).toBeGreaterThan(logoutAnswered);
    expect(h.run.states().slice(-3)).toEqual(['loggedOut', 'loggingIn', 'ready']);
    expect(h.run.of('poiSession').filter((s) => s.change === 'ignored')).toEqual([]);
    expect(h.run.of('timeout')).toEqual([]);
    expect((await h.run.finish(h.manager.pay(PAY))).kind).toBe('approved');
    expectAllVerdictsPass(h);
  });
});
