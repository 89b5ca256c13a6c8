import {
  PROXY_LISTEN_WIRES,
  type ProxyConfigureRequest,
  type ProxyListenWire,
  type RunInfo,
} from '@shared/ipc';
import { parseEndpoint } from '@shared/link/endpoint';
import { checkProxyPair } from '@shared/proxy/pairs';
import { err, ok, type Result } from '@shared/result';
import { draftsOf, peerSettingsOf, type PeerDraft } from './terminal-api-draft';

/** The proxy role's fields as the user types them. */
export interface ProxyDraft {
  readonly wire: ProxyListenWire;
  readonly port: string;
  readonly upstream: string;
  /** Terminal API pair: how the proxy trusts the terminal, and the key of both legs. */
  readonly terminalApi: PeerDraft;
}

/** Where a terminal usually listens for nexo over TCP (README "Wires"): a useful first guess. */
const EXAMPLE_UPSTREAM = 'tcp://127.0.0.1:7778';

export function isProxyListenWire(wire: string): wire is ProxyListenWire {
  return (PROXY_LISTEN_WIRES as readonly string[]).includes(wire);
}

/** The fields of the current run when it is a proxy run, else the defaults. */
export function proxyDraftOf(run: RunInfo | null): ProxyDraft {
  const proxy = run?.proxy;
  // The key names and trust of the last proxy run; the passphrase is typed again.
  const terminalApi = draftsOf('client', proxy === undefined ? undefined : run?.terminalApi).peer;
  if (proxy === undefined)
    return { wire: 'tcp', port: '0', upstream: EXAMPLE_UPSTREAM, terminalApi };
  return {
    wire: proxy.listen.wire,
    port: String(proxy.listen.port),
    upstream: proxy.upstream,
    terminalApi,
  };
}

/** The configure request of the proxy fields, or what is wrong with them, in one sentence. */
export function proxyRequestOf(draft: ProxyDraft): Result<ProxyConfigureRequest, string> {
  const port = Number(draft.port);
  if (draft.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    return err('The listening port must be a whole number from 0 to 65535 (0 = any free port).');
  const upstream = parseEndpoint(draft.upstream);
  if (!upstream.ok) return err(`The terminal endpoint ${upstream.error}`);
  const pair = checkProxyPair(draft.wire, upstream.value.wire);
  if (!pair.ok) return err(`The ${pair.error}.`);
  const request = {
    role: 'proxy',
    listen: { wire: draft.wire, port },
    upstream: upstream.value.url,
  } as const;
  if (draft.wire !== 'terminal-api') return ok(request);
  const terminalApi = peerSettingsOf(draft.terminalApi);
  if (!terminalApi.ok) return terminalApi;
  return ok(
    Object.keys(terminalApi.value).length === 0
      ? request
      : { ...request, terminalApi: terminalApi.value },
  );
}
