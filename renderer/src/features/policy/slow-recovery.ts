import type { OpInFlight } from '@shared/ipc';
import type { SessionPolicy } from '@shared/session/policy';
import { timingPresetOf } from '@shared/session/timing-presets';

/** Waits at least this long are worth a hint: a QA engineer would think the window hung. */
export const SLOW_WAIT_MS = 15_000;

/** The armed faults that lose a response (fields of the simulator's armed-faults snapshot). */
export interface ArmedLosses {
  readonly approveThenDrop: boolean;
  readonly dropNextResponse: readonly (string | null)[];
}

/** What the hint is worked out from: the policy, the simulator's armed faults, the operations. */
export interface SlowRecoveryInput {
  readonly policy: SessionPolicy | null;
  readonly armed: ArmedLosses | null;
  readonly ops: readonly OpInFlight[];
}

/** "2 min", "90 s": a wait as a person says it. */
export function formatWait(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 120 && seconds % 60 === 0
    ? `${String(seconds / 60)} min`
    : `${String(seconds)} s`;
}

/** The timeout that decides when a response an armed fault loses is given up on. */
function armedLossWait(policy: SessionPolicy, armed: ArmedLosses | null): number {
  if (armed === null) return 0;
  const waits: number[] = [];
  if (armed.approveThenDrop) waits.push(policy.paymentTimeoutMs);
  for (const category of armed.dropNextResponse) {
    if (category === 'Login') waits.push(policy.loginTimeoutMs);
    else if (category === 'TransactionStatus') waits.push(policy.statusTimeoutMs);
    else if (category === 'Reversal') waits.push(policy.reversalTimeoutMs);
    else if (category === 'Admin') waits.push(policy.adminTimeoutMs);
    // A payment's (or any category's) lost answer waits for the longest of the usual ones.
    else waits.push(policy.paymentTimeoutMs);
  }
  return Math.max(0, ...waits);
}

/**
 * The hint near a slow recovery (README "Timing presets"): when a lost response will only be
 * noticed after a long timeout (an armed fault that loses one, or an operation waiting long), it
 * says how long and where to shorten it. Null when nothing is slow or "Fast for QA" is in force.
 */
export function slowRecoveryHint({ policy, armed, ops }: SlowRecoveryInput): string | null {
  if (policy === null || timingPresetOf(policy) === 'fastQa') return null;
  const wait = Math.max(armedLossWait(policy, armed), ...ops.map((op) => op.remainingMs ?? 0));
  if (wait < SLOW_WAIT_MS) return null;
  return `A lost answer is given up on only after ${formatWait(wait)}. To recover in seconds, choose "Fast for QA" under Session policy → Timings.`;
}
