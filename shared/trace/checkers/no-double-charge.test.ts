import { describe, expect, it } from 'vitest';
import { traceBuilder } from './fixtures/trace-builder';
import { noDoubleCharge } from './no-double-charge';
import { checkedBothWays } from './fixtures/both-ways';

const check = checkedBothWays(noDoubleCharge);

describe('no-double-charge', () => {
  it('passes one approval per sale, declines aside', () => {
    const b = traceBuilder();
    b.ledger('recorded', { poiTransactionId: 'A', saleTransactionId: 'T1', result: 'declined' });
    b.ledger('recorded', { poiTransactionId: 'B', saleTransactionId: 'T1' });
    b.ledger('recorded', { poiTransactionId: 'C', saleTransactionId: 'T2', result: 'partial' });
    expect(check(b.build())).toEqual([
      expect.objectContaining({
        pass: true,
        message: expect.stringMatching(/2 sales charged, 3 ledger entries/),
      }),
    ]);
  });

  it('fails a sale charged twice and names both ledger events', () => {
    const b = traceBuilder();
    const first = b.ledger('recorded', { poiTransactionId: 'A', serviceId: 'P1' });
    const second = b.ledger('recorded', { poiTransactionId: 'B', serviceId: 'P2' });
    const [verdict, ...rest] = check(b.build());
    expect(rest).toHaveLength(0);
    expect(verdict).toMatchObject({ pass: false, events: [first, second] });
    expect(verdict?.message).toMatch(/charged 2 times/);
    expect(verdict?.message).toMatch(/10\.00 EUR/);
  });

  it('counts a partial approval as a charge', () => {
    const b = traceBuilder();
    b.ledger('recorded', { poiTransactionId: 'A' });
    b.ledger('recorded', { poiTransactionId: 'B', result: 'partial', authorisedMinor: 500 });
    expect(check(b.build())[0]?.pass).toBe(false);
  });

  it('passes a double charge whose extra approval was reversed', () => {
    const b = traceBuilder();
    b.ledger('recorded', { poiTransactionId: 'A' });
    b.ledger('recorded', { poiTransactionId: 'B' });
    b.ledger('reversed', { poiTransactionId: 'B' });
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('keeps SaleIDs apart', () => {
    const b = traceBuilder();
    b.ledger('recorded', { poiTransactionId: 'A', saleId: 'POS-A' });
    b.ledger('recorded', { poiTransactionId: 'B', saleId: 'POS-B' });
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('is not applicable without ledger events', () => {
    const b = traceBuilder();
    b.payment('L1', 'P1', 'T1');
    b.payment('L1', 'P2', 'T1');
    expect(check(b.build())[0]).toMatchObject({
      pass: true,
      message: expect.stringMatching(/not applicable: no simulator is recorded/),
    });
  });

  it('says nothing was charged yet when the simulator runs and the ledger is still empty', () => {
    const b = traceBuilder();
    const { header, events } = b.build();
    const verdicts = noDoubleCharge.check({ header: { ...header, simulator: {} }, events });
    expect(verdicts).toEqual([
      expect.objectContaining({
        pass: true,
        message: expect.stringMatching(/nothing charged yet/),
      }),
    ]);
    expect(verdicts[0]?.message).not.toMatch(/no simulator/);
  });
});
