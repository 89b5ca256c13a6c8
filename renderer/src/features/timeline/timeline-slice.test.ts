import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createSessionSlice, type SessionSlice } from '../session/session-slice';
import { DEFAULT_TIMELINE_FILTER } from './timeline-filter';
import {
  createTimelineSlice,
  selectTimelineCategories,
  selectTimelineRows,
  selectTimelineSelectedRow,
  type TimelineSlice,
} from './timeline-slice';
import { recoveryStory } from './trace-fixtures';

interface OtherSlice {
  readonly other: number;
}

/** The shape the lead's store has: several slices, combined with `(...args)` as zustand's docs do. */
type All = TimelineSlice & SessionSlice & OtherSlice;

function createTestStore() {
  return createStore<All>()((...args) => ({
    ...createTimelineSlice(...args),
    ...createSessionSlice(...args),
    other: 1,
  }));
}

describe('timeline slice', () => {
  it('summarises appended batches into rows and leaves the other slices alone', () => {
    const store = createTestStore();
    const events = recoveryStory().events;
    store.getState().appendTimelineEvents(events.slice(0, 10));
    store.getState().appendTimelineEvents(events.slice(10));
    const state = store.getState();
    expect(selectTimelineRows(state).map((row) => row.seq)).toEqual(events.map((e) => e.seq));
    expect(selectTimelineCategories(state)).toContain('Payment');
    expect(state.other).toBe(1);
  });

  it('does not notify subscribers for a batch it already had', () => {
    const store = createTestStore();
    const events = recoveryStory().events;
    store.getState().appendTimelineEvents(events);
    let notified = 0;
    store.subscribe(() => notified++);
    store.getState().appendTimelineEvents(events.slice(3));
    store.getState().appendTimelineEvents([]);
    expect(notified).toBe(0);
  });

  it('selects a row, follows, filters and starts over', () => {
    const store = createTestStore();
    const events = recoveryStory().events;
    const actions = store.getState();
    actions.appendTimelineEvents(events);
    actions.selectTimelineRow(7);
    actions.setTimelineFollow(false);
    actions.setTimelineFilter({ ...DEFAULT_TIMELINE_FILTER, search: 'busy' });
    expect(selectTimelineSelectedRow(store.getState())?.title).toBe('Login Response');
    expect(store.getState().timelineFollow).toBe(false);
    expect(store.getState().timelineFilter.search).toBe('busy');
    actions.resetTimeline(events.slice(0, 2));
    expect(selectTimelineRows(store.getState())).toHaveLength(2);
    expect(selectTimelineSelectedRow(store.getState())).toBeUndefined();
    // A fresh builder: the pairing state of the old stream is gone too.
    actions.appendTimelineEvents(events.slice(2));
    expect(selectTimelineRows(store.getState())).toHaveLength(events.length);
  });
});
