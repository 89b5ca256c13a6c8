import type { HarnessApi } from '@shared/ipc';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    readonly api?: HarnessApi;
  }
}
