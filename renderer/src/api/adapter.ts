import type { HarnessApi, HarnessMode } from '@shared/ipc';

/**
 * The state of the renderer's link to the harness core. Electron IPC is always `connected`;
 * the browser-mode WebSocket goes `connecting` → `connected`, and after a drop `lost` (waiting
 * for the next attempt) ⇄ `reconnecting` (an attempt in flight) until it is `connected` again.
 */
export type ConnectionState = 'connecting' | 'connected' | 'lost' | 'reconnecting';

/** One way of reaching the core: the same HarnessApi, whatever carries it. */
export interface ApiAdapter {
  readonly mode: HarnessMode;
  readonly api: HarnessApi;
  /** Opens the connection and reports every state it goes through from now on. */
  connect(onState: (state: ConnectionState) => void): void;
  /** Closes the connection for good (no more reconnects, no more reports). */
  dispose(): void;
}
