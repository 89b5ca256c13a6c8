import { describe, expect, it } from 'vitest';
import { traceBuilder } from './fixtures/trace-builder';
import { singleRetry } from './single-retry';
import { checkedBothWays } from './fixtures/both-ways';

const check = checkedBothWays(singleRetry);

describe('single-retry', () => {
  it('passes one retry per request from retry events', () => {
    const b = traceBuilder();
    b.add({
      kind: 'retry',
      category: 'TransactionStatus',
      serviceId: 'Q2',
      previousServiceId: 'Q1',
      attempt: 2,
      reason: 'timeout',
    });
    b.add({
      kind: 'retry',
      category: 'Payment',
      serviceId: 'P2',
      previousServiceId: 'P1',
      attempt: 2,
      reason: 'notProcessed',
    });
    expect(check(b.build())).toEqual([
      expect.objectContaining({
        pass: true,
        message: expect.stringMatching(/no request was retried more than once/),
      }),
    ]);
  });

  it('fails a chain of two retries from retry events', () => {
    const b = traceBuilder();
    const r1 = b.add({
      kind: 'retry',
      category: 'Admin',
      serviceId: 'A2',
      previousServiceId: 'A1',
      attempt: 2,
      reason: 'timeout',
    });
    const r2 = b.add({
      kind: 'retry',
      category: 'Admin',
      serviceId: 'A3',
      previousServiceId: 'A2',
      attempt: 3,
      reason: 'timeout',
    });
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: false, events: [r1, r2] });
    expect(verdict?.message).toMatch(/Admin A1 was retried 2 times/);
  });

  it('fails two retries of the same original', () => {
    const b = traceBuilder();
    b.add({
      kind: 'retry',
      category: 'Payment',
      serviceId: 'P2',
      previousServiceId: 'P1',
      attempt: 2,
      reason: 'notProcessed',
    });
    b.add({
      kind: 'retry',
      category: 'Payment',
      serviceId: 'P3',
      previousServiceId: 'P1',
      attempt: 2,
      reason: 'notProcessed',
    });
    expect(check(b.build())[0]?.pass).toBe(false);
  });

  it('leaves Login resends to the login attempt cap', () => {
    const b = traceBuilder();
    for (let i = 2; i <= 6; i++) {
      b.add({
        kind: 'retry',
        category: 'Login',
        serviceId: `L${i}`,
        previousServiceId: `L${i - 1}`,
        attempt: i,
        reason: 'Busy',
      });
    }
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('fails a payment resent twice while unanswered (a foreign POS, from the wire)', () => {
    const b = traceBuilder({ observer: 'poi' });
    const p1 = b.payment('1', 'P1', 'T1');
    const p2 = b.payment('1', 'P2', 'T1');
    const p3 = b.payment('1', 'P3', 'T1');
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: false, events: [p1, p2, p3] });
    expect(verdict?.message).toMatch(/from the wire/);
  });

  it('does not count answered requests or status polls as retries', () => {
    const b = traceBuilder();
    for (const id of ['Q1', 'Q2', 'Q3']) {
      b.status('L1', id, 'P1');
      b.response('L1', 'TransactionStatus', {
        serviceId: id,
        result: 'Failure',
        errorCondition: 'InProgress',
      });
    }
    b.payment('L1', 'P2', 'T1');
    b.response('L1', 'Payment', { serviceId: 'P2', result: 'Failure', errorCondition: 'Refusal' });
    b.payment('L1', 'P3', 'T1');
    b.response('L1', 'Payment', { serviceId: 'P3', result: 'Failure', errorCondition: 'Refusal' });
    b.payment('L1', 'P4', 'T1');
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('reports a violation seen by both sources once', () => {
    const b = traceBuilder();
    b.status('L1', 'Q1', 'P1');
    b.status('L1', 'Q2', 'P1');
    b.add({
      kind: 'retry',
      category: 'TransactionStatus',
      serviceId: 'Q2',
      previousServiceId: 'Q1',
      attempt: 2,
      reason: 'timeout',
    });
    b.status('L1', 'Q3', 'P1');
    b.add({
      kind: 'retry',
      category: 'TransactionStatus',
      serviceId: 'Q3',
      previousServiceId: 'Q2',
      attempt: 3,
      reason: 'timeout',
    });
    const verdicts = check(b.build());
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]?.pass).toBe(false);
  });

  it('trusts retry events over the wire for a client that records its operations', () => {
    const b = traceBuilder();
    b.op('1', 'status', 'invoke');
    b.op('2', 'status', 'invoke');
    // Two status operations side by side, both lost, each retried once after a re-login.
    b.status('L1', 'Q1');
    b.status('L1', 'Q2');
    b.status('L2', 'Q3');
    b.add({
      kind: 'retry',
      category: 'TransactionStatus',
      serviceId: 'Q3',
      previousServiceId: 'Q1',
      attempt: 2,
      reason: 'linkLost',
    });
    b.status('L2', 'Q4');
    b.add({
      kind: 'retry',
      category: 'TransactionStatus',
      serviceId: 'Q4',
      previousServiceId: 'Q2',
      attempt: 2,
      reason: 'linkLost',
    });
    expect(check(b.build())[0]?.pass).toBe(true);
    // Without operation records, the same frames are three resends of one query.
    const foreign = traceBuilder({ observer: 'poi' });
    for (const id of ['Q1', 'Q2', 'Q3', 'Q4']) foreign.status('1', id);
    expect(check(foreign.build())[0]?.pass).toBe(false);
  });

  it('never judges Abort requests, which have no answer', () => {
    const b = traceBuilder();
    for (const id of ['X1', 'X2', 'X3']) {
      b.request('L1', 'Abort', { serviceId: id, body: { MessageReference: { ServiceID: 'P1' } } });
    }
    expect(check(b.build())[0]?.pass).toBe(true);
  });
});
