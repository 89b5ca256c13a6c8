import type { SliceCreator } from './harness-state';

export interface EventsSlice {
  /** When the core greeted this connection's event subscription (ISO); null while not live. */
  readonly streamLiveSince: string | null;
  /** Events received on the stream since the page loaded. */
  readonly eventsReceived: number;
  markStreamLive(at: string): void;
  countEvents(count: number): void;
}

export const createEventsSlice: SliceCreator<EventsSlice> = (set) => ({
  streamLiveSince: null,
  eventsReceived: 0,
  markStreamLive: (at) => set({ streamLiveSince: at }),
  countEvents: (count) => set((state) => ({ eventsReceived: state.eventsReceived + count })),
});
