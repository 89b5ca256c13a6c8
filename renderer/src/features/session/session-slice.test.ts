import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { sessionAt } from '@shared/trace/view';
import { recoveryStory } from '../timeline/trace-fixtures';
import {
  createSessionSlice,
  selectSessionClock,
  selectSessionState,
  selectSessionView,
  type SessionSlice,
} from './session-slice';

function createTestStore() {
  return createStore<SessionSlice>()((...args) => createSessionSlice(...args));
}

describe('session slice', () => {
  it('folds batches into the same view as a replay of the whole trace', () => {
    const store = createTestStore();
    const events = recoveryStory().events;
    store.getState().applySessionEvents(events.slice(0, 20));
    store.getState().applySessionEvents(events.slice(15));
    expect(selectSessionView(store.getState())).toEqual(sessionAt(events));
    expect(selectSessionState(store.getState())).toBe('ready');
    expect(selectSessionClock(store.getState())?.t).toBe(events.at(-1)?.t);
  });

  it('starts over from a first batch', () => {
    const store = createTestStore();
    const events = recoveryStory().events;
    store.getState().applySessionEvents(events);
    store.getState().resetSession(events.slice(0, 5));
    expect(selectSessionView(store.getState())).toEqual(sessionAt(events, 5));
    store.getState().resetSession();
    expect(selectSessionState(store.getState())).toBe('offline');
    expect(selectSessionClock(store.getState())).toBeUndefined();
  });

  it('keeps the profile and the timeouts it is given', () => {
    const store = createTestStore();
    store.getState().setSessionProfile('nexo');
    store.getState().setSessionOpTimeouts({ Payment: 120_000 });
    expect(store.getState().sessionProfile).toBe('nexo');
    expect(store.getState().sessionOpTimeouts).toEqual({ Payment: 120_000 });
  });
});
