import type { AppInfo } from '@shared/ipc';
import type { SliceCreator } from './harness-state';

/** Where the shell is in its start-up (the `data-app-state` of the root element). */
export type AppState = 'connecting' | 'ready' | 'error';

export interface AppSlice {
  readonly appState: AppState;
  /** What the core reported about itself; null until it answered. */
  readonly appInfo: AppInfo | null;
  /** Why the shell could not start; null unless `appState` is `error`. */
  readonly startupError: string | null;
  /** The core answered `app:info`: the shell is ready (again). */
  setAppInfo(info: AppInfo): void;
  /** The shell cannot start, and says why. */
  failStartup(message: string): void;
}

export const createAppSlice: SliceCreator<AppSlice> = (set) => ({
  appState: 'connecting',
  appInfo: null,
  startupError: null,
  setAppInfo: (info) => set({ appState: 'ready', appInfo: info, startupError: null }),
  failStartup: (message) => set({ appState: 'error', startupError: message }),
});
