import { WIRE_LABELS, type Wire } from '../link/endpoint';
import { err, ok, type Result } from '../result';

/** Wires whose messages stream both ways on one open connection. */
const STREAMING: ReadonlySet<Wire> = new Set<Wire>(['ws', 'tcp']);

/** The pairs the proxy can join, in words, for the error that refuses another pair. */
export const SUPPORTED_PAIRS = 'WebSocket or nexo over TCP on either side, in any mix';

/**
 * Whether the proxy can stand between a POS on `listen` and a terminal on `upstream` (README
 * "Proxy role"). Streaming wires translate into each other frame for frame. An HTTP wire's
 * exchanges (a POST answered later by a poll, or in its own response) would map only onto the
 * same HTTP wire, and the proxy does not serve those yet: it says so rather than half-work.
 */
export function checkProxyPair(listen: Wire, upstream: Wire): Result<void, string> {
  if (STREAMING.has(listen) && STREAMING.has(upstream)) return ok(undefined);
  return err(
    `the proxy cannot join ${WIRE_LABELS[listen]} (POS side) to ${WIRE_LABELS[upstream]} (terminal side); supported: ${SUPPORTED_PAIRS}`,
  );
}
