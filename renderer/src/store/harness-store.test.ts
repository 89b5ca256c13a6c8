import { describe, expect, it } from 'vitest';
import { createHarnessStore } from './harness-store';
import {
  selectAppInfo,
  selectAppState,
  selectConnection,
  selectMode,
  selectStartupError,
  selectStreamLiveSince,
} from './selectors';

const info = {
  productName: 'App2App Harness',
  version: '1.2.3',
  startedAt: '2026-01-01T00:00:00.000Z',
  mode: 'browser',
} as const;

describe('the harness store', () => {
  it('starts connecting, with nothing known yet', () => {
    const s = createHarnessStore().getState();
    expect([selectAppState(s), selectAppInfo(s), selectStartupError(s)]).toEqual([
      'connecting',
      null,
      null,
    ]);
    expect([selectConnection(s), selectMode(s), selectStreamLiveSince(s)]).toEqual([
      'connecting',
      null,
      null,
    ]);
  });

  it('is ready once the core said who it is, and an error clears when it answers again', () => {
    const store = createHarnessStore();
    store.getState().failStartup('no answer');
    expect(selectAppState(store.getState())).toBe('error');
    expect(selectStartupError(store.getState())).toBe('no answer');

    store.getState().setAppInfo(info);

    expect(selectAppState(store.getState())).toBe('ready');
    expect(selectAppInfo(store.getState())).toEqual(info);
    expect(selectStartupError(store.getState())).toBeNull();
  });

  it('forgets the live event stream whenever the connection is not up', () => {
    const store = createHarnessStore();
    store.getState().setConnection('connected');
    store.getState().markStreamLive('2026-01-01T00:00:01.000Z');
    expect(selectStreamLiveSince(store.getState())).toBe('2026-01-01T00:00:01.000Z');

    store.getState().setConnection('connected');
    expect(selectStreamLiveSince(store.getState())).toBe('2026-01-01T00:00:01.000Z');

    store.getState().setConnection('lost');
    expect(selectConnection(store.getState())).toBe('lost');
    expect(selectStreamLiveSince(store.getState())).toBeNull();
  });

  it('counts received events', () => {
    const store = createHarnessStore();
    store.getState().countEvents(2);
    store.getState().countEvents(3);
    expect(store.getState().eventsReceived).toBe(5);
  });
});
