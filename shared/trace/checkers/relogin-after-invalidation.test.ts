import { describe, expect, it } from 'vitest';
import {
  traceBuilder,
  type TraceBuilder,
  type TraceBuilderOptions,
} from './fixtures/trace-builder';
import { reloginAfterInvalidation } from './relogin-after-invalidation';
import { checkedBothWays } from './fixtures/both-ways';

const check = checkedBothWays(reloginAfterInvalidation);

function ready(options: TraceBuilderOptions = {}): TraceBuilder {
  const b = traceBuilder(options);
  b.linkOpened('L1');
  b.login('L1', 'S1');
  return b;
}

/** A client `session` event: the trace records the POS's own timers (the reference client). */
function client(b: TraceBuilder, to: 'ready'): number {
  return b.add({ kind: 'session', from: 'loggingIn', to, reason: 'Login Success', link: 'L1' });
}

function timeout(category: string, serviceId: string, afterMs: number) {
  return { kind: 'timeout', category, serviceId, afterMs } as const;
}

describe('relogin-after-invalidation', () => {
  it('passes a re-login after the payment application restarts', () => {
    const b = ready();
    b.fault('restart', 'applied');
    b.add({
      kind: 'lifecycle',
      from: 'ready',
      to: 'initialising',
      reason: 'restart',
      version: '1.0.0',
    });
    b.linkClosed('L1');
    b.linkOpened('L2');
    b.login('L2', 'S2');
    b.payment('L2', 'S3', 'T1');
    expect(check(b.build())).toEqual([
      expect.objectContaining({
        pass: true,
        message: expect.stringMatching(/a Login came first after every session invalidation \(1\)/),
      }),
    ]);
  });

  it('fails a payment sent first after an update, once the close reached the POS', () => {
    const b = ready();
    const update = b.add({
      kind: 'lifecycle',
      from: 'ready',
      to: 'initialising',
      reason: 'update',
      version: '1.0.1',
    });
    const closed = b.linkClosed('L1');
    b.linkOpened('L2');
    const pay = b.payment('L2', 'S2', 'T1');
    b.login('L2', 'S3');
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: false, events: [update, closed, pay] });
    expect(verdict?.message).toMatch(/initialising \(update/);
  });

  it('does not hold a request against the POS before the restart closed its link', () => {
    const b = ready();
    b.fault('restart', 'applied');
    b.add({
      kind: 'lifecycle',
      from: 'ready',
      to: 'initialising',
      reason: 'restart',
      version: '1.0.0',
    });
    // Sent in the instant between the restart and the close reaching the POS: lost, retried later.
    b.status('L1', 'S2');
    b.linkClosed('L1');
    b.linkOpened('L2');
    b.login('L2', 'S3');
    b.status('L2', 'S4');
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('fails a request on a new link after a link drop without a Login', () => {
    const b = ready();
    const closed = b.linkClosed('L1');
    b.linkOpened('L2');
    const status = b.status('L2', 'S2', 'S0');
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: false, events: [closed, status] });
  });

  it('passes logout then login then pay, and fails logout then pay', () => {
    const good = ready();
    good.request('L1', 'Logout', { serviceId: 'S2' });
    good.response('L1', 'Logout', { serviceId: 'S2' });
    good.login('L1', 'S3');
    good.payment('L1', 'S4', 'T1');
    expect(check(good.build())[0]?.pass).toBe(true);

    const bad = ready();
    const logout = bad.request('L1', 'Logout', { serviceId: 'S2' });
    bad.response('L1', 'Logout', { serviceId: 'S2' });
    const pay = bad.payment('L1', 'S3', 'T1');
    expect(check(bad.build())[0]).toMatchObject({ pass: false, events: [logout, pay] });
  });

  it('tolerates the one request a POS cannot know is dead after a silent reset', () => {
    const b = ready();
    b.fault('resetSessions', 'applied');
    b.payment('L1', 'S2', 'T1'); // silently ignored by the terminal
    b.wait(3000).login('L1', 'S3');
    b.status('L1', 'S4', 'S2');
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('fails a request sent after the first one must have timed out (no POS timers recorded)', () => {
    const b = ready({ policy: { paymentTimeoutMs: 2000 } });
    const reset = b.fault('resetSessions', 'applied');
    const first = b.payment('L1', 'S2', 'T1');
    // By now a POS following the policy has timed out on the payment: it knows.
    const second = b.wait(3000).status('L1', 'S3', 'S2');
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: false, events: [reset, first, second] });
  });

  it('tolerates overlapping requests sent before the POS could know of a silent reset (fuzz seed 486)', () => {
    const b = ready({ policy: { statusTimeoutMs: 2000 } });
    client(b, 'ready');
    b.fault('resetSessions', 'applied');
    // DESIGN §1 rule 7: a TransactionStatus may overlap a payment; both are silently ignored.
    b.wait(50).payment('L1', 'S2', 'T1');
    b.status('L1', 'S3');
    b.wait(2000).add(timeout('TransactionStatus', 'S3', 2000));
    b.login('L1', 'S4');
    b.status('L1', 'S5');
    expect(check(b.build())).toEqual([expect.objectContaining({ pass: true })]);
  });

  it('fails a POS that keeps sending after a timeout told it the session may be gone', () => {
    const b = ready({ policy: { statusTimeoutMs: 2000 } });
    client(b, 'ready');
    const reset = b.fault('resetSessions', 'applied');
    const pay = b.payment('L1', 'S2', 'T1');
    const status = b.status('L1', 'S3');
    const timedOut = b.wait(2000).add(timeout('TransactionStatus', 'S3', 2000));
    const again = b.status('L1', 'S4');
    b.login('L1', 'S5');
    const [verdict, ...rest] = check(b.build());
    expect(rest).toHaveLength(0);
    expect(verdict).toMatchObject({
      pass: false,
      events: [reset, pay, status, timedOut, again],
    });
    expect(verdict?.message).toMatch(/sent 1 request before a Login: TransactionStatus S4/);
  });

  it('does not let an unanswered Abort count as knowing: it says nothing about the session', () => {
    const b = ready();
    client(b, 'ready');
    b.fault('resetSessions', 'applied');
    b.request('L1', 'Abort', { serviceId: 'S2' });
    b.wait(10_000).add(timeout('Abort', 'S2', 10_000));
    b.payment('L1', 'S3', 'T1');
    b.wait(120_000).add(timeout('Payment', 'S3', 120_000));
    b.login('L1', 'S4');
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('judges a terminal-role trace by when the POS must have timed out', () => {
    const good = traceBuilder({ observer: 'poi' });
    good.login('1', 'A1');
    good.fault('resetSessions', 'applied');
    good.payment('1', 'A2', 'T1');
    good.wait(5).status('1', 'A3');
    good.wait(130_000).login('1', 'A4');
    expect(check(good.build())[0]?.pass).toBe(true);

    const bad = traceBuilder({ observer: 'poi' });
    bad.login('1', 'A1');
    bad.fault('resetSessions', 'applied');
    bad.payment('1', 'A2', 'T1');
    // Default paymentTimeoutMs is 120 s: a POS that has not logged in by then never noticed.
    const late = bad.wait(130_000).payment('1', 'A3', 'T2');
    expect(check(bad.build())[0]).toMatchObject({ pass: false });
    expect(check(bad.build())[0]?.events).toContain(late);
  });

  it('after a LoggedOut answer the POS knows: the next request must be a Login', () => {
    const b = ready();
    b.fault('resetSessions', 'applied');
    b.payment('L1', 'S2', 'T1');
    b.response('L1', 'Payment', {
      serviceId: 'S2',
      result: 'Failure',
      errorCondition: 'LoggedOut',
    });
    const again = b.payment('L1', 'S3', 'T1');
    const [verdict] = check(b.build());
    expect(verdict?.pass).toBe(false);
    expect(verdict?.events).toContain(again);
  });

  it('fails a restarted POS app that does not log in first', () => {
    const b = ready();
    b.fault('restartClient', 'applied');
    const status = b.status('L1', 'S2', 'S0');
    expect(check(b.build())[0]).toMatchObject({
      pass: false,
      events: [expect.any(Number), status],
    });
  });

  it('judges each SaleID on its own in a terminal-role trace', () => {
    const b = traceBuilder({ observer: 'poi' });
    b.login('1', 'A1', 'POS-A');
    b.login('2', 'B1', 'POS-B');
    b.add({ kind: 'link', observer: 'poi', link: '1', change: 'closed' });
    // POS B is unaffected by POS A's link closing.
    b.request('2', 'Payment', { serviceId: 'B2', saleId: 'POS-B' });
    b.add({ kind: 'link', observer: 'poi', link: '3', change: 'opened' });
    b.login('3', 'A2', 'POS-A');
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('is not applicable when no session was invalidated', () => {
    const b = ready();
    b.payment('L1', 'S2', 'T1');
    expect(check(b.build())[0]?.message).toMatch(/not applicable/);
  });
});
