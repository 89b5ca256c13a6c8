import { describe, expect, it } from 'vitest';
import { traceBuilder } from './fixtures/trace-builder';
import { uniqueServiceIds } from './unique-service-ids';
import { checkedBothWays } from './fixtures/both-ways';

const check = checkedBothWays(uniqueServiceIds);

describe('unique-service-ids', () => {
  it('passes distinct ServiceIDs, responses and other SaleIDs aside', () => {
    const b = traceBuilder();
    b.login('L1', 'S1');
    b.payment('L1', 'S2', 'T1');
    b.request('L1', 'Login', { serviceId: 'S1', saleId: 'OTHER' });
    expect(check(b.build())).toEqual([
      expect.objectContaining({ pass: true, message: expect.stringMatching(/all 3 requests/) }),
    ]);
  });

  it('fails a reused ServiceID, even across links, and names every use', () => {
    const b = traceBuilder();
    const [login] = b.login('L1', 'S1');
    b.linkClosed('L1');
    const reuse = b.status('L2', 'S1', 'S0');
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: false, events: [login, reuse] });
    expect(verdict?.message).toMatch(/ServiceID S1 of SaleID POS1 was used 2 times/);
  });

  it('names the first few uses of a ServiceID and counts the rest, whatever the trace size', () => {
    const b = traceBuilder();
    const seqs = Array.from({ length: 12 }, () => b.status('L1', 'S1', 'S0'));
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({ pass: false, events: seqs });
    expect(verdict?.message).toMatch(
      /was used 12 times: (TransactionStatus S1 \(seq \d+\), ){5}…\(\+7\)$/,
    );
  });

  it('fails a request without a ServiceID', () => {
    const b = traceBuilder({ observer: 'poi' });
    const seq = b.request('1', 'Payment', { serviceId: '', body: {} });
    expect(check(b.build())[0]).toMatchObject({ pass: false, events: [seq] });
  });

  it('is not applicable without requests', () => {
    expect(check(traceBuilder().build())[0]?.message).toMatch(/not applicable/);
  });
});
