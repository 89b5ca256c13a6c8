import type { FaultRequest, HarnessFaultName } from '@shared/ipc';
import { err, ok, type Result } from '@shared/result';
import type { PaymentOutcomeOverride, PaymentPhase } from '@shared/simulator/faults';

/** Parameters the user can set before pressing a fault button; numbers as typed. */
export interface FaultParams {
  /** How many Login requests answer BUSY (text of the number box). */
  readonly busyCount: string;
  /** The category whose next response is lost; empty = any category. */
  readonly loseCategory: string;
  /** The payment phase at which the payment app restarts. */
  readonly restartPhase: PaymentPhase;
  /** How late responses arrive, ms (text of the number box). */
  readonly delayMs: string;
  /** The category whose responses are delayed; empty = every category. */
  readonly delayCategory: string;
  /** The outcome the next payment is forced to. */
  readonly nextOutcome: PaymentOutcomeOverride;
  /** How many requests the proxy swallows (text of the number box). */
  readonly ignoreCount: string;
}

export const DEFAULT_FAULT_PARAMS: FaultParams = {
  busyCount: '3',
  loseCategory: 'Payment',
  restartPhase: 'authorising',
  delayMs: '3000',
  delayCategory: '',
  nextOutcome: 'insufficientFunds',
  ignoreCount: '1',
};

/** A whole-number parameter: its field name on screen and the range the simulator accepts. */
export interface NumberParam {
  readonly field: string;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

/**
 * The number parameters and their ranges: the same bounds as shared/simulator's FaultCommand
 * schema (a test holds the two together), said here so the form can name them before sending.
 */
export const NUMBER_PARAMS = {
  busyCount: { field: 'BUSY login count', min: 1, max: 1000, unit: '' },
  delayMs: { field: 'Delay', min: 0, max: 600_000, unit: ' ms' },
  ignoreCount: { field: 'Requests to ignore', min: 1, max: 1000, unit: '' },
} as const satisfies Record<string, NumberParam>;

/** The number typed into a parameter box, or a sentence naming the field and its range. */
export function parseNumberParam(param: NumberParam, text: string): Result<number, string> {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (Number.isInteger(value) && value >= param.min && value <= param.max) return ok(value);
  const range = `${param.min.toLocaleString('en')} to ${param.max.toLocaleString('en')}${param.unit}`;
  return err(`${param.field} must be a whole number from ${range}.`);
}

type RequestFor<F extends HarnessFaultName> = (
  params: FaultParams,
) => Result<FaultRequest & { fault: F }, string>;

/**
 * Each button's `faults:apply` request for the current parameters, one row per fault; a
 * parameter out of range is an error value (the fault is not armed with something else).
 */
export const FAULT_REQUESTS: { readonly [F in HarnessFaultName]: RequestFor<F> } = {
  update: () => ok({ fault: 'update' }),
  restart: () => ok({ fault: 'restart' }),
  restartClient: () => ok({ fault: 'restartClient' }),
  dropLink: () => ok({ fault: 'dropLink', linkId: 'all' }),
  logout: () => ok({ fault: 'logout' }),
  busyNextLogins: (p) => {
    const count = parseNumberParam(NUMBER_PARAMS.busyCount, p.busyCount);
    return count.ok ? ok({ fault: 'busyNextLogins', count: count.value }) : count;
  },
  dropNextResponse: (p) =>
    ok(
      p.loseCategory === ''
        ? { fault: 'dropNextResponse' }
        : { fault: 'dropNextResponse', category: p.loseCategory },
    ),
  approveThenDrop: () => ok({ fault: 'approveThenDrop' }),
  restartDuringPayment: (p) => ok({ fault: 'restartDuringPayment', phase: p.restartPhase }),
  resetSessions: () => ok({ fault: 'resetSessions' }),
  delayResponses: (p) => {
    const ms = parseNumberParam(NUMBER_PARAMS.delayMs, p.delayMs);
    if (!ms.ok) return ms;
    return ok(
      p.delayCategory === ''
        ? { fault: 'delayResponses', ms: ms.value }
        : { fault: 'delayResponses', ms: ms.value, category: p.delayCategory },
    );
  },
  nextPaymentOutcome: (p) => ok({ fault: 'nextPaymentOutcome', outcome: p.nextOutcome }),
  ignoreNextRequests: (p) => {
    const count = parseNumberParam(NUMBER_PARAMS.ignoreCount, p.ignoreCount);
    return count.ok ? ok({ fault: 'ignoreNextRequests', count: count.value }) : count;
  },
  dropUpstreamLink: () => ok({ fault: 'dropUpstreamLink', linkId: 'all' }),
};

/** The fault's request for these parameters, or why it cannot be sent. */
export function faultRequest(
  fault: HarnessFaultName,
  params: FaultParams,
): Result<FaultRequest, string> {
  // The table maps each fault to its own builder; TS cannot correlate the two here.
  return (FAULT_REQUESTS[fault] as RequestFor<HarnessFaultName>)(params);
}

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
