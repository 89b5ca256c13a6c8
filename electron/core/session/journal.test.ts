import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '@shared/session';
import { FileJournal, MemoryJournal } from './journal';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const entry: JournalEntry = {
  op: 'op-1',
  amountMinor: 300,
  currency: 'EUR',
  saleTransactionId: { TransactionID: 'T1', TimeStamp: '2026-01-01T00:00:00Z' },
  serviceIds: ['A1'],
};

describe('payment journals', () => {
  it('keeps entries in a file that a new journal reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'a2a-journal-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'journal.json');
    const first = FileJournal.open(path);
    if (!first.ok) throw new Error(first.error);
    first.value.put(entry);
    first.value.put({ ...entry, op: 'op-2', serviceIds: ['B1', 'B2'], resentAfter: 'B1' });
    first.value.put({ ...entry, serviceIds: ['A1', 'A2'] });
    const reopened = FileJournal.open(path);
    if (!reopened.ok) throw new Error(reopened.error);
    expect(reopened.value.entries()).toEqual([
      { ...entry, serviceIds: ['A1', 'A2'] },
      { ...entry, op: 'op-2', serviceIds: ['B1', 'B2'], resentAfter: 'B1' },
    ]);
    reopened.value.remove('op-1');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      version: 1,
      entries: [{ ...entry, op: 'op-2', serviceIds: ['B1', 'B2'], resentAfter: 'B1' }],
    });
  });

  it('refuses a corrupt journal file with the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'a2a-journal-'));
    dirs.push(dir);
    const path = join(dir, 'journal.json');
    await writeFile(path, '{"version":1,"entries":[{"op":""}]}');
    const opened = FileJournal.open(path);
    expect(opened.ok).toBe(false);
    await writeFile(path, 'nope');
    expect(FileJournal.open(path)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not JSON/),
    });
  });

  it('keeps entries in memory', () => {
    const journal = new MemoryJournal();
    journal.put(entry);
    journal.remove('other');
    expect(journal.entries()).toEqual([entry]);
    journal.remove('op-1');
    expect(journal.entries()).toEqual([]);
  });
});
