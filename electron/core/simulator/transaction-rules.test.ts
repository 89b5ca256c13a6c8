import { afterEach, describe, expect, it } from 'vitest';
import { is, type Frame, type TestPos } from './testing/pos-client';
import * as req from './testing/requests';
import { startSim, type SimFixture } from './testing/sim-fixture';

let fx: SimFixture;
afterEach(async () => {
  await fx.close();
});

async function pay(
  pos: TestPos,
  serviceId: string,
  fields: req.PaymentFields = {},
): Promise<Frame> {
  pos.send(req.payment(serviceId, fields));
  await pos.frames.until(is.display('Present card'));
  fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
  return pos.frames.until(is.response('Payment', serviceId));
}

async function ask(pos: TestPos, message: unknown): Promise<Frame> {
  pos.send(message);
  return pos.frames.next();
}

const poiTransactionId = (payment: Frame): string =>
  String(payment.get('PaymentResponse.POIData.POITransactionID.TransactionID'));

describe('rule 8: TransactionStatus', () => {
  it('repeats a finished payment: the original header and body', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    const payment = await pay(pos, 'P1', { amount: 7.5 });
    const status = await ask(
      pos,
      req.status('S1', { MessageCategory: 'Payment', ServiceID: 'P1', SaleID: 'POS1' }),
    );
    expect(status.result).toBe('Success');
    expect(status.get('TransactionStatusResponse.MessageReference')).toEqual({
      MessageCategory: 'Payment',
      ServiceID: 'P1',
      SaleID: 'POS1',
    });
    const repeated = status.get('TransactionStatusResponse.RepeatedMessageResponse');
    expect(repeated).toEqual({
      MessageHeader: payment.get('MessageHeader'),
      RepeatedResponseMessageBody: { PaymentResponse: payment.get('PaymentResponse') },
    });
  });

  it('without a MessageReference answers about the last Payment or Reversal of the SaleID', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    await pay(pos, 'P1');
    const second = await pay(pos, 'P2', { amount: 1.24 });
    const status = await ask(pos, req.status('S1'));
    expect(
      status.get('TransactionStatusResponse.RepeatedMessageResponse.MessageHeader.ServiceID'),
    ).toBe('P2');
    expect(
      status.get(
        'TransactionStatusResponse.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse',
      ),
    ).toEqual(second.get('PaymentResponse'));
    await ask(pos, req.reversal('R1', poiTransactionId(second)));
    const afterReversal = await ask(pos, req.status('S2'));
    expect(afterReversal.get('TransactionStatusResponse.MessageReference.MessageCategory')).toBe(
      'Reversal',
    );
    // Another SaleID has no transactions.
    const other = await fx.loggedIn('POS2');
    expect((await ask(other, req.status('S3', undefined, 'POS2'))).errorCondition).toBe('NotFound');
  });

  it('answers InProgress for a running payment and NotFound for an unknown one', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.send(req.payment('P1'));
    await pos.frames.until(is.event());
    const running = await ask(pos, req.status('S1', { ServiceID: 'P1' }));
    expect([running.result, running.errorCondition]).toEqual(['Failure', 'InProgress']);
    const unknown = await ask(pos, req.status('S2', { ServiceID: 'NOPE' }));
    expect([unknown.result, unknown.errorCondition]).toEqual(['Failure', 'NotFound']);
  });
});

describe('rule 9: Reversal', () => {
  it('reverses an approval once; NotFound for unknown, NotAllowed for reversed or declined', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    const approved = await pay(pos, 'P1', { amount: 20 });
    const declined = await pay(pos, 'P2', { amount: 1.25 });

    const unknown = await ask(pos, req.reversal('R0', 'NO-SUCH-ID'));
    expect([unknown.result, unknown.errorCondition]).toEqual(['Failure', 'NotFound']);

    const reversed = await ask(pos, req.reversal('R1', poiTransactionId(approved)));
    expect(reversed.result).toBe('Success');
    expect(reversed.get('ReversalResponse.ReversedAmount')).toBe(20);
    expect(reversed.get('ReversalResponse.POIData.POITransactionID.TransactionID')).not.toBe(
      poiTransactionId(approved),
    );
    expect(fx.sim.ledger()[0]).toMatchObject({
      serviceId: 'P1',
      result: 'approved',
      reversed: true,
    });
    expect(fx.eventsOf('ledger').map((e) => e.change)).toEqual([
      'recorded',
      'recorded',
      'reversed',
    ]);

    const again = await ask(pos, req.reversal('R2', poiTransactionId(approved)));
    expect(again.errorCondition).toBe('NotAllowed');
    const ofDecline = await ask(pos, req.reversal('R3', poiTransactionId(declined)));
    expect(ofDecline.errorCondition).toBe('NotAllowed');
    expect(fx.sim.ledger()[1]).toMatchObject({ result: 'declined', reversed: false });
  });
});

describe('rule 10: Admin', () => {
  it('a Diagnosis request answers POIStatus', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    const answer = await ask(pos, req.diagnosis('D1'));
    expect(answer).toMatchObject({ category: 'Diagnosis', result: 'Success' });
    expect(answer.get('DiagnosisResponse.POIStatus.GlobalStatus')).toBe('OK');
    expect(answer.get('DiagnosisResponse.LoggedSaleID')).toEqual(['POS1']);
    const admin = await ask(pos, req.admin('A1'));
    expect(admin.result).toBe('Success');
    expect(admin.get('AdminResponse.Response.AdditionalResponse')).toMatch(/GlobalStatus=OK/);
    expect((await ask(pos, req.admin('A2', 'Launch rockets'))).errorCondition).toBe('NotAllowed');
  });

  it('an Admin Update request answers Success, then the payment application updates', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    const answer = await ask(pos, req.admin('A1', 'Update'));
    expect(answer.result).toBe('Success');
    expect((await pos.closed).code).toBe(1012);
    expect(fx.eventsOf('lifecycle').at(-1)).toMatchObject({
      to: 'initialising',
      reason: 'Admin update request',
      version: '1.0.1',
    });
  });
});
