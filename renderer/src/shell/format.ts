import type { HarnessMode } from '@shared/ipc';
import type { ConnectionState } from '../api/adapter';

/** A start time as people read it, in their locale and time zone. */
export function formatInstant(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export const CONNECTION_LABELS: Readonly<Record<ConnectionState, string>> = {
  connecting: 'Connecting',
  connected: 'Connected',
  lost: 'Connection lost',
  reconnecting: 'Reconnecting',
};

export const MODE_LABELS: Readonly<Record<HarnessMode, string>> = {
  electron: 'Desktop (Electron)',
  browser: 'Browser mode',
};
