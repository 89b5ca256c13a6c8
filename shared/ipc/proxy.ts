import type { Wire } from '../link/endpoint';
import type { TerminalApiPeerSettings } from './terminal-api';
import type { ProxyStateSnapshot } from '../proxy/faults';

// zod-free on purpose (like faults.ts): the contract's proxy-role types, kept in their own
// module so the role's additions to the contract stay in one place.

/**
 * The wires the proxy listens on for the POS (README "The proxy role"): the streaming wires, and
 * each HTTP wire toward a terminal on the same wire.
 */
export const PROXY_LISTEN_WIRES = [
  'ws',
  'tcp',
  'local-api',
  'terminal-api',
] as const satisfies readonly Wire[];
export type ProxyListenWire = (typeof PROXY_LISTEN_WIRES)[number];

/** `simulator:configure` in proxy role: where the POS connects and where the terminal is. */
export interface ProxyConfigureRequest {
  readonly role: 'proxy';
  /** The wire and port on 127.0.0.1 the POS connects to (port 0 = any free port). */
  readonly listen: { readonly wire: ProxyListenWire; readonly port: number };
  /** The real terminal's endpoint (`tcp://HOST:PORT`, `ws://HOST:PORT/nexo`). */
  readonly upstream: string;
  /**
   * Terminal API pair: how the proxy trusts the terminal (CA file or insecure) and the NexoCrypto
   * key it opens and seals both legs with.
   */
  readonly terminalApi?: TerminalApiPeerSettings;
}

/** What a run in proxy role says about the proxy (part of `RunInfo`). */
export interface ProxyRunInfo {
  readonly listen: { readonly wire: ProxyListenWire; readonly port: number };
  /** Where the POS connects; null while the proxy does not listen (it could not start). */
  readonly listenUrl: string | null;
  /** The terminal's endpoint as the user gave it. */
  readonly upstream: string;
  /** Terminal API pair: the CA file the POS must trust to reach `listenUrl`. */
  readonly caFile?: string;
}

/** The faults only the proxy can play: they act on the terminal link or on the POS's requests. */
export type ProxyOnlyFaultName = 'dropUpstreamLink' | 'ignoreNextRequests';

/** `faults:apply` requests of the proxy-only faults (same shapes as the proxy's control API). */
export type ProxyOnlyFaultRequest =
  | { readonly fault: 'dropUpstreamLink'; readonly linkId?: string }
  | { readonly fault: 'ignoreNextRequests'; readonly count: number };

/**
 * What the window shows of the proxy while it listens (part of `SimulatorInfo` in proxy role):
 * the faults armed in the middle, and the time the proxy adds per direction (README "Proxy role
 * in the window"), the same figures `GET /control/state` gives.
 */
export interface ProxyInfo {
  readonly faults: ProxyStateSnapshot['faults'];
  readonly latency: ProxyStateSnapshot['latency'];
}
