import { describe, expect, it } from 'vitest';
import { Driver } from './testing/drive';
import type { OpRequest } from './model';

const SALE = { TransactionID: 'T1', TimeStamp: '2026-01-01T00:00:00.000Z' };
const PAY: OpRequest = { name: 'pay', amountMinor: 1250, currency: 'EUR', saleTransactionId: SALE };
const STATUS: OpRequest = { name: 'status' };
const LOGGED_OUT = { kind: 'failed', reason: 'loggedOut' };

/** An open session, a Logout on the wire, then a status and a payment asked before its answer. */
function racing(): Driver {
  const d = new Driver().open();
  d.feed({ kind: 'invoke', op: 'lo', request: { name: 'logout' } });
  d.feed({ kind: 'invoke', op: 'st', request: STATUS });
  d.feed({ kind: 'invoke', op: 'p', request: PAY });
  return d;
}

describe('step: requests asked while a Logout awaits its answer', () => {
  it('holds them: nothing but the Logout leaves, and the session says it is closing', () => {
    const d = racing();
    d.feed({ kind: 'invoke', op: 'ad', request: { name: 'admin', kind: 'diagnosis' } });
    d.feed({ kind: 'invoke', op: 'ab', request: { name: 'abort' } });
    expect(d.categories()).toEqual(['Login', 'Logout']);
    expect(d.model).toMatchObject({ state: 'ready', reason: 'Logout sent; session closing' });
    expect(d.outcomes.has('st')).toBe(false);
    // Aborting the held payment cancels it on our side: it never left.
    expect(d.outcome('p')).toMatchObject({ kind: 'failed', sent: false });
  });

  it.each([
    {
      name: 'Logout Success: they fail with loggedOut, nothing else leaves',
      then: (d: Driver) => d.answer('Logout', 'Success'),
      sends: ['Login', 'Logout'],
      state: 'loggedOut',
      outcomes: { lo: { kind: 'succeeded' }, st: LOGGED_OUT, p: { ...LOGGED_OUT, sent: false } },
    },
    {
      name: 'Logout refused: the session stays open and they leave in order',
      reason: 'Logout refused; the session stays open',
      then: (d: Driver) => d.answer('Logout', 'Failure', { errorCondition: 'NotAllowed' }),
      sends: ['Login', 'Logout', 'TransactionStatus', 'Payment'],
      state: 'ready',
      outcomes: { lo: { kind: 'declined', errorCondition: 'NotAllowed' } },
    },
    {
      name: 'Logout timed out: re-login, the Logout again first, then they fail with loggedOut',
      then: (d: Driver) => {
        d.fire(`response:${d.last('Logout').request}`);
        d.answer('Login', 'Success');
        d.answer('Logout', 'Success');
      },
      sends: ['Login', 'Logout', 'Login', 'Logout'],
      state: 'loggedOut',
      outcomes: { lo: { kind: 'succeeded' }, st: LOGGED_OUT, p: LOGGED_OUT },
    },
    {
      name: 'Logout answered LoggedOut: re-login, the Logout again first, then loggedOut',
      then: (d: Driver) => {
        d.answer('Logout', 'Failure', { errorCondition: 'LoggedOut' });
        d.answer('Login', 'Success');
        d.answer('Logout', 'Success');
      },
      sends: ['Login', 'Logout', 'Login', 'Logout'],
      state: 'loggedOut',
      outcomes: { lo: { kind: 'succeeded' }, st: LOGGED_OUT, p: LOGGED_OUT },
    },
    {
      name: 'Logout never answered: treated as logged out, no re-login by itself',
      then: (d: Driver) => {
        d.fire(`response:${d.last('Logout').request}`);
        d.answer('Login', 'Success');
        d.fire(`response:${d.last('Logout').request}`);
      },
      sends: ['Login', 'Logout', 'Login', 'Logout'],
      state: 'loggedOut',
      outcomes: { lo: { kind: 'failed' }, st: LOGGED_OUT, p: LOGGED_OUT },
    },
    {
      name: 'link lost during the Logout: reconnect, Login, the Logout again, then loggedOut',
      then: (d: Driver) => {
        d.feed({ kind: 'linkClosed', link: 'L1', reason: 'drop' });
        d.fire('reconnect');
        d.feed({ kind: 'dialed', link: 'L2' });
        d.answer('Login', 'Success');
        d.answer('Logout', 'Success');
      },
      sends: ['Login', 'Logout', 'Login', 'Logout'],
      state: 'loggedOut',
      outcomes: { lo: { kind: 'succeeded' }, st: LOGGED_OUT, p: LOGGED_OUT },
    },
    {
      name: 'the re-login for the Logout retry fails: the session failed, nothing else leaves',
      then: (d: Driver) => {
        d.fire(`response:${d.last('Logout').request}`);
        d.answer('Login', 'Failure', { errorCondition: 'Refusal' });
      },
      sends: ['Login', 'Logout', 'Login'],
      state: 'failed',
      outcomes: {
        lo: { kind: 'failed', reason: expect.stringMatching(/sessionFailed/) },
        st: { kind: 'failed', reason: expect.stringMatching(/sessionFailed/) },
        p: { kind: 'failed', sent: false },
      },
    },
  ])('$name', ({ then, sends, state, reason, outcomes }) => {
    const d = racing();
    then(d);
    expect(d.categories()).toEqual(sends);
    expect(d.model.state).toBe(state);
    if (reason !== undefined) expect(d.model.reason).toBe(reason);
    for (const [op, outcome] of Object.entries(outcomes))
      expect(d.outcome(op)).toMatchObject(outcome);
    expect(d.model.closing).toBeUndefined();
  });

  it('keeps its reason when the Logout was never confirmed, and fails later requests at once', () => {
    const d = racing();
    d.fire(`response:${d.last('Logout').request}`);
    d.answer('Login', 'Success');
    d.fire(`response:${d.last('Logout').request}`);
    expect(d.model.reason).toMatch(/Logout not confirmed .*treated as logged out/);
    expect(d.timers.has('reconnect')).toBe(false);
    d.feed({ kind: 'invoke', op: 'later', request: STATUS });
    expect(d.outcome('later')).toMatchObject(LOGGED_OUT);
    expect(d.categories()).toHaveLength(4);
  });

  it('does not re-login for a request that lost its answer while the Logout is on the wire', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'st', request: STATUS });
    d.feed({ kind: 'invoke', op: 'lo', request: { name: 'logout' } });
    d.fire(`response:${d.last('TransactionStatus').request}`);
    expect(d.categories()).toEqual(['Login', 'TransactionStatus', 'Logout']);
    d.answer('Logout', 'Success');
    expect(d.outcome('st')).toMatchObject(LOGGED_OUT);
    expect(d.categories()).toEqual(['Login', 'TransactionStatus', 'Logout']);
  });

  it('starts a Login asked meanwhile once the Logout has ended; later requests wait for it', () => {
    const d = racing();
    d.feed({ kind: 'invoke', op: 'li', request: { name: 'login' } });
    d.feed({ kind: 'invoke', op: 'st2', request: STATUS });
    expect(d.categories()).toEqual(['Login', 'Logout']);
    d.answer('Logout', 'Success');
    // Asked before the Login: the closed session's; asked after it: the next session's.
    expect(d.outcome('st')).toMatchObject(LOGGED_OUT);
    expect(d.outcome('p')).toMatchObject(LOGGED_OUT);
    expect(d.outcomes.has('st2')).toBe(false);
    expect(d.categories()).toEqual(['Login', 'Logout', 'Login']);
    expect(d.states().slice(-2)).toEqual(['loggedOut', 'loggingIn']);
    d.answer('Login', 'Success');
    expect(d.outcome('li')).toMatchObject({ kind: 'succeeded', serviceIds: ['S3'] });
    expect(d.categories()).toEqual(['Login', 'Logout', 'Login', 'TransactionStatus']);
    expect(d.model.state).toBe('ready');
  });

  it('does not let the re-login of a Logout retry answer a Login asked after the Logout', () => {
    const d = racing();
    d.feed({ kind: 'invoke', op: 'li', request: { name: 'login' } });
    d.fire(`response:${d.last('Logout').request}`);
    d.answer('Login', 'Success');
    expect(d.outcomes.has('li')).toBe(false);
    expect(d.categories()).toEqual(['Login', 'Logout', 'Login', 'Logout']);
    d.answer('Logout', 'Success');
    d.answer('Login', 'Success');
    expect(d.outcome('li')).toMatchObject({ kind: 'succeeded', serviceIds: ['S5'] });
    expect(d.categories()).toEqual(['Login', 'Logout', 'Login', 'Logout', 'Login']);
    expect(d.model.state).toBe('ready');
  });

  it('a second Logout asked meanwhile fails with loggedOut instead of leaving', () => {
    const d = racing();
    d.feed({ kind: 'invoke', op: 'lo2', request: { name: 'logout' } });
    d.answer('Logout', 'Success');
    expect(d.outcome('lo2')).toMatchObject(LOGGED_OUT);
    expect(d.categories()).toEqual(['Login', 'Logout']);
  });
});
