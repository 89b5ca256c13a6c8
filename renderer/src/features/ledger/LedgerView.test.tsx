import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '@shared/trace/events';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { TraceBuilder } from '../timeline/trace-fixtures';
import { allRows, createTimelineBuilder } from '../timeline/timeline-rows';
import { commonPrefixLength, LedgerView } from './LedgerView';
import { ledgerCsv } from './ledger-csv';
import { linkLedger } from './ledger-links';

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
    expect(rows[1]).toHaveTextContent('Declined: refused (Refusal)');
    expect(rows[2]).toHaveTextContent('Approved, reversed');
    expect(rows[3]).toHaveTextContent('11.77 EUR5.88 EUR authorised');
  });

  it('says when there is nothing yet, and when there is no ledger to show', () => {
    const { rerender } = render(<LedgerView entries={[]} />);
    expect(screen.getByText('No payments yet.')).toBeVisible();
    expect(screen.getByText('0 approvals standing')).toBeVisible();
    rerender(<LedgerView entries={null} unavailableReason="External peer: no ledger here." />);
    expect(screen.getByText('External peer: no ledger here.')).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows every id in full, with the part that tells rows apart standing out', () => {
    render(
      <LedgerView
        entries={[
          entry({ poiTransactionId: 'S6W7BWF000001' }),
          entry({ poiTransactionId: 'S6W7BWF000002' }),
        ]}
      />,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('S6W7BWF000001');
    expect(rows[1]).toHaveTextContent('S6W7BWF000002');
    expect(rows[1]?.querySelector('.ledger-id-own')).toHaveTextContent(/^2$/);
    expect(commonPrefixLength(['ABC', 'ABC'])).toBe(2);
    expect(commonPrefixLength(['only'])).toBe(0);
  });

  it('marks the recovered payment and links each row to its messages', async () => {
    // A payment answered normally, then one whose response was lost and recovered by status.
    const b = new TraceBuilder();
    b.request('Payment', 'P1');
    b.response('Payment', 'P1', 'Success');
    const lost = b.request('Payment', 'P2');
    b.request('TransactionStatus', 'Q1', {
      body: { MessageReference: { ServiceID: 'P2', MessageCategory: 'Payment' } },
    });
    b.response('TransactionStatus', 'Q1', 'Success');
    const rows = allRows(createTimelineBuilder().append(b.events));
    const entries = [
      entry({ poiTransactionId: 'A1', serviceId: 'P1' }),
      entry({ poiTransactionId: 'A2', serviceId: 'P2', saleTransactionId: 'T2' }),
    ];
    const links = linkLedger(entries, rows);
    const shown: number[] = [];
    render(
      <LedgerView entries={entries} links={links} onShowMessages={(seq) => shown.push(seq)} />,
    );

    const [normal, recovered] = screen.getAllByRole('row').slice(1);
    expect(normal).toHaveAttribute('data-recovered', 'false');
    expect(normal).toHaveAttribute('data-request-seq', '1');
    expect(normal).toHaveAttribute('data-response-seq', '2');
    expect(recovered).toHaveAttribute('data-recovered', 'true');
    expect(recovered).not.toHaveAttribute('data-response-seq');
    expect(recovered).toHaveTextContent('recovered');
    expect(screen.getByText(/1 recovered/)).toBeVisible();

    await userEvent
      .setup()
      .click(within(recovered!).getByRole('button', { name: /Show the messages of A2/ }));
    expect(shown).toEqual([lost.seq]);
  });

  it('counts a payment the client reported recovered, whatever the frames show', () => {
    const b = new TraceBuilder();
    b.request('Payment', 'P1');
    b.response('Payment', 'P1', 'Success');
    b.add({
      kind: 'op',
      op: 'o1',
      name: 'pay',
      phase: 'ok',
      outcome: 'recovered',
      detail: { serviceIds: ['P1'] },
    });
    const rows = allRows(createTimelineBuilder().append(b.events));
    expect(linkLedger([entry({ serviceId: 'P1' })], rows)[0]?.recovered).toBe(true);
    expect(linkLedger([entry({ serviceId: 'P9' })], rows)[0]).toEqual({
      requestSeq: undefined,
      responseSeq: undefined,
      statusSeq: undefined,
      recovered: false,
    });
  });

  it('exports the rows as CSV through a download', async () => {
    const download = vi.fn();
    render(<LedgerView entries={[entry({})]} download={download} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(download).toHaveBeenCalledWith('ledger.csv', ledgerCsv([entry({})]), 'text/csv');
    expect(screen.getByText('Exported 1 rows as ledger.csv')).toBeVisible();
  });
});
