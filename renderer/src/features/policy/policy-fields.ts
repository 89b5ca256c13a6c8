import { SessionPolicy } from '@shared/session/policy';

/** How the policy form names each rule; a new policy key without a label fails the typecheck. */
export const POLICY_LABELS: Readonly<Record<keyof SessionPolicy, string>> = {
  loginOnStart: 'Log in at start',
  loginTimeoutMs: 'Login timeout (ms)',
  logoutTimeoutMs: 'Logout timeout (ms)',
  statusTimeoutMs: 'TransactionStatus timeout (ms)',
  adminTimeoutMs: 'Admin timeout (ms)',
  reversalTimeoutMs: 'Reversal timeout (ms)',
  paymentTimeoutMs: 'Payment inactivity timeout (ms)',
  abortTimeoutMs: 'Abort timeout (ms)',
  queueTimeoutMs: 'Wait for a session (ms)',
  queueMaxLength: 'Requests waiting at most',
  idempotentRetries: 'Retries of idempotent requests',
  loginBusyInitialDelayMs: 'First BUSY backoff (ms)',
  loginBusyMaxDelayMs: 'Longest BUSY backoff (ms)',
  loginBusyMaxAttempts: 'Login attempts on BUSY',
  reconnectInitialDelayMs: 'First reconnect delay (ms)',
  reconnectMaxDelayMs: 'Longest reconnect delay (ms)',
  statusPollIntervalMs: 'Status poll interval (ms)',
  statusPollMaxMs: 'Status polling at most (ms)',
  retryUnprocessedPayment: 'Resend a payment status says NotFound',
};

/** The form's values: numbers as typed text, booleans as they are. */
export type PolicyDraft = { readonly [K in keyof SessionPolicy]: string | boolean };

export function draftOf(policy: SessionPolicy): PolicyDraft {
  const draft: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(policy))
    draft[key] = typeof value === 'boolean' ? value : String(value);
  return draft as PolicyDraft;
}

/** The keys whose draft differs from the policy in force, with their typed values (not validated). */
export function changesOf(policy: SessionPolicy, draft: PolicyDraft): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(policy) as (keyof SessionPolicy)[]) {
    const before = policy[key];
    const value = draft[key];
    const typed =
      typeof before === 'boolean'
        ? value === true
        : String(value).trim() === ''
          ? NaN
          : Number(value);
    if (typed !== before) changes[key] = typed;
  }
  return changes;
}

const numberFormat = new Intl.NumberFormat('en');

/**
 * What the form says about a value the policy refuses: the rule's name and the range it allows,
 * read from the policy's own schema (the label carries the unit).
 */
export function describePolicyProblem(key: keyof SessionPolicy): string {
  const schema = SessionPolicy.shape[key];
  if (schema.type !== 'number') return `${POLICY_LABELS[key]} must be on or off.`;
  const { minValue, maxValue } = schema;
  return minValue === null || maxValue === null
    ? `${POLICY_LABELS[key]} must be a whole number.`
    : `${POLICY_LABELS[key]} must be a whole number from ${numberFormat.format(minValue)} to ${numberFormat.format(maxValue)}.`;
}
