import type { StateCreator } from 'zustand/vanilla';
import type { ScenariosSlice } from '../features/scenarios/scenarios-slice';
import type { SessionSlice } from '../features/session';
import type { PosSessionsSlice } from '../features/session/pos-sessions-slice';
import type { TimelineSlice } from '../features/timeline';
import type { VerdictsSlice } from '../features/verdicts/verdicts-slice';
import type { AppSlice } from './app-slice';
import type { ConnectionSlice } from './connection-slice';
import type { CoreStateSlice } from './core-state-slice';
import type { EventsSlice } from './events-slice';
import type { LayoutSlice } from './layout-slice';
import type { ReplaySlice } from './replay-slice';

/** The whole renderer state: one store made of slices. */
export type HarnessState = AppSlice &
  ConnectionSlice &
  EventsSlice &
  TimelineSlice &
  SessionSlice &
  PosSessionsSlice &
  CoreStateSlice &
  ReplaySlice &
  LayoutSlice &
  ScenariosSlice &
  VerdictsSlice;

/** A slice creator of the harness store (it may read and write the other slices). */
export type SliceCreator<S> = StateCreator<HarnessState, [], [], S>;
