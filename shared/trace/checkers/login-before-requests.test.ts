import { describe, expect, it } from 'vitest';
import { traceBuilder } from './fixtures/trace-builder';
import { loginBeforeRequests } from './login-before-requests';
import { checkedBothWays } from './fixtures/both-ways';
import { verdictFocus } from './types';

const check = checkedBothWays(loginBeforeRequests);

describe('login-before-requests', () => {
  it('passes when every request follows a Login Success on its link', () => {
    const b = traceBuilder();
    b.linkOpened('L1');
    b.login('L1', 'S1');
    b.payment('L1', 'S2', 'T1');
    b.response('L1', 'Payment', { serviceId: 'S2' });
    const verdicts = check(b.build());
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ checker: 'login-before-requests', pass: true });
    expect(verdicts[0]?.message).toBe('2 requests, all after a successful Login on their link');
  });

  it('passes BUSY logins followed by a successful one before the payment', () => {
    const b = traceBuilder();
    b.request('L1', 'Login', { serviceId: 'S1' });
    b.response('L1', 'Login', { serviceId: 'S1', result: 'Failure', errorCondition: 'Busy' });
    b.wait(1000).login('L1', 'S2');
    b.payment('L1', 'S3', 'T1');
    expect(check(b.build()).every((v) => v.pass)).toBe(true);
  });

  it('fails a payment sent before any Login and names it', () => {
    const b = traceBuilder();
    b.linkOpened('L1');
    const pay = b.payment('L1', 'S1', 'T1');
    b.login('L1', 'S2');
    const [verdict, ...rest] = check(b.build());
    expect(rest).toHaveLength(0);
    expect(verdict).toMatchObject({ pass: false });
    expect(verdict?.events).toContain(pay);
    expect(verdict?.message).toMatch(/before any Login Success on link L1/);
  });

  it('is about the request it names, not the link that opened the episode', () => {
    const b = traceBuilder();
    const opened = b.linkOpened('L1');
    const pay = b.payment('L1', 'S1', 'T1');
    const [verdict] = check(b.build());
    expect(verdict?.events).toEqual([opened, pay]);
    expect(verdict?.focus).toBe(pay);
    expect(verdictFocus(verdict ?? { events: [] })).toBe(pay);
  });

  it('fails a request sent after the Login but before its answer', () => {
    const b = traceBuilder();
    b.request('L1', 'Login', { serviceId: 'S1' });
    const status = b.status('L1', 'S2');
    b.response('L1', 'Login', { serviceId: 'S1' });
    const verdicts = check(b.build());
    expect(verdicts.map((v) => v.pass)).toEqual([false]);
    expect(verdicts[0]?.events).toEqual([status]);
  });

  it('fails a status sent after a re-login was sent and before its Success', () => {
    const b = traceBuilder();
    b.login('L1', 'S1');
    const relogin = b.request('L1', 'Login', { serviceId: 'S2' });
    const status = b.status('L1', 'S3', 'S0');
    b.response('L1', 'Login', { serviceId: 'S2' });
    const [verdict] = check(b.build());
    expect(verdict?.pass).toBe(false);
    expect(verdict?.events).toEqual([relogin, status]);
  });

  it('fails requests after a Logout and after a LoggedOut answer, one verdict each', () => {
    const b = traceBuilder();
    b.login('L1', 'S1');
    b.request('L1', 'Logout', { serviceId: 'S2' });
    b.response('L1', 'Logout', { serviceId: 'S2' });
    b.payment('L1', 'S3', 'T1');
    b.login('L1', 'S4');
    b.payment('L1', 'S5', 'T2');
    b.response('L1', 'Payment', {
      serviceId: 'S5',
      result: 'Failure',
      errorCondition: 'LoggedOut',
    });
    b.payment('L1', 'S6', 'T2');
    const verdicts = check(b.build());
    expect(verdicts.map((v) => v.pass)).toEqual([false, false]);
    expect(verdicts[0]?.message).toMatch(/after Logout/);
    expect(verdicts[1]?.message).toMatch(/LoggedOut/);
  });

  it('treats each new link as having no session', () => {
    const b = traceBuilder();
    b.linkOpened('L1');
    b.login('L1', 'S1');
    b.linkClosed('L1');
    b.linkOpened('L2');
    const pay = b.payment('L2', 'S2', 'T1');
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: false });
    expect(verdict?.events).toContain(pay);
  });

  it('judges a terminal-role trace from the POI side', () => {
    const ok = traceBuilder({ observer: 'poi' });
    ok.login('7', 'A1');
    ok.payment('7', 'A2', 'T1');
    expect(check(ok.build())[0]?.pass).toBe(true);
    const bad = traceBuilder({ observer: 'poi' });
    bad.payment('7', 'A2', 'T1');
    expect(check(bad.build())[0]?.pass).toBe(false);
  });

  it('reads only one side when both sides recorded the frames', () => {
    const b = traceBuilder();
    b.login('L1', 'S1');
    // The POI side saw a payment on its own link id before its login: ignored, the POS side rules.
    b.add({
      kind: 'message',
      observer: 'poi',
      direction: 'toPoi',
      link: '9',
      json: {
        SaleToPOIRequest: {
          MessageHeader: { MessageCategory: 'Payment', MessageType: 'Request', ServiceID: 'S9' },
        },
      },
    });
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('notes requests without a session as allowed on a login-optional profile', () => {
    const b = traceBuilder({ profile: 'adyen' });
    const pay = b.payment('L1', 'S1', 'T1');
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: true, events: [pay] });
    expect(verdict?.message).toMatch(/does not require Login/);
  });

  it('is not applicable without wire messages', () => {
    const b = traceBuilder();
    b.op('1', 'login', 'invoke');
    expect(check(b.build())[0]).toMatchObject({
      pass: true,
      message: expect.stringMatching(/not applicable/),
    });
  });
});
