import type { HarnessApi } from '@shared/ipc';
import type { ApiAdapter } from '../../api/adapter';
import { connectEventStream } from '../../api/event-bridge';
import type { HarnessStore } from '../../store/harness-store';

/**
 * Asks the core who it is, and what the window looked like when it was last used (theme, pane
 * sizes: README "Remembered window settings"), before the workspace shows. A dropped connection
 * is not a start-up failure (the shell asks again when it reconnects); any other error of
 * `app:info` is. Settings the core cannot give leave the defaults.
 */
export async function loadAppInfo(api: HarnessApi, store: HarnessStore): Promise<void> {
  const [result, settings] = await Promise.all([api.app.info(), api.settings.get()]);
  if (settings.ok && store.getState().appState !== 'ready')
    store.getState().applyWindowSettings(settings.value);
  if (result.ok) store.getState().setAppInfo(result.value);
  else if (result.error.kind !== 'disconnected')
    store.getState().failStartup(`The harness core did not say who it is: ${result.error.message}`);
}

/**
 * Starts the shell on an adapter: the event stream feeds the store, connection states are shown,
 * and every (re)connection asks the core for its info. Returns the function that stops it all.
 */
export function startHarness(adapter: ApiAdapter, store: HarnessStore): () => void {
  store.getState().setMode(adapter.mode);
  const stopEvents = connectEventStream(adapter.api, store);
  adapter.connect((state) => {
    store.getState().setConnection(state);
    if (state === 'connected') void loadAppInfo(adapter.api, store);
  });
  return () => {
    stopEvents();
    adapter.dispose();
  };
}
