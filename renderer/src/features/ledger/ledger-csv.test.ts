import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '@shared/trace/events';
import { csvField, ledgerCsv } from './ledger-csv';

const entry: LedgerEntry = {
  saleId: 'POS, "front"',
  saleTransactionId: 'T1\nsecond line',
  poiTransactionId: '=HYPERLINK("x")',
  serviceId: 'S1',
  amountMinor: 1250,
  authorisedMinor: 0,
  currency: 'EUR',
  result: 'declined',
  errorCondition: 'Refusal',
  reversed: false,
  at: '2026-01-01T00:00:00.000Z',
};

/** A small RFC 4180 reader: enough to prove that what we write reads back field for field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('ledger CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    ['=1+1', "'=1+1"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['', ''],
  ])('escapes %j as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('writes a header and one line per row that read back field for field', () => {
    const text = ledgerCsv([entry], [{ recovered: true }]);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, row, ...rest] = parseCsv(text);
    expect(rest).toEqual([]);
    expect(header).toEqual([
      'Time',
      'SaleID',
      'Sale transaction ID',
      'POI transaction ID',
      'ServiceID',
      'Result',
      'Error condition',
      'Amount',
      'Authorised',
      'Currency',
      'Reversed',
      'Recovered',
    ]);
    expect(row).toEqual([
      '2026-01-01T00:00:00.000Z',
      'POS, "front"',
      'T1\nsecond line',
      `'=HYPERLINK("x")`,
      'S1',
      'Declined: refused (Refusal)',
      'Refusal',
      '12.50',
      '0.00',
      'EUR',
      'no',
      'yes',
    ]);
  });
});
