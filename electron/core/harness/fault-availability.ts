import {
  describeFault,
  HARNESS_FAULT_NAMES,
  type FaultAvailability,
  type HarnessRole,
  type PeerTarget,
} from '@shared/ipc';

/** What decides whether a fault can apply now. */
export interface FaultContext {
  readonly role: HarnessRole;
  readonly peer: PeerTarget | null;
  /** The embedded simulator runs (and listens). */
  readonly simulator: boolean;
  /** A session manager runs (client role, connected). */
  readonly connected: boolean;
}

/** Why simulator faults cannot apply, or undefined when they can. */
function simulatorBlocker(context: FaultContext): string | undefined {
  if (context.role === 'client' && context.peer?.kind === 'external')
    return `simulator faults need the embedded simulator; the peer is external (${context.peer.url})`;
  if (!context.simulator) return 'the simulator is not running';
  return undefined;
}

/** Why client-side faults cannot apply, or undefined when they can. */
function clientBlocker(context: FaultContext): string | undefined {
  if (context.role === 'terminal')
    return 'a POS-side fault: in terminal role the POS is external and the harness cannot restart or log it out';
  if (!context.connected) return 'the POS side is not connected (connect to a peer first)';
  return undefined;
}

/** Every fault of the panel, enabled or disabled with the reason, in display order. */
export function faultAvailability(context: FaultContext): readonly FaultAvailability[] {
  const blockers = { simulator: simulatorBlocker(context), client: clientBlocker(context) };
  return HARNESS_FAULT_NAMES.map((fault) => {
    const { label, description, side } = describeFault(fault);
    const reason = blockers[side];
    return reason === undefined
      ? { fault, label, description, enabled: true }
      : { fault, label, description, enabled: false, reason };
  });
}
