import { WIRE_LABELS, type Wire } from '../link/endpoint';
import { err, ok, type Result } from '../result';
import type { ProxyFaultName } from './faults';

/** Wires whose messages stream both ways on one open connection. */
const STREAMING: ReadonlySet<Wire> = new Set<Wire>(['ws', 'tcp']);

/** Request/answer wires: each maps onto itself only, exchange for exchange. */
const HTTP: ReadonlySet<Wire> = new Set<Wire>(['local-api', 'terminal-api']);

/** The pairs the proxy can join, in words, for the error that refuses another pair. */
export const SUPPORTED_PAIRS =
  'WebSocket or nexo over TCP on either side, in any mix; Local API (HTTP) to Local API; Terminal API (HTTPS) to Terminal API';

/**
 * Whether the proxy can stand between a POS on `listen` and a terminal on `upstream` (README "The
 * proxy role"). Streaming wires translate into each other frame for frame. An HTTP wire's
 * exchange (a POST answered later by polls, or in its own response) has a shape only the same
 * HTTP wire gives back, so an HTTP wire pairs with itself and nothing else.
 */
export function checkProxyPair(listen: Wire, upstream: Wire): Result<void, string> {
  if (STREAMING.has(listen) && STREAMING.has(upstream)) return ok(undefined);
  if (HTTP.has(listen) && listen === upstream) return ok(undefined);
  return err(
    `the proxy cannot join ${WIRE_LABELS[listen]} (POS side) to ${WIRE_LABELS[upstream]} (terminal side); supported: ${SUPPORTED_PAIRS}`,
  );
}

/**
 * Faults of the middle that mean nothing on an HTTP pair: neither HTTP wire keeps a link to the
 * terminal (the session there is the POS's SaleID, DESIGN §5), so a cut connection between the
 * proxy and the terminal is nothing the terminal or the POS would notice.
 */
export const NOT_ON_HTTP_PAIRS: Readonly<Partial<Record<ProxyFaultName, string>>> = {
  dropUpstreamLink:
    "the HTTP wires keep no link to the terminal (its session is the POS's SaleID); use 'Drop link' to cut the POS",
};

/** The faults of the middle a pair cannot carry, by the wire the POS connects on, with the reason. */
export function notOnPair(listen: Wire): Readonly<Partial<Record<ProxyFaultName, string>>> {
  return HTTP.has(listen) ? NOT_ON_HTTP_PAIRS : {};
}
