import { describe, expect, it } from 'vitest';
import { traceBuilder, type TraceBuilder } from './fixtures/trace-builder';
import { reloginAfterInvalidation } from './relogin-after-invalidation';

const check = reloginAfterInvalidation.check;

function ready(): TraceBuilder {
  const b = traceBuilder();
  b.linkOpened('L1');
  b.login('L1', 'S1');
  return b;
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

  it('fails a second request after a silent reset that is not a Login', () => {
    const b = ready();
    const reset = b.fault('resetSessions', 'applied');
    const first = b.payment('L1', 'S2', 'T1');
    const second = b.wait(3000).status('L1', 'S3', 'S2');
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: false, events: [reset, first, second] });
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
