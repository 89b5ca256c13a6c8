import { afterEach, describe, expect, it } from 'vitest';
import { is } from './testing/pos-client';
import * as req from './testing/requests';
import { startSim, type SimFixture } from './testing/sim-fixture';

let fx: SimFixture;
afterEach(async () => {
  await fx.close();
});

describe('rule 2: profiles', () => {
  it('app2app ignores a request without a session: nothing on the wire, an ignored event', async () => {
    fx = await startSim({ profile: 'app2app' });
    fx.ready();
    const pos = await fx.connect();
    pos.send(req.payment('P1'));
    pos.send(req.login('L1'));
    expect((await pos.frames.next()).serviceId).toBe('L1');
    expect(fx.eventsOf('poiSession')[0]).toMatchObject({
      change: 'ignored',
      serviceId: 'P1',
      category: 'Payment',
      saleId: 'POS1',
    });
  });

  it('nexo answers Failure/LoggedOut without a session', async () => {
    fx = await startSim({ profile: 'nexo' });
    fx.ready();
    const pos = await fx.connect();
    pos.send(req.payment('P1'));
    const answer = await pos.frames.next();
    expect([answer.category, answer.result, answer.errorCondition]).toEqual([
      'Payment',
      'Failure',
      'LoggedOut',
    ]);
  });

  it('adyen serves requests without a session, but not while initialising', async () => {
    fx = await startSim({ profile: 'adyen' });
    const pos = await fx.connect();
    pos.send(req.status('S0'));
    expect((await pos.frames.next()).errorCondition).toBe('Busy');
    fx.ready();
    pos.send(req.payment('P1'));
    await pos.frames.until(is.display('Present card'));
    pos.send(req.status('S1', { ServiceID: 'P1' }));
    expect((await pos.frames.until(is.response('TransactionStatus'))).errorCondition).toBe('Busy');
    fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
    expect((await pos.frames.until(is.response('Payment'))).result).toBe('Success');
  });

  it('nexo repeats in the standard form, app2app and adyen wrapped', async () => {
    fx = await startSim({ profile: 'nexo' });
    const pos = await fx.loggedIn();
    pos.send(req.payment('P1'));
    await pos.frames.until(is.display('Present card'));
    fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
    const payment = await pos.frames.until(is.response('Payment'));
    pos.send(req.status('S1'));
    const status = await pos.frames.next();
    expect(status.get('TransactionStatusResponse.RepeatedMessageResponse')).toEqual({
      MessageHeader: payment.get('MessageHeader'),
      PaymentResponse: payment.get('PaymentResponse'),
    });
    expect(pos.frames.problems).toEqual([]);
  });

  it('nexo and adyen take any SaleTransactionID; app2app only 1-35 alphanumerics', async () => {
    fx = await startSim({ profile: 'nexo' });
    const pos = await fx.loggedIn();
    pos.send(
      req.payment('P1', {
        saleTransactionId: 'order-2026/01/01#42 with spaces and more than 35 chars',
      }),
    );
    expect((await pos.frames.next()).category).toBe('Display');
  });

  it('does not check the request POIID unless the knob says so', async () => {
    fx = await startSim({ settings: { poiId: 'SIM-9', knobs: { checkPoiId: true } } });
    fx.ready();
    const pos = await fx.connect();
    pos.send(req.login('L1')); // POIID ANY-POI
    const refused = await pos.frames.next();
    expect(refused.errorCondition).toBe('MessageFormat');
    expect(refused.get('LoginResponse.Response.AdditionalResponse')).toMatch(/POIID/);
    const login = req.login('L2') as { SaleToPOIRequest: { MessageHeader: object } };
    pos.send({
      SaleToPOIRequest: {
        ...login.SaleToPOIRequest,
        MessageHeader: { ...login.SaleToPOIRequest.MessageHeader, POIID: 'SIM-9' },
      },
    });
    expect((await pos.frames.next()).result).toBe('Success');
  });

  it('the duplicate rule "previous" only refuses a ServiceID equal to the previous one', async () => {
    fx = await startSim({ settings: { knobs: { duplicateRule: 'previous' } } });
    const pos = await fx.loggedIn('POS1', 'A');
    pos.send(req.status('B'));
    expect((await pos.frames.next()).errorCondition).toBe('NotFound');
    pos.send(req.status('A'));
    expect((await pos.frames.next()).errorCondition).toBe('NotFound');
    pos.send(req.status('A'));
    const repeated = await pos.frames.next();
    expect(repeated.errorCondition).toBe('MessageFormat');
    expect(repeated.get('TransactionStatusResponse.Response.AdditionalResponse')).toMatch(
      /repeated message/,
    );
  });

  it('currency and software version are settings', async () => {
    fx = await startSim({ settings: { currency: 'USD', softwareVersion: '9.9' } });
    fx.ready();
    const pos = await fx.connect();
    pos.send(req.login('L1'));
    expect(
      (await pos.frames.next()).get('LoginResponse.POISystemData.POISoftware.SoftwareVersion'),
    ).toBe('9.9');
    pos.send(req.payment('P1', { currency: 'USD', amount: 3 }));
    expect((await pos.frames.next()).category).toBe('Display');
    expect(fx.sim.state()).toMatchObject({ profile: 'app2app', settings: { currency: 'USD' } });
  });
});
