import { describe, expect, it } from 'vitest';
import { Driver } from './testing/drive';
import type { OpRequest } from './model';

const SALE = { TransactionID: 'T1', TimeStamp: '2026-01-01T00:00:00.000Z' };
const pay = (amountMinor = 1250): OpRequest => ({
  name: 'pay',
  amountMinor,
  currency: 'EUR',
  saleTransactionId: SALE,
});
const approved = {
  payment: { poiTransactionId: { TransactionID: 'P1', TimeStamp: 'x' }, authorisedMinor: 1250 },
};

describe('step: connecting and logging in', () => {
  it.each([
    {
      name: 'start dials',
      inputs: (d: Driver) => d.feed({ kind: 'start' }),
      state: 'connecting',
      sends: [],
    },
    {
      name: 'a link opens and Login leaves first',
      inputs: (d: Driver) => {
        d.feed({ kind: 'start' });
        d.feed({ kind: 'dialed', link: 'L1' });
      },
      state: 'loggingIn',
      sends: ['Login'],
    },
    {
      name: 'Login Success opens the session',
      inputs: (d: Driver) => d.open(),
      state: 'ready',
      sends: ['Login'],
    },
    {
      name: 'loginOnStart=false stays linked',
      policy: { loginOnStart: false },
      inputs: (d: Driver) => {
        d.feed({ kind: 'start' });
        d.feed({ kind: 'dialed', link: 'L1' });
      },
      state: 'linked',
      sends: [],
    },
  ])('$name', ({ policy, inputs, state, sends }) => {
    const d = new Driver(policy);
    inputs(d);
    expect(d.model.state).toBe(state);
    expect(d.categories()).toEqual(sends);
  });

  it('walks offline → connecting → linked → loggingIn → ready with reasons', () => {
    const d = new Driver().open();
    expect(d.states()).toEqual(['connecting', 'linked', 'loggingIn', 'ready']);
    expect(d.dials).toBe(1);
  });

  it('backs off on BUSY 1, 2, 4, 8, 8 s and fails after the 6th Login', () => {
    const d = new Driver();
    d.feed({ kind: 'start' });
    d.feed({ kind: 'dialed', link: 'L1' });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      d.answer('Login', 'Failure', { errorCondition: 'Busy' });
      expect(d.model.state).toBe('busyBackoff');
      delays.push(d.timers.get('loginBackoff')!.ms);
      d.fire('loginBackoff');
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
    d.answer('Login', 'Failure', { errorCondition: 'Busy' });
    expect(d.model.state).toBe('failed');
    expect(d.model.reason).toMatch(/Busy after 6 attempts/);
    expect(d.categories()).toEqual(Array(6).fill('Login'));
    // Every retry has a new ServiceID and names the one it replaces.
    const retries = d.events.filter((e) => e.kind === 'retry');
    expect(retries).toHaveLength(5);
    expect(new Set(d.sent.map((s) => s.serviceId)).size).toBe(6);
    expect(retries[0]).toMatchObject({
      previousServiceId: 'S1',
      serviceId: 'S2',
      attempt: 2,
      reason: 'Busy',
    });
  });

  it('resets the attempt count when a session opens', () => {
    const d = new Driver({ loginBusyMaxAttempts: 2 });
    d.feed({ kind: 'start' });
    d.feed({ kind: 'dialed', link: 'L1' });
    d.answer('Login', 'Failure', { errorCondition: 'Busy' });
    d.fire('loginBackoff');
    d.answer('Login', 'Success');
    d.feed({ kind: 'linkClosed', link: 'L1', reason: 'drop' });
    d.fire('reconnect');
    d.feed({ kind: 'dialed', link: 'L2' });
    d.answer('Login', 'Failure', { errorCondition: 'Busy' });
    expect(d.model.state).toBe('busyBackoff');
  });

  it.each([
    { ec: 'Refusal', add: 'not allowed', outcome: 'declined' },
    { ec: 'NotAllowed', add: undefined, outcome: 'declined' },
  ])('fails the session at once on a non-BUSY login error ($ec)', ({ ec, add, outcome }) => {
    const d = new Driver();
    d.feed({ kind: 'invoke', op: 'o1', request: { name: 'login' } });
    d.feed({ kind: 'dialed', link: 'L1' });
    d.answer('Login', 'Failure', {
      errorCondition: ec,
      ...(add ? { additionalResponse: add } : {}),
    });
    expect(d.model.state).toBe('failed');
    expect(d.model.reason).toContain(ec);
    expect(d.outcome('o1')).toMatchObject({ kind: outcome, errorCondition: ec });
    expect(d.timers.has('loginBackoff')).toBe(false);
    // Nothing happens by itself afterwards; a new login starts a new sequence.
    d.feed({ kind: 'invoke', op: 'o2', request: pay() });
    expect(d.outcome('o2')).toMatchObject({ kind: 'failed' });
    d.feed({ kind: 'invoke', op: 'o3', request: { name: 'login' } });
    expect(d.categories()).toEqual(['Login', 'Login']);
  });

  it('joins a running login sequence instead of starting another', () => {
    const d = new Driver();
    d.feed({ kind: 'start' });
    d.feed({ kind: 'dialed', link: 'L1' });
    d.feed({ kind: 'invoke', op: 'a', request: { name: 'login' } });
    d.feed({ kind: 'invoke', op: 'b', request: { name: 'login' } });
    d.answer('Login', 'Success');
    expect(d.categories()).toEqual(['Login']);
    expect(d.outcome('a')).toMatchObject({ kind: 'succeeded', serviceIds: ['S1'] });
    expect(d.outcome('b')).toMatchObject({ kind: 'succeeded', serviceIds: ['S1'] });
  });

  it('retries a Login that timed out once, then fails', () => {
    const d = new Driver();
    d.feed({ kind: 'start' });
    d.feed({ kind: 'dialed', link: 'L1' });
    d.fire('response:r1');
    expect(d.categories()).toEqual(['Login', 'Login']);
    d.fire('response:r2');
    expect(d.model.state).toBe('failed');
    expect(d.events.filter((e) => e.kind === 'timeout')).toHaveLength(2);
  });
});

describe('step: requests wait for a session', () => {
  it('sends nothing but Login before Login Success, then the queued payment', () => {
    const d = new Driver();
    d.feed({ kind: 'start' });
    d.feed({ kind: 'invoke', op: 'p', request: pay() });
    d.feed({ kind: 'dialed', link: 'L1' });
    d.answer('Login', 'Failure', { errorCondition: 'Busy' });
    d.fire('loginBackoff');
    expect(d.categories()).toEqual(['Login', 'Login']);
    d.answer('Login', 'Success');
    expect(d.categories()).toEqual(['Login', 'Login', 'Payment']);
    d.answer('Payment', 'Success', approved);
    expect(d.outcome('p')).toMatchObject({
      kind: 'approved',
      result: 'approved',
      serviceIds: ['S3'],
    });
  });

  it('fails a request that waited queueTimeoutMs for a session', () => {
    const d = new Driver({ queueTimeoutMs: 5000 });
    d.feed({ kind: 'invoke', op: 'p', request: pay() });
    expect(d.timers.get('queue:p')?.ms).toBe(5000);
    d.fire('queue:p');
    expect(d.outcome('p')).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/no open session/),
    });
  });

  it('bounds the queue', () => {
    const d = new Driver({ queueMaxLength: 1 });
    d.feed({ kind: 'invoke', op: 'a', request: pay() });
    d.feed({ kind: 'invoke', op: 'b', request: pay() });
    expect(d.outcome('b')).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/queueFull/),
    });
  });

  it('sends one exclusive request at a time; status may overlap a payment', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'p1', request: pay() });
    d.feed({ kind: 'invoke', op: 'p2', request: pay(300) });
    d.feed({ kind: 'invoke', op: 's', request: { name: 'status' } });
    expect(d.categories()).toEqual(['Login', 'Payment', 'TransactionStatus']);
    d.answer('Payment', 'Success', approved);
    expect(d.categories()).toEqual(['Login', 'Payment', 'TransactionStatus', 'Payment']);
  });

  it('fails requests at once after Logout, keeps the link, and logs in again only when asked', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'lo', request: { name: 'logout' } });
    d.answer('Logout', 'Success');
    expect(d.model.state).toBe('loggedOut');
    expect(d.outcome('lo').kind).toBe('succeeded');
    d.feed({ kind: 'invoke', op: 'p', request: pay() });
    expect(d.outcome('p')).toMatchObject({ kind: 'failed', reason: 'loggedOut' });
    expect(d.effects.some((e) => e.kind === 'closeLink')).toBe(false);
    d.feed({ kind: 'invoke', op: 'li', request: { name: 'login' } });
    d.answer('Login', 'Success');
    d.feed({ kind: 'invoke', op: 'p2', request: pay() });
    expect(d.categories()).toEqual(['Login', 'Logout', 'Login', 'Payment']);
  });
});

describe('step: lost answers', () => {
  it('recovers a timed-out payment through re-login and TransactionStatus, never resending it', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'p', request: pay() });
    const payment = d.last('Payment');
    d.fire(`response:${payment.request}`);
    expect(d.model.state).toBe('loggingIn');
    expect(d.categories()).toEqual(['Login', 'Payment', 'Login']);
    d.answer('Login', 'Success');
    expect(d.model.state).toBe('recovering');
    const status = d.last('TransactionStatus');
    expect(status.spec).toEqual({
      category: 'TransactionStatus',
      messageReference: { serviceId: payment.serviceId, category: 'Payment' },
    });
    d.answer('TransactionStatus', 'Success', {
      repeated: { category: 'Payment', result: 'Success', ...approved },
    });
    expect(d.outcome('p')).toMatchObject({
      kind: 'recovered',
      result: 'approved',
      serviceIds: [payment.serviceId],
      statusServiceIds: [status.serviceId],
      poiTransactionId: { TransactionID: 'P1' },
    });
    expect(d.model.state).toBe('ready');
    expect(d.model.counters.recoveredPayments).toBe(1);
    expect(d.journal.size).toBe(0);
  });

  it('polls InProgress every 2 s and gives up as unknown after 90 s', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'p', request: pay() });
    d.feed({ kind: 'linkClosed', link: 'L1', reason: 'drop' });
    expect(d.model.state).toBe('offline');
    d.fire('reconnect');
    d.feed({ kind: 'dialed', link: 'L2' });
    d.answer('Login', 'Success');
    expect(d.timers.get('pollWindow:p')?.ms).toBe(90_000);
    for (const ec of ['InProgress', 'Busy']) {
      d.answer('TransactionStatus', 'Failure', { errorCondition: ec });
      expect(d.timers.get('poll:p')?.ms).toBe(2000);
      d.fire('poll:p');
    }
    expect(d.categories().filter((c) => c === 'TransactionStatus')).toHaveLength(3);
    d.fire('pollWindow:p');
    expect(d.outcome('p')).toMatchObject({ kind: 'unknown' });
    expect(d.categories().filter((c) => c === 'Payment')).toHaveLength(1);
    expect(d.events.filter((e) => e.kind === 'op' && e.phase === 'info')).toHaveLength(1);
  });

  it('resends a payment the terminal never saw once, with a new ServiceID and the same sale id', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'p', request: pay() });
    const first = d.last('Payment');
    d.fire(`response:${first.request}`);
    d.answer('Login', 'Success');
    d.answer('TransactionStatus', 'Failure', { errorCondition: 'NotFound' });
    const second = d.last('Payment');
    expect(second.serviceId).not.toBe(first.serviceId);
    expect(second.spec).toMatchObject({ saleTransactionId: SALE });
    expect(d.events.find((e) => e.kind === 'retry' && e.category === 'Payment')).toMatchObject({
      previousServiceId: first.serviceId,
      serviceId: second.serviceId,
      reason: 'notProcessed',
    });
    d.answer('Payment', 'Success', approved);
    expect(d.outcome('p')).toMatchObject({
      kind: 'approved',
      serviceIds: [first.serviceId, second.serviceId],
      resentAfter: first.serviceId,
    });
  });

  it.each([
    { retry: false, expected: 'notProcessed' },
    { retry: true, expected: 'notProcessed', twice: true },
  ])(
    'reports not processed (retryUnprocessedPayment=$retry, lost twice=$twice)',
    ({ retry, expected, twice }) => {
      const d = new Driver({ retryUnprocessedPayment: retry }).open();
      d.feed({ kind: 'invoke', op: 'p', request: pay() });
      d.fire(`response:${d.last('Payment').request}`);
      d.answer('Login', 'Success');
      d.answer('TransactionStatus', 'Failure', { errorCondition: 'NotFound' });
      if (twice) {
        d.fire(`response:${d.last('Payment').request}`);
        d.answer('Login', 'Success');
        d.answer('TransactionStatus', 'Failure', { errorCondition: 'NotFound' });
      }
      expect(d.outcome('p').kind).toBe(expected);
      expect(d.categories().filter((c) => c === 'Payment')).toHaveLength(retry ? 2 : 1);
    },
  );

  it('restarts the payment inactivity timer on every display or event', () => {
    const d = new Driver({ paymentTimeoutMs: 3000 }).open();
    d.feed({ kind: 'invoke', op: 'p', request: pay() });
    const key = `response:${d.last('Payment').request}`;
    const before = d.effects.length;
    d.feed({ kind: 'poiMessage', category: 'Display' });
    d.feed({ kind: 'poiMessage', category: 'Event', event: 'Initialised' });
    const restarts = d.effects
      .slice(before)
      .filter((e) => e.kind === 'startTimer' && e.timer.kind === 'response');
    expect(restarts).toHaveLength(2);
    expect(d.timers.get(key)?.ms).toBe(3000);
  });

  it.each([
    {
      name: 'status',
      request: { name: 'status' } as OpRequest,
      category: 'TransactionStatus' as const,
    },
    { name: 'logout', request: { name: 'logout' } as OpRequest, category: 'Logout' as const },
    {
      name: 'admin diagnosis',
      request: { name: 'admin', kind: 'diagnosis' } as OpRequest,
      category: 'Admin' as const,
    },
  ])('retries an idempotent $name once after a re-login, then fails', ({ request, category }) => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'x', request });
    d.fire(`response:${d.last(category).request}`);
    // Nothing leaves before the re-login's Success.
    expect(d.categories()).toEqual(['Login', category, 'Login']);
    d.answer('Login', 'Success');
    expect(d.categories()).toEqual(['Login', category, 'Login', category]);
    expect(d.events.filter((e) => e.kind === 'retry')).toHaveLength(1);
    d.fire(`response:${d.last(category).request}`);
    d.answer('Login', 'Success');
    expect(d.outcome('x')).toMatchObject({ kind: 'failed', indeterminate: false });
    expect(d.categories().filter((c) => c === category)).toHaveLength(2);
  });

  it.each([
    {
      name: 'reversal',
      request: { name: 'reverse', poiTransactionId: SALE } as OpRequest,
      category: 'Reversal' as const,
    },
    {
      name: 'admin update',
      request: { name: 'admin', kind: 'update' } as OpRequest,
      category: 'Admin' as const,
    },
  ])('never retries a $name: re-login, failed, indeterminate', ({ request, category }) => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'x', request });
    d.fire(`response:${d.last(category).request}`);
    expect(d.outcome('x')).toMatchObject({ kind: 'failed', indeterminate: true });
    d.answer('Login', 'Success');
    expect(d.categories()).toEqual(['Login', category, 'Login']);
    expect(d.events.some((e) => e.kind === 'op' && e.phase === 'info')).toBe(true);
  });

  it('treats a LoggedOut answer as a lost session: re-login, then retry once', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 's', request: { name: 'status', serviceId: 'ABC' } });
    d.answer('TransactionStatus', 'Failure', { errorCondition: 'LoggedOut' });
    expect(d.model.state).toBe('loggingIn');
    d.answer('Login', 'Success');
    d.answer('TransactionStatus', 'Failure', { errorCondition: 'NotFound' });
    expect(d.outcome('s')).toMatchObject({ kind: 'declined', errorCondition: 'NotFound' });
    expect(d.categories()).toEqual(['Login', 'TransactionStatus', 'Login', 'TransactionStatus']);
  });

  it('reconnects with full jitter ceilings 250 ms × 2^attempt up to 5 s', () => {
    const d = new Driver().open();
    d.feed({ kind: 'linkClosed', link: 'L1', reason: 'drop' });
    const ceilings: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = d.timers.get('reconnect')!;
      expect(t.jitter).toBe(true);
      ceilings.push(t.ms);
      d.fire('reconnect');
      d.feed({ kind: 'dialFailed', error: 'ECONNREFUSED' });
    }
    expect(ceilings).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    d.fire('reconnect');
    d.feed({ kind: 'dialed', link: 'L2' });
    d.answer('Login', 'Success');
    expect(d.model.state).toBe('ready');
    expect(d.timers.get('reconnect')).toBeUndefined();
  });
});

describe('step: journal and abort', () => {
  it('journals a payment before it leaves and recovers the journal first after a restart', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'p', request: pay() });
    const entry = d.journal.get('p');
    expect(entry).toMatchObject({ op: 'p', serviceIds: [d.last('Payment').serviceId] });
    const fresh = new Driver();
    fresh.feed({ kind: 'recoverJournal', entries: [entry as never], announce: false });
    fresh.feed({ kind: 'invoke', op: 'q', request: pay(500) });
    fresh.open();
    expect(fresh.categories()).toEqual(['Login', 'TransactionStatus']);
    expect(fresh.model.state).toBe('recovering');
    fresh.answer('TransactionStatus', 'Success', {
      repeated: { category: 'Payment', result: 'Success' },
    });
    expect(fresh.outcome('p')).toMatchObject({ kind: 'recovered' });
    expect(fresh.categories()).toEqual(['Login', 'TransactionStatus', 'Payment']);
  });

  it('aborts the payment in flight and succeeds when it ends Aborted', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'p', request: pay() });
    d.feed({ kind: 'invoke', op: 'a', request: { name: 'abort' } });
    expect(d.last('Abort').spec).toMatchObject({
      messageReference: { serviceId: d.last('Payment').serviceId },
    });
    d.answer('Payment', 'Failure', { errorCondition: 'Aborted' });
    expect(d.outcome('p')).toMatchObject({ kind: 'declined', errorCondition: 'Aborted' });
    expect(d.outcome('a').kind).toBe('succeeded');
  });

  it('reports an abort that lost the race as declined', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'p', request: pay() });
    d.feed({ kind: 'invoke', op: 'a', request: { name: 'abort' } });
    d.answer('Payment', 'Success', approved);
    expect(d.outcome('a')).toMatchObject({ kind: 'declined', errorCondition: 'Completed' });
  });

  it('fails an abort with nothing to abort', () => {
    const d = new Driver().open();
    d.feed({ kind: 'invoke', op: 'a', request: { name: 'abort' } });
    expect(d.outcome('a')).toMatchObject({ kind: 'failed' });
    expect(d.categories()).toEqual(['Login']);
  });
});
