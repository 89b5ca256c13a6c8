import { parseEndpoint, type Endpoint } from '@shared/link/endpoint';
import { ok, type Result } from '@shared/result';
import type { Clock } from '@shared/time/clock';
import type { Dialer } from './link';
import { localApiDialer } from './local-api-link';
import type { NexoKeySettings } from './nexo-crypto';
import { tcpDialer } from './tcp-link';
import { terminalApiDialer } from './terminal-api-link';
import { wsDialer } from './ws-link';

/** What any dialer may be told, whatever its wire. */
export interface DialOptions {
  /** Prefix of the link ids (`pos-1`, `pos-2`, ...). */
  readonly idPrefix?: string;
  /** Real-time limit of opening the connection (handshake included), in ms. */
  readonly connectTimeoutMs?: number;
  /** Runs the Local API's polling pauses (default: real time). */
  readonly clock?: Clock;
  /** The Local API's pause between polls after 201 or 204. */
  readonly pollIntervalMs?: number;
  /** The Terminal API wire's trust and key (README "Terminal API wire"); other wires ignore it. */
  readonly terminalApi?: TerminalApiOptions;
}

/** `--ca FILE`, `--insecure` and the NexoCrypto key, for the Terminal API wire. */
export interface TerminalApiOptions {
  readonly caFile?: string;
  readonly insecure?: boolean;
  readonly key?: NexoKeySettings;
}

/**
 * The one way every caller (harness runtime, scenario peer, `a2a exec`, `a2a run`, bench) reaches
 * a payment application: the endpoint's wire picks the transport (DESIGN §5, README "Wires"). A
 * new wire is a new file and a new case here, never a new branch in a caller.
 */
export function dialerFor(endpoint: Endpoint, options: DialOptions = {}): Dialer {
  switch (endpoint.wire) {
    case 'ws':
      return wsDialer(endpoint.url, {
        ...(options.idPrefix === undefined ? {} : { idPrefix: options.idPrefix }),
        ...(options.connectTimeoutMs === undefined
          ? {}
          : { handshakeTimeoutMs: options.connectTimeoutMs }),
      });
    case 'tcp':
      return tcpDialer(endpoint.host, endpoint.port, options);
    case 'local-api':
      return localApiDialer(endpoint, options);
    case 'terminal-api':
      return terminalApiDialer(endpoint, {
        ...options.terminalApi,
        ...(options.idPrefix === undefined ? {} : { idPrefix: options.idPrefix }),
        ...(options.connectTimeoutMs === undefined
          ? {}
          : { connectTimeoutMs: options.connectTimeoutMs }),
      });
  }
}

/** {@link dialerFor} for an endpoint still in its text form; a text that is no endpoint is an error value. */
export function dialerForUrl(url: string, options: DialOptions = {}): Result<Dialer, string> {
  const endpoint = parseEndpoint(url);
  return endpoint.ok ? ok(dialerFor(endpoint.value, options)) : endpoint;
}
