import { describe, expect, it } from 'vitest';
import type { Outcome, TransactionRef } from '@shared/session/outcomes';
import { approvalOf, createApprovals } from './approvals';

const NOW = '2026-01-01T00:00:09.000Z';

function ref(id: string): TransactionRef {
  return { TransactionID: id, TimeStamp: `2026-01-01T00:00:0${id.length}.000Z` };
}

function paid(id: string, result: 'approved' | 'partial' | 'declined' = 'approved'): Outcome {
  const base = {
    op: `op-${id}`,
    amountMinor: 1000,
    currency: 'EUR',
    saleTransactionId: { TransactionID: `S${id}`, TimeStamp: NOW },
    serviceIds: [`P${id}`],
    statusServiceIds: [],
    poiTransactionId: ref(id),
  };
  // A recovered approval counts as one too; a declined payment never does.
  return result === 'declined'
    ? { ...base, kind: 'declined', result, errorCondition: 'Refusal' }
    : { ...base, kind: result === 'partial' ? 'recovered' : 'approved', result };
}

function reversed(): Outcome {
  return { op: 'op-r', name: 'reverse', kind: 'succeeded', serviceIds: ['R'] };
}

describe('approvals: which payment a reversal targets', () => {
  it('targets nothing before any approval, and never a declined payment', () => {
    const approvals = createApprovals();
    expect(approvals.target(undefined, NOW)).toBeUndefined();
    approvals.learn(paid('D1', 'declined'));
    expect(approvalOf(paid('D1', 'declined'))).toBeUndefined();
    expect(approvals.target(undefined, NOW)).toBeUndefined();
  });

  it('targets the newest approval not yet reversed', () => {
    const approvals = createApprovals();
    approvals.learn(paid('A1'));
    approvals.learn(paid('A22', 'partial'));
    expect(approvals.target(undefined, NOW)).toEqual(ref('A22'));
    approvals.learn(reversed(), 'A22');
    expect(approvals.target(undefined, NOW)).toEqual(ref('A1'));
    approvals.learn(reversed(), 'A1');
    expect(approvals.target(undefined, NOW)).toBeUndefined();
    expect(approvals.list().map((a) => a.reversed)).toEqual([true, true]);
  });

  it('targets a named POITransactionID with its own stamp when known, else stamped now', () => {
    const approvals = createApprovals();
    approvals.learn(paid('A1'));
    expect(approvals.target('A1', NOW)).toEqual(ref('A1'));
    expect(approvals.target('X9', NOW)).toEqual({ TransactionID: 'X9', TimeStamp: NOW });
  });
});
