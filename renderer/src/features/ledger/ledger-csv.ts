import { minorToDecimalText } from '@shared/protocol/money';
import type { LedgerEntry } from '@shared/trace/events';
import type { LedgerLinks } from './ledger-links';
import { resultWords } from './ledger-words';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or leading or
 * trailing space, with quotes doubled. A field that a spreadsheet would run as a formula
 * (= + - @, tab, carriage return) gets a leading apostrophe first (OWASP "CSV injection"):
 * ledger ids come from the POS and the terminal, not from us.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const HEADER = [
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
] as const;

/** The ledger as CSV (header line, CRLF line ends as RFC 4180 has them). */
export function ledgerCsv(
  entries: readonly LedgerEntry[],
  links: readonly (LedgerLinks | undefined)[] = [],
): string {
  const lines = [HEADER.map(csvField).join(',')];
  entries.forEach((entry, index) => {
    const fields = [
      entry.at,
      entry.saleId,
      entry.saleTransactionId,
      entry.poiTransactionId,
      entry.serviceId,
      resultWords(entry),
      entry.errorCondition ?? '',
      minorToDecimalText(entry.amountMinor, entry.currency),
      minorToDecimalText(entry.authorisedMinor, entry.currency),
      entry.currency,
      entry.reversed ? 'yes' : 'no',
      links[index]?.recovered === true ? 'yes' : 'no',
    ];
    lines.push(fields.map(csvField).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}
