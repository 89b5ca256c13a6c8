import { timingSafeEqual } from 'node:crypto';

/** The decision on one upgrade request to `/api`. */
export type AccessDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly status: 401 | 403 | 404; readonly reason: string };

/** What the host knows about one upgrade request. */
export interface UpgradeRequest {
  readonly pathname: string;
  readonly token: string | null;
  /** The `Origin` header; browsers always send it, non-browser tools usually do not. */
  readonly origin: string | null;
}

/** The origins a page served by this host can have: its own address, by IP or by `localhost`. */
export function ownOrigins(host: string, port: number): readonly string[] {
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return [...new Set([`http://${hostPart}:${port}`, `http://localhost:${port}`])];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  // Compared in constant time so the token cannot be guessed byte by byte from response times.
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Decides whether a WebSocket upgrade may reach the HarnessApi. A foreign `Origin` is refused
 * (403) even with the right token, because a page from elsewhere must never drive the harness
 * (cross-site WebSocket hijacking); a missing or wrong token is 401. Requests without `Origin`
 * come from non-browser tools and need only the token.
 */
export function decideUpgrade(
  request: UpgradeRequest,
  expectedToken: string,
  origins: readonly string[],
): AccessDecision {
  if (request.pathname !== '/api') return { allowed: false, status: 404, reason: 'not found' };
  if (request.origin !== null && !origins.includes(request.origin))
    return { allowed: false, status: 403, reason: 'foreign Origin' };
  if (request.token === null || !sameSecret(request.token, expectedToken))
    return { allowed: false, status: 401, reason: 'missing or wrong token' };
  return { allowed: true };
}
