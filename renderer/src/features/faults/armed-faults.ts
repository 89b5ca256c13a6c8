import { describeFault } from '@shared/ipc';
import type { ArmedFaultKind, ArmedFaultsSnapshot } from '@shared/simulator/control';
import { OUTCOMES } from '@shared/simulator/outcomes';

/** One line of the "Armed faults" list: the fault and what is left of it. */
export interface ArmedFaultItem {
  readonly kind: ArmedFaultKind;
  /** E.g. "BUSY next logins — 6 left". */
  readonly text: string;
}

const PHASE_WORDS = {
  waitingForCard: 'while waiting for the card',
  authorising: 'while authorising',
};

const left = (n: number) => `${n} left`;

/** What remains of one armed kind, in words; undefined when nothing of it is armed. */
const REMAINING: {
  readonly [K in ArmedFaultKind]: (value: ArmedFaultsSnapshot[K]) => string | undefined;
} = {
  busyNextLogins: (count) => (count > 0 ? left(count) : undefined),
  dropNextResponse: (drops) =>
    drops.length === 0
      ? undefined
      : `${left(drops.length)} (${drops.map((c) => c ?? 'any category').join(', ')})`,
  approveThenDrop: (armed) => (armed ? 'the next payment' : undefined),
  restartDuringPayment: (phase) => (phase === null ? undefined : PHASE_WORDS[phase]),
  delayResponses: (delays) => {
    const entries = Object.entries(delays);
    if (entries.length === 0) return undefined;
    return entries
      .map(([category, ms]) => `${category === '*' ? 'every category' : category} ${ms} ms`)
      .join(', ');
  },
  nextPaymentOutcome: (outcome) => (outcome === null ? undefined : OUTCOMES[outcome].meaning),
};

/** The order of the list: the fault bar's. */
const ORDER: readonly ArmedFaultKind[] = [
  'busyNextLogins',
  'dropNextResponse',
  'approveThenDrop',
  'restartDuringPayment',
  'delayResponses',
  'nextPaymentOutcome',
];

/** The armed faults of a simulator snapshot as list lines, in the fault bar's order. */
export function armedFaultItems(armed: ArmedFaultsSnapshot): ArmedFaultItem[] {
  return ORDER.flatMap((kind) => {
    // Each kind reads its own field of the snapshot; TS cannot correlate the two here.
    const remaining = (REMAINING[kind] as (value: unknown) => string | undefined)(armed[kind]);
    return remaining === undefined
      ? []
      : [{ kind, text: `${describeFault(kind).label} — ${remaining}` }];
  });
}
