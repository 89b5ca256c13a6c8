import type { HarnessApi } from '@shared/ipc';
import type { ApiAdapter } from './adapter';

/** The Electron adapter: the preload's `window.api`; IPC has no connection to lose. */
export function createElectronAdapter(api: HarnessApi): ApiAdapter {
  let disposed = false;
  return {
    mode: 'electron',
    api,
    connect(onState) {
      if (!disposed) onState('connected');
    },
    dispose() {
      disposed = true;
    },
  };
}
