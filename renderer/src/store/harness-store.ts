import { createStore, type StoreApi } from 'zustand/vanilla';
import { createScenariosSlice } from '../features/scenarios/scenarios-slice';
import { createSessionSlice } from '../features/session';
import { createPosSessionsSlice } from '../features/session/pos-sessions-slice';
import { createTimelineSlice } from '../features/timeline';
import { createVerdictsSlice } from '../features/verdicts/verdicts-slice';
import { createAppSlice } from './app-slice';
import { createConnectionSlice } from './connection-slice';
import { createCoreStateSlice } from './core-state-slice';
import { createEventsSlice } from './events-slice';
import type { HarnessState } from './harness-state';
import { createLayoutSlice } from './layout-slice';
import { createReplaySlice } from './replay-slice';

export type { HarnessState } from './harness-state';

/** The renderer's store (a vanilla store, so effects and tests can use it outside React). */
export type HarnessStore = StoreApi<HarnessState>;

/** Creates the store from its slices (one per page; tests create their own). */
export function createHarnessStore(): HarnessStore {
  return createStore<HarnessState>()((...args) => ({
    ...createAppSlice(...args),
    ...createConnectionSlice(...args),
    ...createEventsSlice(...args),
    ...createTimelineSlice(...args),
    ...createSessionSlice(...args),
    ...createPosSessionsSlice(...args),
    ...createCoreStateSlice(...args),
    ...createReplaySlice(...args),
    ...createLayoutSlice(...args),
    ...createScenariosSlice(...args),
    ...createVerdictsSlice(...args),
  }));
}
