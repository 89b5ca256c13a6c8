import { readFileSync } from 'node:fs';
import { MAX_CARRIER_JSON_DEPTH, parseJsonText } from '@shared/protocol';
import { err, ok, type Result } from '@shared/result';
import {
  DEFAULT_WINDOW_SETTINGS,
  WindowSettingsFile,
  type WindowSettings,
} from '@shared/settings/window-settings';
import { writeFileAtomic } from '../client/service-ids';

/**
 * The window's remembered settings (README "Remembered window settings"), in one small JSON
 * file of the data folder. Read and validated once; every change is written atomically (a
 * temporary file, then a rename), so a crash mid-write leaves the previous settings readable.
 */
export interface WindowSettingsStore {
  get(): WindowSettings;
  /**
   * Merges `changes` over the kept settings and writes them. The merged settings stay in force
   * for this core even when the file cannot be written (the error says why).
   */
  update(changes: Partial<WindowSettings>): Result<WindowSettings, string>;
}

/** The store and, when the file was unreadable or invalid, why (the defaults are used then). */
export interface OpenedWindowSettings {
  readonly store: WindowSettingsStore;
  readonly problem?: string;
}

function readSettings(path: string): Result<WindowSettings, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(DEFAULT_WINDOW_SETTINGS);
    return err(`cannot read ${path}: ${(error as Error).message}`);
  }
  const value = parseJsonText(text, MAX_CARRIER_JSON_DEPTH);
  if (!value.ok) return err(`${path} is not JSON: ${value.error.message}`);
  const parsed = WindowSettingsFile.safeParse(value.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(`${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  return ok(parsed.data.settings);
}

/** Opens the settings kept at `path`; a missing file means the defaults. */
export function openWindowSettings(path: string): OpenedWindowSettings {
  const read = readSettings(path);
  let current = read.ok ? read.value : DEFAULT_WINDOW_SETTINGS;
  const store: WindowSettingsStore = {
    get: () => current,
    update(changes) {
      current = { ...current, ...changes };
      try {
        writeFileAtomic(path, JSON.stringify({ version: 1, settings: current }));
      } catch (error) {
        return err(`cannot write ${path}: ${(error as Error).message}`);
      }
      return ok(current);
    },
  };
  return read.ok ? { store } : { store, problem: read.error };
}
