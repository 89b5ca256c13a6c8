import { describeFault, type HarnessArmedKind } from '@shared/ipc';
import type { ProxyArmedFaults } from '@shared/proxy/faults';
import type { ArmedFaultsSnapshot } from '@shared/simulator/control';
import { OUTCOMES } from '@shared/simulator/outcomes';

/**
 * The faults armed on the payment-app side, as the embedded simulator or (proxy role) the proxy
 * reports them: each has the kinds it can arm, with the same shape where both have one.
 */
export type ArmedSnapshot = ArmedFaultsSnapshot | ProxyArmedFaults;

/** Every kind with its value, whichever side reports it. */
type EveryKind = ArmedFaultsSnapshot & ProxyArmedFaults;

/** One line of the "Armed faults" list: the fault and what is left of it. */
export interface ArmedFaultItem {
  readonly kind: HarnessArmedKind;
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
  readonly [K in HarnessArmedKind]: (value: EveryKind[K]) => string | undefined;
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
  ignoreNextRequests: (count) => (count > 0 ? left(count) : undefined),
};

/** The order of the list: the fault bar's. */
const ORDER: readonly HarnessArmedKind[] = [
  'busyNextLogins',
  'dropNextResponse',
  'approveThenDrop',
  'restartDuringPayment',
  'delayResponses',
  'nextPaymentOutcome',
  'ignoreNextRequests',
];

/** The armed faults of a snapshot as list lines, in the fault bar's order. */
export function armedFaultItems(armed: ArmedSnapshot): ArmedFaultItem[] {
  const values: Partial<EveryKind> = armed;
  return ORDER.flatMap((kind) => {
    // A side reports only the kinds it can arm (the proxy has no restart, the simulator no ignore).
    if (values[kind] === undefined) return [];
    // Each kind reads its own field of the snapshot; TS cannot correlate the two here.
    const remaining = (REMAINING[kind] as (value: unknown) => string | undefined)(values[kind]);
    return remaining === undefined
      ? []
      : [{ kind, text: `${describeFault(kind).label} — ${remaining}` }];
  });
}
