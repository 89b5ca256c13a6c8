import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Driver } from './testing/drive';
import { EXCLUSIVE_OPS, type OpRequest } from './model';
import { hasOpenSession } from './states';
import type { ResponseInfo } from './outcomes';

const SALE = { TransactionID: 'T', TimeStamp: '2026-01-01T00:00:00Z' };
const REQUESTS: readonly OpRequest[] = [
  { name: 'login' },
  { name: 'logout' },
  { name: 'pay', amountMinor: 100, currency: 'EUR', saleTransactionId: SALE },
  { name: 'status' },
  { name: 'status', serviceId: 'S3' },
  { name: 'reverse', poiTransactionId: SALE },
  { name: 'abort' },
  { name: 'admin', kind: 'diagnosis' },
  { name: 'admin', kind: 'update' },
];
const ANSWERS: readonly Omit<ResponseInfo, 'serviceId' | 'category'>[] = [
  { result: 'Success' },
  { result: 'Partial' },
  { result: 'Failure', errorCondition: 'Busy' },
  { result: 'Failure', errorCondition: 'LoggedOut' },
  { result: 'Failure', errorCondition: 'NotFound' },
  { result: 'Failure', errorCondition: 'InProgress' },
  { result: 'Failure', errorCondition: 'Refusal' },
  { result: 'Success', repeated: { category: 'Payment', result: 'Success' } },
];

/** Logins mostly succeed, so schedules spend time with an open session. */
const LOGIN_ANSWERS: readonly Omit<ResponseInfo, 'serviceId' | 'category'>[] = [
  { result: 'Success' },
  { result: 'Success' },
  { result: 'Success' },
  { result: 'Success' },
  { result: 'Failure', errorCondition: 'Busy' },
  { result: 'Failure', errorCondition: 'Busy' },
  { result: 'Failure', errorCondition: 'Refusal' },
];

type Action =
  | { readonly kind: 'invoke'; readonly which: number }
  | { readonly kind: 'answer'; readonly which: number; readonly answer: number }
  | { readonly kind: 'fire'; readonly which: number }
  | { readonly kind: 'dial'; readonly ok: boolean }
  | { readonly kind: 'close' }
  | { readonly kind: 'progress' }
  | { readonly kind: 'stopStart' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('invoke' as const), which: fc.nat() }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      which: fc.nat(),
      answer: fc.nat(),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('fire' as const), which: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('dial' as const), ok: fc.boolean() }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'close' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'progress' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'stopStart' as const }), weight: 1 },
);

function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

function perform(d: Driver, a: Action, ids: { next: number; links: number }): void {
  switch (a.kind) {
    case 'invoke':
      d.feed({ kind: 'invoke', op: `o${ids.next++}`, request: pick(REQUESTS, a.which)! });
      return;
    case 'answer': {
      const request = pick(
        Object.values(d.model.requests).filter((r) => r.serviceId !== undefined),
        a.which,
      );
      if (request) {
        d.feed({
          kind: 'response',
          response: {
            serviceId: request.serviceId!,
            category: request.category,
            ...pick(request.purpose === 'login' ? LOGIN_ANSWERS : ANSWERS, a.answer)!,
          },
        });
      }
      return;
    }
    case 'fire': {
      const key = pick([...d.timers.keys()], a.which);
      if (key !== undefined) d.fire(key);
      return;
    }
    case 'dial':
      if (d.model.dialing) {
        d.feed(
          a.ok
            ? { kind: 'dialed', link: `L${ids.links++}` }
            : { kind: 'dialFailed', error: 'refused' },
        );
      }
      return;
    case 'close':
      if (d.model.link !== undefined)
        d.feed({ kind: 'linkClosed', link: d.model.link, reason: 'drop' });
      return;
    case 'progress':
      d.feed({ kind: 'poiMessage', category: 'Display' });
      return;
    case 'stopStart':
      d.feed({ kind: 'stop', reason: 'stopped' });
      d.feed({ kind: 'start' });
      return;
  }
}

/**
 * An oracle kept apart from the model: the logout operation whose Logout left and which has
 * not ended. While it runs, the session is closing and nothing but Login and that Logout leaves.
 */
interface Watch {
  closing?: string;
}

/** Replays the effects of one input in order against the closing rule. */
function checkClosing(d: Driver, effectsBefore: number, watch: Watch): void {
  for (const e of d.effects.slice(effectsBefore)) {
    if (e.kind === 'complete' && e.op === watch.closing) delete watch.closing;
    if (e.kind !== 'send') continue;
    const category = e.spec.category;
    if (category === 'Logout' && (watch.closing === undefined || watch.closing === e.op)) {
      watch.closing = e.op;
    } else if (category !== 'Login' && watch.closing !== undefined) {
      throw new Error(`${category} left while the Logout of ${watch.closing} awaited its answer`);
    }
  }
}

/** Checks the rules that must hold after every input, whatever came before (plain checks: fast). */
function checkInvariants(d: Driver, sentBefore: number, effectsBefore: number, watch: Watch): void {
  const fail = (why: string): never => {
    throw new Error(`${why} (state ${d.model.state})`);
  };
  checkClosing(d, effectsBefore, watch);
  for (const [op, list] of d.outcomes)
    if (list.length !== 1) fail(`${op} has ${list.length} outcomes`);
  const newSends = d.sent.slice(sentBefore);
  if (newSends.some((s) => s.spec.category !== 'Login') && !hasOpenSession(d.model.state)) {
    fail('a request other than Login left without an open session');
  }
  const exclusiveInFlight = Object.values(d.model.ops).filter(
    (o) => EXCLUSIVE_OPS.includes(o.request.name) && o.pending !== undefined,
  );
  if (exclusiveInFlight.length > 1) fail('two exclusive requests in flight');
  for (const o of Object.values(d.model.ops)) {
    if (o.request.name === 'pay' && o.serviceIds.length > 2) fail(`payment ${o.id} sent 3 times`);
    const never = o.request.name === 'reverse' || o.request.name === 'abort';
    if (never && o.serviceIds.length > 1) fail(`${o.request.name} ${o.id} was retried`);
    const once = o.request.name !== 'login' && o.request.name !== 'pay';
    if (once && o.serviceIds.length > 2) fail(`${o.request.name} ${o.id} retried more than once`);
  }
}

describe('step: properties over random schedules', () => {
  it(
    'keeps its invariants, and every operation ends once with a deaf terminal',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(fc.array(action, { minLength: 10, maxLength: 120, size: 'max' }), (actions) => {
          const d = new Driver({ loginBusyMaxAttempts: 3 });
          const ids = { next: 1, links: 1 };
          const watch: Watch = {};
          d.feed({ kind: 'start' });
          for (const a of actions) {
            const [before, effects] = [d.sent.length, d.effects.length];
            perform(d, a, ids);
            checkInvariants(d, before, effects, watch);
          }
          // Drain: the link always comes up, the terminal never answers, time runs.
          for (let i = 0; i < 10_000; i++) {
            const [before, effects] = [d.sent.length, d.effects.length];
            if (d.model.dialing) d.feed({ kind: 'dialed', link: `L${ids.links++}` });
            else if (!d.fireEarliest()) break;
            checkInvariants(d, before, effects, watch);
          }
          expect(d.timers.size).toBe(0);
          for (let i = 1; i < ids.next; i++)
            expect(d.outcomes.get(`o${i}`), `o${i}`).toHaveLength(1);
          expect(Object.keys(d.model.ops)).toEqual([]);
        }),
        { numRuns: 200 },
      );
    },
  );
});
