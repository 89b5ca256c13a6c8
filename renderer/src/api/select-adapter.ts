import type { HarnessApi } from '@shared/ipc';
import { err, ok, type Result } from '@shared/result';
import type { Clock } from '@shared/time/clock';
import type { ApiAdapter } from './adapter';
import { createBrowserBridge } from './browser-bridge';
import { createElectronAdapter } from './electron-adapter';

/** What the choice looks at: the page's `window.api` (Electron) and its address (browser mode). */
export interface PageContext {
  readonly api?: HarnessApi;
  readonly location: Pick<Location, 'protocol' | 'host' | 'search'>;
}

/** Dependencies of the browser bridge. */
export interface BridgeDeps {
  readonly clock: Clock;
  readonly random: () => number;
  readonly onProtocolError?: (message: string) => void;
}

/**
 * Picks the adapter at start-up: the preload's `window.api` when it exists (Electron), otherwise
 * the WebSocket bridge to the host that served this page, with the token from the page's URL.
 */
export function selectAdapter(page: PageContext, deps: BridgeDeps): Result<ApiAdapter, string> {
  if (page.api !== undefined) return ok(createElectronAdapter(page.api));
  const token = new URLSearchParams(page.location.search).get('token');
  if (token === null || token === '')
    return err(
      'This page has no access token. Open the exact URL that `a2a web` (or `npm start`) printed: it ends with ?token=…',
    );
  const scheme = page.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return ok(
    createBrowserBridge({
      url: `${scheme}//${page.location.host}/api?token=${encodeURIComponent(token)}`,
      ...deps,
    }),
  );
}
