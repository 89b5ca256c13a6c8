import type { FaultRequest, HarnessFaultName } from '@shared/ipc';
import type { PaymentOutcomeOverride, PaymentPhase } from '@shared/simulator/faults';

/** Parameters the user can set before pressing a fault button. */
export interface FaultParams {
  /** How many Login requests answer BUSY. */
  readonly busyCount: number;
  /** The category whose next response is lost; empty = any category. */
  readonly loseCategory: string;
  /** The payment phase at which the payment app restarts. */
  readonly restartPhase: PaymentPhase;
  /** How late responses arrive, ms. */
  readonly delayMs: number;
  /** The category whose responses are delayed; empty = every category. */
  readonly delayCategory: string;
  /** The outcome the next payment is forced to. */
  readonly nextOutcome: PaymentOutcomeOverride;
}

export const DEFAULT_FAULT_PARAMS: FaultParams = {
  busyCount: 3,
  loseCategory: 'Payment',
  restartPhase: 'authorising',
  delayMs: 3000,
  delayCategory: '',
  nextOutcome: 'insufficientFunds',
};

/** Each button's `faults:apply` request for the current parameters, one row per fault. */
export const FAULT_REQUESTS: {
  readonly [F in HarnessFaultName]: (params: FaultParams) => FaultRequest & { fault: F };
} = {
  update: () => ({ fault: 'update' }),
  restart: () => ({ fault: 'restart' }),
  restartClient: () => ({ fault: 'restartClient' }),
  dropLink: () => ({ fault: 'dropLink', linkId: 'all' }),
  logout: () => ({ fault: 'logout' }),
  busyNextLogins: (p) => ({ fault: 'busyNextLogins', count: p.busyCount }),
  dropNextResponse: (p) =>
    p.loseCategory === ''
      ? { fault: 'dropNextResponse' }
      : { fault: 'dropNextResponse', category: p.loseCategory },
  approveThenDrop: () => ({ fault: 'approveThenDrop' }),
  restartDuringPayment: (p) => ({ fault: 'restartDuringPayment', phase: p.restartPhase }),
  resetSessions: () => ({ fault: 'resetSessions' }),
  delayResponses: (p) =>
    p.delayCategory === ''
      ? { fault: 'delayResponses', ms: p.delayMs }
      : { fault: 'delayResponses', ms: p.delayMs, category: p.delayCategory },
  nextPaymentOutcome: (p) => ({ fault: 'nextPaymentOutcome', outcome: p.nextOutcome }),
};

/** Categories offered for the faults that aim at one category (empty = any). */
export const RESPONSE_CATEGORIES: readonly string[] = [
  'Payment',
  'Login',
  'TransactionStatus',
  'Reversal',
  'Abort',
  'Logout',
  'Admin',
  '',
];
