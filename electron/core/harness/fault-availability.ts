import {
  describeFault,
  HARNESS_FAULT_NAMES,
  type FaultAvailability,
  type HarnessFaultName,
  type HarnessRole,
  type PeerTarget,
} from '@shared/ipc';
import type { Wire } from '@shared/link/endpoint';
import { NOT_IN_PROXY } from '@shared/proxy/faults';
import { notOnPair } from '@shared/proxy/pairs';

/** What decides whether a fault can apply now. */
export interface FaultContext {
  readonly role: HarnessRole;
  readonly peer: PeerTarget | null;
  /** The embedded simulator runs (and listens). */
  readonly simulator: boolean;
  /** A session manager runs (client role, connected). */
  readonly connected: boolean;
  /** The proxy runs (proxy role, listening). */
  readonly proxy?: boolean;
  /** Proxy role: the wire the POS connects on (an HTTP pair has no terminal link to drop). */
  readonly proxyListen?: Wire;
}

/**
 * Why a payment-app fault cannot apply, or undefined when it can. In proxy role the proxy plays
 * the faults whose meaning holds in the middle (README "The proxy role"); the others need a
 * payment application of our own.
 */
function simulatorBlocker(fault: HarnessFaultName, context: FaultContext): string | undefined {
  if (context.role === 'proxy') {
    const notHere = (NOT_IN_PROXY as Readonly<Partial<Record<string, string>>>)[fault];
    if (notHere !== undefined) return `not in proxy role: ${notHere}`;
    return context.proxy === true ? undefined : 'the proxy is not listening';
  }
  if (context.role === 'client' && context.peer?.kind === 'external')
    return `simulator faults need the embedded simulator; the peer is external (${context.peer.url})`;
  if (!context.simulator) return 'the simulator is not running';
  return undefined;
}

/** Why client-side faults cannot apply, or undefined when they can. */
function clientBlocker(context: FaultContext): string | undefined {
  if (context.role !== 'client')
    return `a POS-side fault: in ${context.role} role the POS is external and the harness cannot restart or log it out`;
  if (!context.connected) return 'the POS side is not connected (connect to a peer first)';
  return undefined;
}

/** Why a fault of the middle cannot apply, or undefined when it can. */
function proxyBlocker(fault: HarnessFaultName, context: FaultContext): string | undefined {
  if (context.role !== 'proxy')
    return 'a fault of the middle: it needs proxy role, between a real POS and a real terminal';
  const notHere =
    context.proxyListen === undefined
      ? undefined
      : (notOnPair(context.proxyListen) as Readonly<Partial<Record<string, string>>>)[fault];
  if (notHere !== undefined) return `not on these wires: ${notHere}`;
  return context.proxy === true ? undefined : 'the proxy is not listening';
}

/** Every fault of the panel, enabled or disabled with the reason, in display order. */
export function faultAvailability(context: FaultContext): readonly FaultAvailability[] {
  return HARNESS_FAULT_NAMES.map((fault) => {
    const { label, description, side } = describeFault(fault);
    const reason =
      side === 'simulator'
        ? simulatorBlocker(fault, context)
        : side === 'client'
          ? clientBlocker(context)
          : proxyBlocker(fault, context);
    return reason === undefined
      ? { fault, label, description, enabled: true }
      : { fault, label, description, enabled: false, reason };
  });
}
