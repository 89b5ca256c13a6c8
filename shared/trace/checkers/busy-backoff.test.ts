import { describe, expect, it } from 'vitest';
import { busyBackoff } from './busy-backoff';
import { traceBuilder, type TraceBuilder } from './fixtures/trace-builder';
import { checkedBothWays } from './fixtures/both-ways';

const check = checkedBothWays(busyBackoff);

const LOGIN_BODY = {
  DateTime: '2026-01-01T00:00:00Z',
  SaleSoftware: { ManufacturerID: 'Acme', ApplicationName: 'POS', SoftwareVersion: '1.0' },
  OperatorLanguage: 'en',
};

function busyLogin(
  b: TraceBuilder,
  serviceId: string,
  body: Record<string, unknown> = LOGIN_BODY,
): number {
  b.request('L1', 'Login', { serviceId, body });
  return b.response('L1', 'Login', { serviceId, result: 'Failure', errorCondition: 'Busy' });
}

function timeout(serviceId: string) {
  return { kind: 'timeout', category: 'Login', serviceId, afterMs: 3000 } as const;
}

describe('busy-backoff', () => {
  it('passes the same login resent after the minimum, with a refreshed DateTime', () => {
    const b = traceBuilder();
    busyLogin(b, 'S1');
    b.wait(1000);
    busyLogin(b, 'S2', { ...LOGIN_BODY, DateTime: '2026-01-01T00:00:01Z' });
    b.wait(2000);
    b.request('L1', 'Login', { serviceId: 'S3', body: LOGIN_BODY });
    b.response('L1', 'Login', { serviceId: 'S3' });
    const verdicts = check(b.build());
    expect(verdicts).toEqual([expect.objectContaining({ pass: true })]);
    expect(verdicts[0]?.message).toMatch(/every BUSY Login answer \(2\)/);
  });

  it('fails a login resent too soon and names both frames', () => {
    const b = traceBuilder();
    const busy = busyLogin(b, 'S1');
    const resend = b.wait(200).request('L1', 'Login', { serviceId: 'S2', body: LOGIN_BODY });
    const [verdict, ...rest] = check(b.build());
    expect(rest).toHaveLength(0);
    expect(verdict).toMatchObject({ pass: false });
    expect(verdict?.events).toEqual(expect.arrayContaining([busy, resend]));
    expect(verdict?.message).toMatch(/200 ms .* minimum is 1000 ms/);
  });

  it('ignores a late BUSY answer to a Login that had already timed out (fuzz seed 938)', () => {
    const b = traceBuilder();
    b.request('L1', 'Login', { serviceId: 'S1', body: LOGIN_BODY });
    b.wait(3000).add(timeout('S1'));
    b.request('L1', 'Login', { serviceId: 'S2', body: LOGIN_BODY });
    b.wait(3000).add(timeout('S2'));
    b.add({ kind: 'session', from: 'loggingIn', to: 'failed', reason: 'Login not answered' });
    // The terminal's answer to S1, held back for 6 s, lands as the user asks for a new Login.
    b.response('L1', 'Login', { serviceId: 'S1', result: 'Failure', errorCondition: 'Busy' });
    b.request('L1', 'Login', { serviceId: 'S3', body: LOGIN_BODY });
    const verdicts = check(b.build());
    expect(verdicts).toEqual([expect.objectContaining({ pass: true })]);
    expect(verdicts[0]?.message).toMatch(/1 late answer to a Login no longer awaited/);
  });

  it('ignores a BUSY answer to a Login already superseded by a newer one (no POS timers)', () => {
    const b = traceBuilder({ observer: 'poi' });
    b.request('L1', 'Login', { serviceId: 'S1', body: LOGIN_BODY });
    b.wait(3000).request('L1', 'Login', { serviceId: 'S2', body: LOGIN_BODY });
    // S1's answer comes 6 s late, as the POS gives up on S2 too and sends S3.
    b.wait(3000).response('L1', 'Login', {
      serviceId: 'S1',
      result: 'Failure',
      errorCondition: 'Busy',
    });
    b.request('L1', 'Login', { serviceId: 'S3', body: LOGIN_BODY });
    b.response('L1', 'Login', { serviceId: 'S3' });
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('still fails a quick resend after a BUSY answer to the awaited Login', () => {
    const b = traceBuilder();
    b.request('L1', 'Login', { serviceId: 'S1', body: LOGIN_BODY });
    b.wait(3000).add(timeout('S1'));
    const busy = busyLogin(b, 'S2');
    const resend = b.request('L1', 'Login', { serviceId: 'S3', body: LOGIN_BODY });
    const [verdict, ...rest] = check(b.build());
    expect(rest).toHaveLength(0);
    expect(verdict).toMatchObject({ pass: false });
    expect(verdict?.events).toEqual(expect.arrayContaining([busy, resend]));
    expect(verdict?.message).toMatch(/resent 0 ms after the BUSY answer/);
  });

  it("uses the header policy's minimum", () => {
    const b = traceBuilder({ policy: { loginBusyInitialDelayMs: 2000 } });
    busyLogin(b, 'S1');
    b.wait(1500).request('L1', 'Login', { serviceId: 'S2', body: LOGIN_BODY });
    expect(check(b.build())[0]?.pass).toBe(false);
  });

  it('tolerates a real timer firing a millisecond early', () => {
    const b = traceBuilder();
    busyLogin(b, 'S1');
    b.wait(999.4).request('L1', 'Login', { serviceId: 'S2', body: LOGIN_BODY });
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('fails a resend that changes the login fields', () => {
    const b = traceBuilder();
    busyLogin(b, 'S1');
    b.wait(1000).request('L1', 'Login', {
      serviceId: 'S2',
      body: { ...LOGIN_BODY, OperatorLanguage: 'de' },
    });
    expect(check(b.build())[0]?.message).toMatch(/does not carry the same fields/);
  });

  it('fails a header change other than the ServiceID', () => {
    const b = traceBuilder();
    busyLogin(b, 'S1');
    b.wait(1000).request('L1', 'Login', {
      serviceId: 'S2',
      body: LOGIN_BODY,
      header: { POIID: 'OTHER' },
    });
    expect(check(b.build())[0]?.pass).toBe(false);
  });

  it('fails more attempts than the policy cap when the header states one', () => {
    const b = traceBuilder({ policy: { loginBusyMaxAttempts: 2 } });
    busyLogin(b, 'S1');
    busyLogin(b.wait(1000), 'S2');
    const third = b.wait(2000).request('L1', 'Login', { serviceId: 'S3', body: LOGIN_BODY });
    const verdicts = check(b.build());
    expect(verdicts).toEqual([expect.objectContaining({ pass: false, events: [third] })]);
  });

  it('starts a new sequence after the client gave up', () => {
    const b = traceBuilder({ policy: { loginBusyMaxAttempts: 1 } });
    busyLogin(b, 'S1');
    b.add({ kind: 'session', from: 'loggingIn', to: 'failed', reason: 'login still Busy' });
    b.wait(10).request('L1', 'Login', { serviceId: 'S2', body: LOGIN_BODY });
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('judges a terminal-role trace', () => {
    const b = traceBuilder({ observer: 'poi' });
    busyLogin(b, 'S1');
    b.wait(10).request('L1', 'Login', { serviceId: 'S2', body: LOGIN_BODY });
    expect(check(b.build())[0]?.pass).toBe(false);
  });

  it('is not applicable without BUSY answers', () => {
    const b = traceBuilder();
    b.login('L1', 'S1');
    expect(check(b.build())[0]).toMatchObject({
      pass: true,
      message: expect.stringMatching(/not applicable/),
    });
  });
});
