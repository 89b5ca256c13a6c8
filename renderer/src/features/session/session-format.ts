import type { TracedOp } from '@shared/trace/view';

/** Milliseconds as "850 ms", "12.3 s" or "2 min 05 s". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 60_000) return `${(Math.floor(abs / 100) / 10).toFixed(1)} s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = Math.floor((abs % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** Response timeouts by operation name or by nexo category, in ms (from the session policy). */
export type OpTimeouts = Readonly<Record<string, number>>;

/** Which session-policy key bounds each operation of the reference client. */
const POLICY_KEYS: Readonly<Record<string, string>> = {
  login: 'loginTimeoutMs',
  logout: 'logoutTimeoutMs',
  pay: 'paymentTimeoutMs',
  status: 'statusTimeoutMs',
  reverse: 'reversalTimeoutMs',
  abort: 'abortTimeoutMs',
  admin: 'adminTimeoutMs',
};

/**
 * Operation timeouts from a session policy: the live policy, or the `policy` of a trace header
 * in replay (hence the loose record: unknown or non-numeric values are skipped).
 */
export function opTimeoutsFromPolicy(policy: Readonly<Record<string, unknown>>): OpTimeouts {
  const timeouts: Record<string, number> = {};
  for (const [op, key] of Object.entries(POLICY_KEYS)) {
    const value = policy[key];
    if (typeof value === 'number' && Number.isFinite(value)) timeouts[op] = value;
  }
  return timeouts;
}

/**
 * The timeout that bounds an operation in flight: one the operation carried itself
 * (`detail.timeoutMs`), else the policy's value for its name, else for its category.
 */
export function opTimeoutMs(op: TracedOp, timeouts: OpTimeouts): number | undefined {
  const own = op.detail?.timeoutMs;
  if (typeof own === 'number' && Number.isFinite(own)) return own;
  const byName = timeouts[op.name];
  if (byName !== undefined) return byName;
  const category = op.detail?.category;
  return typeof category === 'string' ? timeouts[category] : undefined;
}

/** What the countdown says at trace time `now`. */
export function countdownText(op: TracedOp, timeoutMs: number | undefined, now: number): string {
  if (timeoutMs === undefined) return `running for ${formatDuration(now - op.invokedT)}`;
  const left = op.activityT + timeoutMs - now;
  return left >= 0 ? `${formatDuration(left)} left` : `overdue by ${formatDuration(left)}`;
}
