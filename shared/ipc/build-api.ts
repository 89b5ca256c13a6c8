import { CALL_CHANNELS, PUSH_CHANNELS, pushMethodName, splitChannel } from './channels';
import type { ApiResult, CallChannel, HarnessApi, PushChannel, Unsubscribe } from './contract';

// zod-free on purpose: the sandboxed preload bundles this module.

/**
 * What carries the HarnessApi: Electron IPC in the preload, a WebSocket in browser mode. It only
 * moves payloads; validation happens where untrusted data enters (the core, the bridge).
 */
export interface ApiTransport {
  call(channel: CallChannel, payload: unknown): Promise<ApiResult<unknown>>;
  subscribe(channel: PushChannel, listener: (payload: unknown) => void): Unsubscribe;
}

/**
 * Builds the renderer's {@link HarnessApi} from the channel lists, with no logic of its own:
 * `app:info` becomes `api.app.info(payload?)`, `events:batch` becomes `api.events.onBatch(fn)`.
 * The object holds only plain functions and plain objects, so Electron's contextBridge can copy it.
 */
export function buildHarnessApi(transport: ApiTransport): HarnessApi {
  const api: Record<string, Record<string, unknown>> = {};
  const domain = (name: string): Record<string, unknown> => (api[name] ??= {});
  for (const channel of CALL_CHANNELS) {
    const { domain: d, name } = splitChannel(channel);
    domain(d)[name] = (payload?: unknown) => transport.call(channel, payload);
  }
  for (const channel of PUSH_CHANNELS) {
    const { domain: d } = splitChannel(channel);
    domain(d)[pushMethodName(channel)] = (listener: (payload: unknown) => void) =>
      transport.subscribe(channel, listener);
  }
  // The one cast of the contract: the loops above build exactly the mapped type HarnessApi
  // describes (build-api.test.ts pins the shape against the channel lists).
  return api as unknown as HarnessApi;
}
