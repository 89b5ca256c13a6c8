import { z } from 'zod';
import { err, ok, type Result } from '../result';

const Ms = z.number().int().min(0).max(86_400_000);
const Count = z.number().int().min(1).max(1000);

/**
 * Every rule of the session manager that a QA engineer may want to bend, with the defaults of
 * DESIGN §7 and README "The reference client's rules". Durations are milliseconds.
 */
export const SessionPolicy = z.strictObject({
  /** Log in as soon as the client starts and after every reconnect. */
  loginOnStart: z.boolean(),
  /** Response timeout of a Login request. */
  loginTimeoutMs: Ms,
  /** Response timeout of a Logout request. */
  logoutTimeoutMs: Ms,
  /** Response timeout of a TransactionStatus request (user status and recovery polls). */
  statusTimeoutMs: Ms,
  /** Response timeout of an Admin request. */
  adminTimeoutMs: Ms,
  /** Response timeout of a Reversal request. */
  reversalTimeoutMs: Ms,
  /** Inactivity timeout of a Payment: restarted by every DisplayRequest or EventNotification. */
  paymentTimeoutMs: Ms,
  /** How long an Abort waits for the aborted payment's end or a notification about it. */
  abortTimeoutMs: Ms,
  /** How long a request waits for an open session before it fails. */
  queueTimeoutMs: Ms,
  /** How many requests may wait for a session at once; more fail at once. */
  queueMaxLength: Count,
  /** Idempotent requests (Login, Logout, TransactionStatus, Admin diagnosis) retried after a timeout. */
  idempotentRetries: z.number().int().min(0).max(10),
  /** First wait after a Login answered Busy. */
  loginBusyInitialDelayMs: Ms,
  /** Longest wait between two Logins answered Busy (the delay doubles up to this). */
  loginBusyMaxDelayMs: Ms,
  /** Login requests per login sequence before giving up on Busy (or on timeouts). */
  loginBusyMaxAttempts: Count,
  /** Reconnect delay ceiling of the first attempt (full jitter: uniform in [0, ceiling]). */
  reconnectInitialDelayMs: Ms,
  /** Largest reconnect delay ceiling. */
  reconnectMaxDelayMs: Ms,
  /** Wait between two TransactionStatus polls while a lost payment is still InProgress/Busy. */
  statusPollIntervalMs: Ms,
  /** Longest status polling, from the first status request of a recovery, before `unknown`. */
  statusPollMaxMs: Ms,
  /** Resend a payment once (new ServiceID, same SaleTransactionID) when status says NotFound. */
  retryUnprocessedPayment: z.boolean(),
});
/** The session manager's rules; see {@link SessionPolicy} for each key. */
export type SessionPolicy = z.infer<typeof SessionPolicy>;

/** The defaults of DESIGN §7, as README "The reference client's rules" lists them. */
export const DEFAULT_POLICY: SessionPolicy = {
  loginOnStart: true,
  loginTimeoutMs: 10_000,
  logoutTimeoutMs: 10_000,
  statusTimeoutMs: 10_000,
  adminTimeoutMs: 30_000,
  reversalTimeoutMs: 60_000,
  paymentTimeoutMs: 120_000,
  abortTimeoutMs: 10_000,
  queueTimeoutMs: 60_000,
  queueMaxLength: 100,
  idempotentRetries: 1,
  loginBusyInitialDelayMs: 1_000,
  loginBusyMaxDelayMs: 8_000,
  loginBusyMaxAttempts: 6,
  reconnectInitialDelayMs: 250,
  reconnectMaxDelayMs: 5_000,
  statusPollIntervalMs: 2_000,
  statusPollMaxMs: 90_000,
  retryUnprocessedPayment: true,
};

/** The policy keys, in declaration order (for help texts and the settings UI). */
export const POLICY_KEYS = Object.keys(SessionPolicy.shape) as (keyof SessionPolicy)[];

/** Validates a partial policy from an untrusted source (IPC, a scenario file). */
export const PartialSessionPolicy = SessionPolicy.partial();

/** `DEFAULT_POLICY` with `overrides` applied. */
export function resolvePolicy(overrides: Partial<SessionPolicy> = {}): SessionPolicy {
  return { ...DEFAULT_POLICY, ...overrides };
}

function isPolicyKey(key: string): key is keyof SessionPolicy {
  return (POLICY_KEYS as string[]).includes(key);
}

/** Reads one textual value as the type the key's schema wants (boolean or number). */
function coerce(key: keyof SessionPolicy, text: string): unknown {
  if (typeof DEFAULT_POLICY[key] === 'boolean') {
    if (text === 'true' || text === 'on' || text === '1') return true;
    if (text === 'false' || text === 'off' || text === '0') return false;
    return text;
  }
  return text.trim() === '' ? text : Number(text);
}

/**
 * Parses `KEY=VALUE` assignments (as given to `a2a exec --policy`) into a validated partial
 * policy, e.g. `["paymentTimeoutMs=3000", "retryUnprocessedPayment=false"]`. The error names
 * the offending assignment and, for an unknown key, the known ones.
 */
export function parsePolicyAssignments(
  pairs: readonly string[],
): Result<Partial<SessionPolicy>, string> {
  const raw: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return err(`policy "${pair}" is not KEY=VALUE`);
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (!isPolicyKey(key)) {
      return err(`unknown policy key "${key}" (known: ${POLICY_KEYS.join(', ')})`);
    }
    raw[key] = coerce(key, value);
  }
  const parsed = PartialSessionPolicy.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    return err(`policy ${key}=${String(raw[key])}: ${issue?.message ?? 'invalid'}`);
  }
  return ok(parsed.data);
}
