import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal, MemoryJournal, type PaymentJournal } from '../session/journal';
import { fileServiceIds, memoryServiceIds, type ServiceIdSource } from '../client/service-ids';
import { openWindowSettings, type WindowSettingsStore } from './window-settings-store';

/** What the harness core keeps between runs (and, with a persistent data dir, between launches). */
export interface CoreStore {
  readonly dataDir: string;
  /** True for a folder made for this core alone, removed when the core stops. */
  readonly temporary: boolean;
  /** ServiceIDs unique across runs and restarts. */
  readonly serviceIds: ServiceIdSource;
  /** Payments in flight, recovered after a POS restart. */
  readonly journal: PaymentJournal;
  /** What the window remembers across restarts (theme, pane sizes). */
  readonly windowSettings: WindowSettingsStore;
  /** Why a file could not be used (the core then keeps that part in memory), if it happened. */
  readonly problems: readonly string[];
}

/**
 * Opens the core's data folder: `dataDir` when given (the desktop app passes its user-data
 * folder), else a fresh folder under the OS temp dir, so two harnesses started side by side (e2e
 * workers, two browser-mode hosts) never recover each other's payments. A file that cannot be
 * read is reported and replaced by memory: the harness still starts.
 */
export function openCoreStore(dataDir?: string): CoreStore {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'a2a-harness-'));
  const problems: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    problems.push(`cannot create ${dir}: ${(error as Error).message}`);
  }
  const ids = fileServiceIds(join(dir, 'service-ids.json'));
  if (!ids.ok) problems.push(ids.error);
  const journal = FileJournal.open(join(dir, 'journal.json'));
  if (!journal.ok) problems.push(journal.error);
  const windowSettings = openWindowSettings(join(dir, 'window-settings.json'));
  if (windowSettings.problem !== undefined) problems.push(windowSettings.problem);
  return {
    dataDir: dir,
    temporary: dataDir === undefined,
    serviceIds: ids.ok ? ids.value : memoryServiceIds(),
    journal: journal.ok ? journal.value : new MemoryJournal(),
    windowSettings: windowSettings.store,
    problems,
  };
}
