/** How the browser bridge spaces its reconnect attempts. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** Quick first retries (a restarted host is back fast), then every few seconds at most. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 5_000 };

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so many tabs do not hammer a restarted host in lockstep.
 * `random` is uniform in [0, 1).
 */
export function reconnectDelay(
  attempt: number,
  random: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
