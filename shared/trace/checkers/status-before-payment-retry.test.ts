import { describe, expect, it } from 'vitest';
import { traceBuilder, type TraceBuilder } from './fixtures/trace-builder';
import { statusBeforePaymentRetry } from './status-before-payment-retry';
import { checkedBothWays } from './fixtures/both-ways';

const check = checkedBothWays(statusBeforePaymentRetry);

/** Seq of the lost payment in {@link lostPayment}. */
const LOST = 3;

function lostPayment(): TraceBuilder {
  const b = traceBuilder();
  b.login('L1', 'S1');
  expect(b.payment('L1', 'P1', 'T1')).toBe(LOST);
  b.linkClosed('L1');
  b.login('L2', 'S2');
  return b;
}

describe('status-before-payment-retry', () => {
  it('passes a resend after TransactionStatus answered NotFound', () => {
    const b = lostPayment();
    b.status('L2', 'Q1', 'P1');
    b.response('L2', 'TransactionStatus', {
      serviceId: 'Q1',
      result: 'Failure',
      errorCondition: 'NotFound',
    });
    b.payment('L2', 'P2', 'T1');
    expect(check(b.build())).toEqual([expect.objectContaining({ pass: true })]);
  });

  it('passes a new payment for the sale after a declined one', () => {
    const b = traceBuilder();
    b.payment('L1', 'P1', 'T1');
    b.response('L1', 'Payment', { serviceId: 'P1', result: 'Failure', errorCondition: 'Refusal' });
    b.payment('L1', 'P2', 'T1');
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('fails a lost payment resent blindly and names both payments', () => {
    const b = lostPayment();
    const resend = b.payment('L2', 'P2', 'T1');
    const [verdict, ...rest] = check(b.build());
    expect(rest).toHaveLength(0);
    expect(verdict).toMatchObject({ pass: false, events: [LOST, resend] });
    expect(verdict?.message).toMatch(/without asking TransactionStatus/);
  });

  it('fails a resend while the status still said InProgress', () => {
    const b = lostPayment();
    const status = b.status('L2', 'Q1', 'P1');
    const answer = b.response('L2', 'TransactionStatus', {
      serviceId: 'Q1',
      result: 'Failure',
      errorCondition: 'InProgress',
    });
    const resend = b.payment('L2', 'P2', 'T1');
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: false, events: [LOST, status, answer, resend] });
    expect(verdict?.message).toMatch(/before a TransactionStatus answered/);
  });

  it('fails a resend before the status was answered', () => {
    const b = lostPayment();
    b.status('L2', 'Q1', 'P1');
    b.payment('L2', 'P2', 'T1');
    expect(check(b.build())[0]?.pass).toBe(false);
  });

  it('counts a status without MessageReference for the latest payment', () => {
    const b = lostPayment();
    b.status('L2', 'Q1');
    b.response('L2', 'TransactionStatus', { serviceId: 'Q1' });
    b.payment('L2', 'P2', 'T1');
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('does not mix sales: a lost payment of one sale does not block another', () => {
    const b = lostPayment();
    b.payment('L2', 'P2', 'T2');
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('judges a terminal-role trace (the terminal saw the status)', () => {
    const b = traceBuilder({ observer: 'poi' });
    b.payment('1', 'P1', 'T1');
    b.payment('2', 'P2', 'T1');
    b.payment('2', 'P3', 'T1');
    // Two violations: P2 over P1, and P3 over P2.
    expect(check(b.build()).map((v) => v.pass)).toEqual([false, false]);
  });

  it('is not applicable without payments', () => {
    const b = traceBuilder();
    b.login('L1', 'S1');
    expect(check(b.build())[0]?.message).toMatch(/not applicable/);
  });
});
