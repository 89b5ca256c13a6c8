import { afterEach, describe, expect, it } from 'vitest';
import { LedgerEntry } from '@shared/trace/events';
import { is, type Frame, type TestPos } from './testing/pos-client';
import * as req from './testing/requests';
import { startSim, type SimFixture } from './testing/sim-fixture';

let fx: SimFixture;
afterEach(async () => {
  await fx.close();
});

async function startPayment(pos: TestPos, serviceId: string, amount = 10): Promise<void> {
  pos.send(req.payment(serviceId, { amount }));
  await pos.frames.until(is.display('Present card'));
}

async function statusOf(pos: TestPos, serviceId: string, paymentServiceId: string): Promise<Frame> {
  pos.send(req.status(serviceId, { ServiceID: paymentServiceId }));
  return pos.frames.until(is.response('TransactionStatus', serviceId));
}

const faultLog = (fx: SimFixture): unknown[][] =>
  fx.eventsOf('fault').map((e) => [e.name, e.phase, e.hit?.category, e.hit?.serviceId]);

describe('rule 12: faults name the message they hit', () => {
  it('busyNextLogins(n): the next n Logins answer Busy, then Success', async () => {
    fx = await startSim();
    fx.ready();
    const pos = await fx.connect();
    expect(fx.sim.busyNextLogins(2).ok).toBe(true);
    for (const id of ['L1', 'L2']) {
      pos.send(req.login(id));
      expect((await pos.frames.next()).errorCondition).toBe('Busy');
    }
    pos.send(req.login('L3'));
    expect((await pos.frames.next()).result).toBe('Success');
    expect(faultLog(fx)).toEqual([
      ['busyNextLogins', 'armed', undefined, undefined],
      ['busyNextLogins', 'hit', 'Login', 'L1'],
      ['busyNextLogins', 'hit', 'Login', 'L2'],
    ]);
  });

  it('dropNextResponse(category): only the next response of that category is lost', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    expect(fx.sim.dropNextResponse('Payment').ok).toBe(true);
    pos.send(req.status('S1'));
    expect((await pos.frames.next()).category).toBe('TransactionStatus');
    await startPayment(pos, 'P1');
    fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
    // The closing display and event still come; the response does not: the next frame after
    // them answers the Login sent afterwards.
    await pos.frames.until(is.display('Approved'));
    await pos.frames.until(is.event());
    pos.send(req.login('L2'));
    expect((await pos.frames.next()).serviceId).toBe('L2');
    expect(fx.sim.ledger()).toHaveLength(1);
    expect(faultLog(fx).at(-1)).toEqual(['dropNextResponse', 'hit', 'Payment', 'P1']);
    await startPayment(pos, 'P2');
    fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
    expect((await pos.frames.until(is.response('Payment', 'P2'))).result).toBe('Success');
  });

  it('delayResponses(ms, category) holds responses of that category for ms (0 clears it)', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    expect(fx.sim.delayResponses(5000, 'TransactionStatus').ok).toBe(true);
    pos.send(req.status('S1'));
    pos.send(req.logout('O1'));
    expect((await pos.frames.next()).category).toBe('Logout');
    fx.clock.advance(4999);
    pos.send(req.login('L2'));
    expect((await pos.frames.next()).category).toBe('Login');
    fx.clock.advance(1);
    expect((await pos.frames.next()).serviceId).toBe('S1');
    expect(faultLog(fx).at(-1)).toEqual(['delayResponses', 'hit', 'TransactionStatus', 'S1']);
    expect(fx.sim.delayResponses(0, 'TransactionStatus').ok).toBe(true);
    pos.send(req.status('S2'));
    expect((await pos.frames.next()).serviceId).toBe('S2');
  });

  it('approveThenDrop: the next payment is approved and recorded, its response never sent', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    expect(fx.sim.approveThenDrop().ok).toBe(true);
    await startPayment(pos, 'P1', 1.24); // a magic decline, overridden
    fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
    await pos.frames.until(is.display('Approved'));
    await pos.frames.until(is.event());
    const status = await statusOf(pos, 'S1', 'P1');
    expect(
      status.get(
        'TransactionStatusResponse.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse.Response.Result',
      ),
    ).toBe('Success');
    expect(pos.frames.all.some(is.response('Payment', 'P1'))).toBe(false);
    expect(fx.sim.ledger()).toEqual([
      expect.objectContaining({ serviceId: 'P1', result: 'approved' }),
    ]);
    expect(faultLog(fx).at(-1)).toEqual(['approveThenDrop', 'hit', 'Payment', 'P1']);
  });

  it('restartDuringPayment(waitingForCard): links close, nothing is charged, status says Aborted', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    expect(fx.sim.restartDuringPayment('waitingForCard').ok).toBe(true);
    pos.send(req.payment('P1'));
    expect((await pos.closed).code).toBe(1012);
    expect(pos.frames.all.map((f) => f.category)).toEqual(['Login', 'Display', 'Event']);
    expect(fx.sim.ledger()).toEqual([]);
    expect(faultLog(fx).at(-1)).toEqual(['restartDuringPayment', 'hit', 'Payment', 'P1']);
    const again = await fx.loggedIn('POS1', 'L2');
    const status = await statusOf(again, 'S1', 'P1');
    expect(
      status.get(
        'TransactionStatusResponse.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse.Response.ErrorCondition',
      ),
    ).toBe('Aborted');
  });

  it('restartDuringPayment(authorising): the payment is charged but its response is lost', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    expect(fx.sim.restartDuringPayment().ok).toBe(true);
    await startPayment(pos, 'P1');
    fx.clock.advance(fx.settings.cardMs);
    expect((await pos.closed).code).toBe(1012);
    expect(pos.frames.all.some(is.display('Authorising, please wait'))).toBe(true);
    expect(fx.sim.ledger()).toEqual([
      expect.objectContaining({ serviceId: 'P1', result: 'approved' }),
    ]);
    expect(fx.eventsOf('lifecycle').at(-1)?.reason).toBe('restartDuringPayment (authorising)');
    const again = await fx.loggedIn('POS1', 'L2');
    expect((await statusOf(again, 'S1', 'P1')).result).toBe('Success');
  });

  it('a plain restart while waiting for the card aborts the payment; while authorising completes it', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    await startPayment(pos, 'P1');
    fx.sim.restart();
    await pos.closed;
    expect(fx.sim.ledger()).toEqual([]);
    expect(fx.sim.state().payment).toBeNull();
    const again = await fx.loggedIn('POS1', 'L2');
    await startPayment(again, 'P2');
    fx.clock.advance(fx.settings.cardMs);
    await again.frames.until(is.display('Authorising, please wait'));
    fx.sim.restart();
    await again.closed;
    expect(fx.sim.ledger()).toEqual([
      expect.objectContaining({ serviceId: 'P2', result: 'approved' }),
    ]);
  });

  it('disarm takes armed faults back before they hit, and says so on the trace', async () => {
    fx = await startSim();
    fx.ready();
    const pos = await fx.connect();
    fx.sim.busyNextLogins(3);
    fx.sim.busyNextLogins(3);
    fx.sim.approveThenDrop();
    fx.sim.nextPaymentOutcome('insufficientFunds');
    expect(fx.sim.state().faults).toMatchObject({ busyNextLogins: 6, approveThenDrop: true });

    expect(fx.sim.disarm('busyNextLogins').ok).toBe(true);
    pos.send(req.login('L1'));
    expect((await pos.frames.next()).result).toBe('Success');
    expect(fx.sim.state().faults).toMatchObject({
      busyNextLogins: 0,
      approveThenDrop: true,
      nextPaymentOutcome: 'insufficientFunds',
    });

    expect(fx.sim.disarm().ok).toBe(true);
    expect(fx.sim.state().faults).toEqual({
      busyNextLogins: 0,
      dropNextResponse: [],
      delayResponses: {},
      approveThenDrop: false,
      restartDuringPayment: null,
      nextPaymentOutcome: null,
    });
    // Nothing armed: taking back again records nothing.
    fx.sim.disarm();
    expect(faultLog(fx).filter(([, phase]) => phase === 'disarmed')).toEqual([
      ['busyNextLogins', 'disarmed', undefined, undefined],
      ['approveThenDrop', 'disarmed', undefined, undefined],
      ['nextPaymentOutcome', 'disarmed', undefined, undefined],
    ]);
  });

  it('invalid commands are error values that name the problem', () => {
    return startSim().then((started) => {
      fx = started;
      expect(fx.sim.busyNextLogins(0)).toEqual({
        ok: false,
        error: expect.stringMatching(/busyNextLogins: field "count"/),
      });
      expect(fx.sim.apply({ fault: 'explode' } as never)).toEqual({
        ok: false,
        error: expect.stringMatching(/unknown fault "explode"; known faults: restart, update/),
      });
      expect(fx.eventsOf('fault')).toEqual([]);
    });
  });
});

describe('rule 13: the ledger', () => {
  it('records approvals, declines and reversals with every field', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    await startPayment(pos, 'P1', 101.77);
    fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
    const partial = await pos.frames.until(is.response('Payment', 'P1'));
    expect(partial.result).toBe('Partial');
    const [entry] = fx.sim.ledger();
    expect(LedgerEntry.parse(entry)).toEqual({
      saleId: 'POS1',
      saleTransactionId: 'TXP1',
      poiTransactionId: partial.get('PaymentResponse.POIData.POITransactionID.TransactionID'),
      serviceId: 'P1',
      amountMinor: 10177,
      authorisedMinor: 5088,
      currency: 'EUR',
      result: 'partial',
      reversed: false,
      at: '2026-01-01T00:00:04.500Z',
    });
  });
});

describe('rule 14: observability', () => {
  it('emits every inbound and outbound frame, the link, the session, the lifecycle and the ledger', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    await startPayment(pos, 'P1');
    fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
    await pos.frames.until(is.response('Payment', 'P1'));
    const messages = fx.eventsOf('message');
    expect(messages.filter((m) => m.direction === 'toPos').map((m) => m.json)).toEqual(
      pos.frames.all.map((f) => f.json),
    );
    expect(messages.filter((m) => m.direction === 'toPoi')).toHaveLength(2);
    expect(messages.every((m) => m.observer === 'poi' && m.link === 'ws-1')).toBe(true);
    expect(fx.events.map((e) => e.kind)).toEqual([
      'lifecycle', // stopped → initialising
      'lifecycle', // initialising → ready
      'link',
      'message', // Login in
      'poiSession',
      'message', // Login out
      'message', // Payment in
      'message', // Present card
      'message', // event
      'message', // Authorising
      'message', // event
      'ledger',
      'message', // Approved
      'message', // event
      'message', // PaymentResponse
    ]);
  });
});
