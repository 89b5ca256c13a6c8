import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../reader';
import { traceBuilder } from './fixtures/trace-builder';
import { allPass, CHECKERS, passByChecker, runCheckers } from './registry';
import { CHECKER_NAMES } from './types';
import type { EventBody } from '../events';

/** A POS that loses a payment's answer and resends the payment blindly (DESIGN §1 rule 5). */
function blindResend(): ReturnType<typeof traceBuilder> {
  const b = traceBuilder({ policy: { paymentTimeoutMs: 3000 } });
  b.linkOpened('L1');
  b.login('L1', 'S1');
  b.op('1', 'pay', 'invoke');
  b.payment('L1', 'S2', 'T1');
  b.ledger('recorded', { serviceId: 'S2', poiTransactionId: 'A' });
  b.wait(3000).add({
    kind: 'timeout',
    category: 'Payment',
    serviceId: 'S2',
    afterMs: 3000,
    op: '1',
  });
  b.login('L1', 'S3');
  b.payment('L1', 'S4', 'T1');
  b.ledger('recorded', { serviceId: 'S4', poiTransactionId: 'B' });
  b.response('L1', 'Payment', { serviceId: 'S4' });
  b.op('1', 'pay', 'ok', 'approved');
  return b;
}

describe('the checker registry', () => {
  it('lists exactly the documented checkers, in the documented order', () => {
    expect(CHECKERS.map((c) => c.name)).toEqual([...CHECKER_NAMES]);
    expect(CHECKER_NAMES).toHaveLength(8);
    for (const checker of CHECKERS) expect(checker.description.length).toBeGreaterThan(20);
  });

  it('passes a well-behaved session with one passing verdict per checker', () => {
    const b = traceBuilder();
    b.linkOpened('L1');
    b.op('1', 'login', 'invoke');
    b.login('L1', 'S1');
    b.op('1', 'login', 'ok', 'succeeded');
    b.op('2', 'pay', 'invoke');
    b.payment('L1', 'S2', 'T1');
    b.ledger('recorded', { serviceId: 'S2' });
    b.wait(2500).response('L1', 'Payment', { serviceId: 'S2' });
    b.op('2', 'pay', 'ok', 'approved');
    const verdicts = runCheckers(b.build());
    expect(verdicts.map((v) => v.checker)).toEqual([...CHECKER_NAMES]);
    expect(allPass(verdicts)).toBe(true);
  });

  it('judges a proxy trace whose terminal leg lost an answer (a frame only the proxy saw)', () => {
    const b = traceBuilder({ observer: 'poi', role: 'proxy' });
    b.linkOpened('L1');
    b.login('L1', 'S1');
    b.payment('L1', 'S2', 'T1');
    const lost = b.add({
      kind: 'message',
      observer: 'proxy',
      direction: 'toPos',
      link: 'up-1',
      leg: 'terminal',
      proxied: 'dropped',
      json: {},
    });
    const verdicts = runCheckers(b.build());
    expect(verdicts.map((v) => v.checker)).toEqual([...CHECKER_NAMES]);
    // The POS never saw the lost frame, so no verdict rests on it.
    for (const verdict of verdicts) expect(verdict.events).not.toContain(lost);
  });

  it('names no-double-charge and status-before-payment-retry for a blind resend of a lost payment', () => {
    const parsed = parseTrace(blindResend().jsonl());
    if (!parsed.ok) throw new Error(parsed.error.reason);
    const verdicts = runCheckers(parsed.value);
    expect(allPass(verdicts)).toBe(false);
    const failing = verdicts.filter((v) => !v.pass);
    expect(failing.map((v) => v.checker).sort()).toEqual([
      'no-double-charge',
      'status-before-payment-retry',
    ]);
    const byName = passByChecker(verdicts);
    expect(byName['login-before-requests']).toBe(true);
    expect(byName['no-double-charge']).toBe(false);
    for (const verdict of failing) expect(verdict.events.length).toBeGreaterThanOrEqual(2);
  });

  it('never throws and always answers every checker, whatever the frames hold', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const nexoish = fc.record({
      SaleToPOIRequest: fc.record({
        MessageHeader: fc.record({
          MessageCategory: fc.constantFrom(
            'Login',
            'Payment',
            'TransactionStatus',
            'Abort',
            'Logout',
            7,
          ),
          MessageType: fc.constantFrom('Request', 'Response', 'Notification'),
          ServiceID: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
          SaleID: fc.constantFrom('A', 'B'),
        }),
        PaymentRequest: json,
        TransactionStatusRequest: json,
      }),
    });
    const body: fc.Arbitrary<EventBody> = fc.oneof(
      fc.record({
        kind: fc.constant('message' as const),
        observer: fc.constantFrom('pos' as const, 'poi' as const),
        direction: fc.constantFrom('toPoi' as const, 'toPos' as const),
        link: fc.constantFrom('1', '2'),
        json: fc.oneof(json, nexoish),
      }),
      fc.record({
        kind: fc.constant('op' as const),
        op: fc.constantFrom('1', '2'),
        name: fc.string({ maxLength: 6 }),
        phase: fc.constantFrom('invoke' as const, 'ok' as const, 'fail' as const, 'info' as const),
      }),
      fc.record({
        kind: fc.constant('fault' as const),
        name: fc.constantFrom('restart', 'resetSessions', 'dropLink', 'restartClient', 'x'),
        phase: fc.constantFrom('armed' as const, 'hit' as const, 'applied' as const),
        args: fc.dictionary(fc.string({ maxLength: 6 }), json, { maxKeys: 2 }),
      }),
      fc.record({
        kind: fc.constant('retry' as const),
        category: fc.constantFrom('Payment', 'Login', 'Admin'),
        serviceId: fc.constantFrom('a', 'b', 'c'),
        previousServiceId: fc.constantFrom('a', 'b', 'c'),
        attempt: fc.integer({ min: 1, max: 4 }),
        reason: fc.string({ maxLength: 5 }),
      }),
      fc.record({
        kind: fc.constant('link' as const),
        observer: fc.constantFrom('pos' as const, 'poi' as const),
        link: fc.constantFrom('1', '2'),
        change: fc.constantFrom('opened' as const, 'closed' as const),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(body, fc.nat(5000)), { maxLength: 30 }),
        fc.dictionary(fc.constantFrom('loginBusyMaxAttempts', 'paymentTimeoutMs', 'x'), json),
        (steps, policy) => {
          const b = traceBuilder({ policy });
          for (const [event, wait] of steps) b.wait(wait).add(event);
          const verdicts = runCheckers(b.build());
          const named = new Set(verdicts.map((v) => v.checker));
          expect(named.size).toBe(CHECKERS.length);
          for (const verdict of verdicts) {
            expect(typeof verdict.message).toBe('string');
            for (const seq of verdict.events) expect(seq).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
