import { describe, expect, it } from 'vitest';
import { buildHarnessApi, type ApiResult, type HarnessEvent, type HarnessMode } from '@shared/ipc';
import type { ApiAdapter, ConnectionState } from '../../api/adapter';
import { DEFAULT_WINDOW_SETTINGS, type WindowSettings } from '@shared/settings/window-settings';
import { createHarnessStore } from '../../store/harness-store';
import { loadAppInfo, startHarness } from './commands';

const info = {
  productName: 'App2App Harness',
  version: '9.9.9',
  startedAt: '2026-01-01T00:00:00.000Z',
  mode: 'browser',
} as const;

/**
 * An adapter whose connection states and answers the test drives by hand; the shared api builder
 * makes it the same HarnessApi shape the real adapters expose.
 */
function scriptedAdapter(
  answers: ApiResult<unknown>[],
  mode: HarnessMode = 'browser',
  settings: ApiResult<WindowSettings> = { ok: true, value: DEFAULT_WINDOW_SETTINGS },
) {
  let report: (state: ConnectionState) => void = () => undefined;
  const batchListeners = new Set<(payload: unknown) => void>();
  let calls = 0;
  let disposed = false;
  const adapter: ApiAdapter = {
    mode,
    api: buildHarnessApi({
      call: (channel) => {
        if (channel === 'settings:get') return Promise.resolve(settings);
        calls++;
        return Promise.resolve(answers.shift() ?? { ok: true, value: info });
      },
      subscribe: (_channel, listener) => {
        batchListeners.add(listener);
        return () => batchListeners.delete(listener);
      },
    }),
    connect: (onState) => (report = onState),
    dispose: () => (disposed = true),
  };
  return {
    adapter,
    setState: (state: ConnectionState) => report(state),
    push: (batch: readonly HarnessEvent[]) => batchListeners.forEach((l) => l(batch)),
    calls: () => calls,
    listeners: () => batchListeners.size,
    disposed: () => disposed,
  };
}

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('startHarness', () => {
  it('asks the core for its info on every connection and becomes ready', async () => {
    const store = createHarnessStore();
    const script = scriptedAdapter([]);
    startHarness(script.adapter, store);
    expect(store.getState().mode).toBe('browser');

    script.setState('connecting');
    expect(script.calls()).toBe(0);
    script.setState('connected');
    await settle();

    expect(store.getState().appState).toBe('ready');
    expect(store.getState().appInfo).toEqual(info);

    script.setState('lost');
    script.setState('reconnecting');
    script.setState('connected');
    await settle();
    expect(script.calls()).toBe(2);
    expect(store.getState().connection).toBe('connected');
  });

  it('feeds event batches into the store through the event bridge', () => {
    const store = createHarnessStore();
    const script = scriptedAdapter([]);
    startHarness(script.adapter, store);
    script.setState('connected');

    script.push([{ type: 'hello', at: '2026-01-01T00:00:02.000Z', runId: 'run-1', lastSeq: 0 }]);

    expect(store.getState().streamLiveSince).toBe('2026-01-01T00:00:02.000Z');
    expect(store.getState().eventsReceived).toBe(1);
  });

  it('unsubscribes and disposes the adapter when stopped', () => {
    const script = scriptedAdapter([]);
    const stop = startHarness(script.adapter, createHarnessStore());
    expect(script.listeners()).toBe(1);
    stop();
    expect(script.listeners()).toBe(0);
    expect(script.disposed()).toBe(true);
  });
});

describe('loadAppInfo', () => {
  it('applies the remembered theme and pane sizes before the workspace shows', async () => {
    const store = createHarnessStore();
    const remembered = {
      theme: 'dark',
      paneLayout: { details: 0, timeline: 70, tools: 30 },
    } as const;
    const script = scriptedAdapter([], 'browser', { ok: true, value: remembered });
    let atReady: unknown;
    store.subscribe((s, before) => {
      if (s.appState === 'ready' && before.appState !== 'ready')
        atReady = { theme: s.theme, paneLayout: s.paneLayout };
    });
    await loadAppInfo(script.adapter.api, store);
    expect(atReady).toEqual(remembered);
  });

  it('keeps the window as it is when settings come again on a reconnect', async () => {
    const store = createHarnessStore();
    const script = scriptedAdapter([], 'browser', {
      ok: true,
      value: { theme: 'dark', paneLayout: null },
    });
    await loadAppInfo(script.adapter.api, store);
    store.getState().setTheme('light');
    await loadAppInfo(script.adapter.api, store);
    expect(store.getState().theme).toBe('light');
  });

  it('starts with the defaults when the core cannot give the settings', async () => {
    const store = createHarnessStore();
    const script = scriptedAdapter([], 'browser', {
      ok: false,
      error: { kind: 'internal', message: 'broken' },
    });
    await loadAppInfo(script.adapter.api, store);
    expect(store.getState().appState).toBe('ready');
    expect(store.getState().theme).toBe('system');
  });

  it('treats a dropped connection as "ask again later", not as a failure', async () => {
    const store = createHarnessStore();
    const script = scriptedAdapter([
      { ok: false, error: { kind: 'disconnected', message: 'gone' } },
    ]);
    await loadAppInfo(script.adapter.api, store);
    expect(store.getState().appState).toBe('connecting');
  });

  it('fails the start-up, saying why, on any other error', async () => {
    const store = createHarnessStore();
    const script = scriptedAdapter([
      { ok: false, error: { kind: 'forbidden', message: 'not you' } },
    ]);
    await loadAppInfo(script.adapter.api, store);
    expect(store.getState().appState).toBe('error');
    expect(store.getState().startupError).toBe('The harness core did not say who it is: not you');
  });
});
