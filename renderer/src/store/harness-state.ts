import type { StateCreator } from 'zustand/vanilla';
import type { AppSlice } from './app-slice';
import type { ConnectionSlice } from './connection-slice';
import type { EventsSlice } from './events-slice';

/** The whole renderer state: one store made of slices. */
export type HarnessState = AppSlice & ConnectionSlice & EventsSlice;

/** A slice creator of the harness store (it may read and write the other slices). */
export type SliceCreator<S> = StateCreator<HarnessState, [], [], S>;
