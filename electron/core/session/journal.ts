import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MAX_CARRIER_JSON_DEPTH, parseJsonText } from '@shared/protocol';
import { JournalEntry } from '@shared/session';
import { err, ok, type Result } from '@shared/result';
import { writeFileAtomic } from '../client/service-ids';

/**
 * Payments sent and not yet settled. A restarted client reads it and recovers each through
 * TransactionStatus before anything else; entries leave when the payment's outcome is final.
 */
export interface PaymentJournal {
  entries(): readonly JournalEntry[];
  /** Adds or replaces the entry of `entry.op`; done before the payment's frame leaves. */
  put(entry: JournalEntry): void;
  remove(op: string): void;
}

/** A journal that lives as long as the object (survives `restartClient`, not the process). */
export class MemoryJournal implements PaymentJournal {
  private readonly byOp = new Map<string, JournalEntry>();

  entries(): readonly JournalEntry[] {
    return [...this.byOp.values()];
  }

  put(entry: JournalEntry): void {
    this.byOp.set(entry.op, entry);
  }

  remove(op: string): void {
    this.byOp.delete(op);
  }
}

const JournalFile = z.object({ version: z.literal(1), entries: z.array(JournalEntry) });

/**
 * A journal in a small JSON file, rewritten atomically (write to a temporary file, then
 * rename) and synchronously on every change, so a crash right after `put` still finds it.
 */
export class FileJournal implements PaymentJournal {
  private readonly byOp = new Map<string, JournalEntry>();

  private constructor(
    private readonly path: string,
    entries: readonly JournalEntry[],
  ) {
    for (const entry of entries) this.byOp.set(entry.op, entry);
  }

  /** Opens (or starts) the journal at `path`; an unreadable or corrupt file is an error value. */
  static open(path: string): Result<FileJournal, string> {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(new FileJournal(path, []));
      return err(`cannot read journal ${path}: ${(error as Error).message}`);
    }
    const value = parseJsonText(text, MAX_CARRIER_JSON_DEPTH);
    if (!value.ok) return err(`journal ${path} is not JSON: ${value.error.message}`);
    const parsed = JournalFile.safeParse(value.value);
    if (!parsed.success)
      return err(`journal ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return ok(new FileJournal(path, parsed.data.entries));
  }

  entries(): readonly JournalEntry[] {
    return [...this.byOp.values()];
  }

  put(entry: JournalEntry): void {
    this.byOp.set(entry.op, entry);
    this.save();
  }

  remove(op: string): void {
    if (this.byOp.delete(op)) this.save();
  }

  private save(): void {
    writeFileAtomic(this.path, JSON.stringify({ version: 1, entries: [...this.byOp.values()] }));
  }
}
