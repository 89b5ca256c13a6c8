import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '@shared/trace/events';
import { LedgerView } from './LedgerView';

const entry = (patch: Partial<LedgerEntry>): LedgerEntry => ({
  saleId: 'POS-1',
  saleTransactionId: 'T1',
  poiTransactionId: 'P1',
  serviceId: 'S1',
  amountMinor: 1250,
  authorisedMinor: 1250,
  currency: 'EUR',
  result: 'approved',
  reversed: false,
  at: '2026-01-01T00:00:00.000Z',
  ...patch,
});

describe('<LedgerView>', () => {
  it('lists every processed payment and counts the approvals still standing', () => {
    render(
      <LedgerView
        entries={[
          entry({ poiTransactionId: 'P1' }),
          entry({
            poiTransactionId: 'P2',
            result: 'declined',
            authorisedMinor: 0,
            errorCondition: 'Refusal',
          }),
          entry({ poiTransactionId: 'P3', reversed: true }),
          entry({
            poiTransactionId: 'P4',
            result: 'partial',
            amountMinor: 1177,
            authorisedMinor: 588,
          }),
        ]}
      />,
    );
    const ledger = screen.getByRole('region', { name: /Ledger/ });
    expect(within(ledger).getByText('2 approvals standing')).toHaveAttribute('data-approvals', '2');
    const rows = within(ledger).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-result'))).toEqual([
      'approved',
      'declined',
      'approved',
      'partial',
    ]);
    expect(rows[1]).toHaveTextContent('Declined (Refusal)');
    expect(rows[2]).toHaveTextContent('Approved, reversed');
    expect(rows[3]).toHaveTextContent('11.77 EUR5.88 EUR');
  });

  it('says when there is nothing yet, and when there is no ledger to show', () => {
    const { rerender } = render(<LedgerView entries={[]} />);
    expect(screen.getByText('No payments yet.')).toBeVisible();
    expect(screen.getByText('0 approvals standing')).toBeVisible();
    rerender(<LedgerView entries={null} unavailableReason="External peer: no ledger here." />);
    expect(screen.getByText('External peer: no ledger here.')).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
