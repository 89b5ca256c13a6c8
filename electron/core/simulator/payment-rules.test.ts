import { afterEach, describe, expect, it } from 'vitest';
import { MAGIC_AMOUNTS, OUTCOMES } from '@shared/simulator/outcomes';
import { TRANSACTION_STATE_EVENT } from './terminal';
import { is, type Frame, type TestPos } from './testing/pos-client';
import * as req from './testing/requests';
import { startSim, type SimFixture } from './testing/sim-fixture';

let fx: SimFixture;
afterEach(async () => {
  await fx.close();
});

/** Runs a payment through both phases and returns its response. */
async function pay(
  pos: TestPos,
  serviceId: string,
  fields: req.PaymentFields = {},
): Promise<Frame> {
  pos.send(req.payment(serviceId, fields));
  await pos.frames.until(is.display('Present card'));
  fx.clock.advance(fx.settings.cardMs);
  await pos.frames.until(is.display('Authorising, please wait'));
  fx.clock.advance(fx.settings.authMs);
  return pos.frames.until(is.response('Payment', serviceId));
}

describe('rule 5: payment', () => {
  it.each([
    ['currency', { currency: 'USD' }, 'AmountsReq.Currency'],
    ['zero amount', { amount: 0 }, 'AmountsReq.RequestedAmount'],
    ['negative amount', { amount: -5 }, 'AmountsReq.RequestedAmount'],
    ['too many decimals', { amount: 1.005 }, 'AmountsReq.RequestedAmount'],
    ['amount as text', { amount: '10.00' }, 'AmountsReq.RequestedAmount'],
    [
      'SaleTransactionID too long',
      { saleTransactionId: 'A'.repeat(36) },
      'SaleTransactionID.TransactionID',
    ],
    [
      'SaleTransactionID not alphanumeric',
      { saleTransactionId: 'TX-1' },
      'SaleTransactionID.TransactionID',
    ],
  ] as const)(
    'answers Failure/MessageFormat naming the field: %s',
    async (_name, fields, field) => {
      fx = await startSim();
      const pos = await fx.loggedIn();
      pos.send(req.payment('P1', fields));
      const answer = await pos.frames.next();
      expect(answer).toMatchObject({
        category: 'Payment',
        result: 'Failure',
        errorCondition: 'MessageFormat',
      });
      expect(String(answer.get('PaymentResponse.Response.AdditionalResponse'))).toContain(field);
      expect(fx.sim.ledger()).toEqual([]);
    },
  );

  it('runs waiting for card, then authorising, announcing each phase with a display and an event', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.send(req.payment('P1', { amount: 12.5 }));
    const seen = async (): Promise<string[]> => {
      const frame = await pos.frames.next();
      return [
        frame.category,
        String(
          frame.get('DisplayRequest.DisplayOutput.0.OutputContent.OutputText.0.Text') ??
            frame.get('EventNotification.EventDetails'),
        ),
      ];
    };
    expect(await seen()).toEqual(['Display', 'Present card']);
    expect((await seen())[1]).toMatch(/state=waitingForCard/);
    expect(fx.sim.state().payment).toMatchObject({ phase: 'waitingForCard', amountMinor: 1250 });

    fx.clock.advance(fx.settings.cardMs - 1);
    pos.send(req.login('L2'));
    expect((await pos.frames.next()).category).toBe('Login');
    fx.clock.advance(1);
    expect(await seen()).toEqual(['Display', 'Authorising, please wait']);
    expect((await seen())[1]).toMatch(/state=authorising/);
    expect(fx.sim.state().payment?.phase).toBe('authorising');

    fx.clock.advance(fx.settings.authMs);
    expect(await seen()).toEqual(['Display', 'Approved']);
    const closing = await pos.frames.next();
    expect(closing.get('EventNotification.EventToNotify')).toBe(TRANSACTION_STATE_EVENT);
    expect(closing.get('EventNotification.EventDetails')).toMatch(/state=done/);
    const response = await pos.frames.next();
    expect(response).toMatchObject({ category: 'Payment', serviceId: 'P1', result: 'Success' });
    expect(response.get('PaymentResponse.PaymentResult.AmountsResp')).toEqual({
      Currency: 'EUR',
      AuthorizedAmount: 12.5,
    });
    expect(response.get('PaymentResponse.POIData.POITransactionID.TransactionID')).toMatch(
      /^S[A-Z0-9]+$/,
    );
    expect(
      response.get('PaymentResponse.PaymentResult.PaymentInstrumentData.CardData.MaskedPan'),
    ).toMatch(/^\d{6}\*{6}\d{4}$/);
    expect(response.get('PaymentResponse.SaleData.SaleTransactionID.TransactionID')).toBe('TXP1');
    // Displays and events carry the payment's ServiceID so a POS can tell them apart.
    expect(
      pos.frames.all.filter((f) => f.category === 'Display').every((f) => f.serviceId === 'P1'),
    ).toBe(true);
    expect(pos.frames.problems).toEqual([]);
  });

  it.each([
    ...MAGIC_AMOUNTS.map((m) => [m.ending, m.outcome] as const),
    [100, 'approved'] as const,
  ])('magic amount ending %i → %s', async (ending, outcome) => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    const minor = 10_000 + ending;
    const answer = await pay(pos, 'P1', { amount: minor / 100 });
    const spec = OUTCOMES[outcome];
    expect(answer.result).toBe(spec.result);
    expect(answer.errorCondition).toBe(spec.errorCondition);
    const authorised =
      outcome === 'partial' ? Math.floor(minor / 2) : spec.result === 'Failure' ? 0 : minor;
    expect(answer.get('PaymentResponse.PaymentResult.AmountsResp.AuthorizedAmount')).toBe(
      authorised / 100,
    );
    expect(fx.sim.ledger()).toEqual([
      expect.objectContaining({
        amountMinor: minor,
        authorisedMinor: authorised,
        result: spec.ledgerResult,
      }),
    ]);
  });

  it('reads magic endings on minor units of the terminal currency (JPY has none)', async () => {
    fx = await startSim({ settings: { currency: 'JPY' } });
    const pos = await fx.loggedIn();
    const answer = await pay(pos, 'P1', { amount: 1124, currency: 'JPY' });
    expect(answer.errorCondition).toBe('Refusal');
  });

  it('an explicit next outcome beats the table, once', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    expect(fx.sim.nextPaymentOutcome('wrongPin').ok).toBe(true);
    expect((await pay(pos, 'P1', { amount: 1.0 })).errorCondition).toBe('WrongPIN');
    expect((await pay(pos, 'P2', { amount: 1.0 })).result).toBe('Success');
    expect(fx.eventsOf('fault').map((e) => [e.name, e.phase, e.hit?.serviceId])).toEqual([
      ['nextPaymentOutcome', 'armed', undefined],
      ['nextPaymentOutcome', 'hit', 'P1'],
    ]);
  });
});

describe('rule 6: one service at a time', () => {
  it('answers Busy to anything but Abort, Login and TransactionStatus during a payment', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.send(req.payment('P1'));
    await pos.frames.until(is.event());
    for (const [id, message] of [
      ['P2', req.payment('P2')],
      ['R1', req.reversal('R1', 'X')],
      ['A1', req.admin('A1')],
      ['O1', req.logout('O1')],
    ] as const) {
      pos.send(message);
      const answer = await pos.frames.next();
      expect([answer.serviceId, answer.result, answer.errorCondition]).toEqual([
        id,
        'Failure',
        'Busy',
      ]);
    }
    pos.send(req.login('L2'));
    expect((await pos.frames.next()).result).toBe('Success');
    pos.send(req.status('S1', { ServiceID: 'P1' }));
    expect((await pos.frames.next()).errorCondition).toBe('InProgress');
    // The Busy payment never happened: its status is NotFound.
    pos.send(req.status('S2', { ServiceID: 'P2' }));
    expect((await pos.frames.next()).errorCondition).toBe('NotFound');
  });
});

describe('rule 7: Abort', () => {
  it('before authorising ends the payment Failure/Aborted, nothing charged', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.send(req.payment('P1'));
    await pos.frames.until(is.event());
    pos.send(req.abort('AB1', 'P1'));
    expect(
      (await pos.frames.next()).get(
        'DisplayRequest.DisplayOutput.0.OutputContent.OutputText.0.Text',
      ),
    ).toBe('Aborted');
    const answer = await pos.frames.until(is.response('Payment', 'P1'));
    expect([answer.result, answer.errorCondition]).toEqual(['Failure', 'Aborted']);
    expect(fx.sim.ledger()).toEqual([]);
    expect(fx.sim.state().payment).toBeNull();
  });

  it('during authorising loses the race: the payment completes', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.send(req.payment('P1'));
    await pos.frames.until(is.display('Present card'));
    fx.clock.advance(fx.settings.cardMs);
    await pos.frames.until(is.display('Authorising, please wait'));
    pos.send(req.abort('AB1', 'P1'));
    pos.send(req.login('L2'));
    await pos.frames.until(is.response('Login', 'L2'));
    fx.clock.advance(fx.settings.authMs);
    expect((await pos.frames.until(is.response('Payment', 'P1'))).result).toBe('Success');
    expect(fx.sim.ledger()).toHaveLength(1);
  });

  it('for a finished payment sends EventNotification Completed; for an unknown one a Reject', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    await pay(pos, 'P1');
    pos.send(req.abort('AB1', 'P1'));
    const completed = await pos.frames.next();
    expect(completed.get('EventNotification.EventToNotify')).toBe('Completed');
    pos.send(req.abort('AB2', 'NOPE'));
    const rejected = await pos.frames.next();
    expect(rejected.get('EventNotification.EventToNotify')).toBe('Reject');
    const original = Buffer.from(
      String(rejected.get('EventNotification.RejectedMessage')),
      'base64',
    ).toString();
    expect(JSON.parse(original)).toMatchObject({
      SaleToPOIRequest: { AbortRequest: { MessageReference: { ServiceID: 'NOPE' } } },
    });
  });
});
