import type { HarnessMode } from '@shared/ipc';
import type { ConnectionState } from '../api/adapter';
import type { SliceCreator } from './harness-state';

export interface ConnectionSlice {
  /** How the renderer reaches the core; null until an adapter was chosen. */
  readonly mode: HarnessMode | null;
  readonly connection: ConnectionState;
  setMode(mode: HarnessMode): void;
  setConnection(state: ConnectionState): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  mode: null,
  connection: 'connecting',
  setMode: (mode) => set({ mode }),
  // A new connection gets a new subscription: the stream is live again only after its hello.
  setConnection: (connection) =>
    set(connection === 'connected' ? { connection } : { connection, streamLiveSince: null }),
});
