import type { LedgerEntry } from '@shared/trace/events';

/**
 * The simulator's ledger of approvals, partial approvals and declines, with their reversal
 * flag: the ground truth for "no double charge". It survives restarts and updates (a payment
 * application stores its transactions); only `clear` (a control API reset) forgets it.
 */
export class Ledger {
  private entries: LedgerEntry[] = [];

  record(entry: LedgerEntry): LedgerEntry {
    this.entries.push(entry);
    return entry;
  }

  find(poiTransactionId: string): LedgerEntry | undefined {
    return this.entries.find((e) => e.poiTransactionId === poiTransactionId);
  }

  /** Marks an entry reversed and returns the new entry (entries are replaced, never mutated). */
  markReversed(poiTransactionId: string): LedgerEntry | undefined {
    const index = this.entries.findIndex((e) => e.poiTransactionId === poiTransactionId);
    const entry = this.entries[index];
    if (!entry) return undefined;
    const reversed: LedgerEntry = { ...entry, reversed: true };
    this.entries = this.entries.map((e, i) => (i === index ? reversed : e));
    return reversed;
  }

  all(): readonly LedgerEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
