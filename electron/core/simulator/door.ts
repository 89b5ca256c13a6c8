import { timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '@shared/result';

/**
 * Who may talk to the simulator (README "Who may talk to the simulator"): the checks every
 * front that accepts a POS over HTTP applies before it hands the POS a link, and the control
 * API applies to every request. Pure decisions on the request's headers; the front turns a
 * refusal into its wire's answer and logs the reason.
 */

/** The headers a check reads, as Node's `IncomingMessage` carries them. */
export interface DoorRequest {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The request target (path and query), for a `?token=` credential. */
  readonly url?: string | undefined;
}

/** What a front lets in. */
export interface DoorPolicy {
  /** The address the front listens on (`127.0.0.1` by default). */
  readonly listenHost: string;
  /** The port it listens on (known once it listens). */
  readonly port: number;
  /** Origins a browser page may connect from (`--allow-origin`); requests without Origin pass. */
  readonly allowOrigins: readonly string[];
  /** The shared secret a POS must present (`--link-token`); none when undefined. */
  readonly linkToken?: string | undefined;
}

/** A refused request: the HTTP status a front answers with, and why. */
export interface DoorRefusal {
  readonly status: 401 | 403 | 421;
  readonly reason: string;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS: ReadonlySet<string> = new Set(['0.0.0.0', '::', '[::]']);

function header(request: DoorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : value?.[0];
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

/**
 * The `Host` values that name this front: `host:port` for the address it listens on, and for a
 * loopback address every loopback spelling (`127.0.0.1`, `localhost`, `[::1]`) with the port.
 */
export function acceptedHosts(listenHost: string, port: number): readonly string[] {
  const own =
    listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost;
  const names = isLoopback(listenHost) ? [own, ...LOOPBACK_NAMES] : [own];
  return [...new Set(names.map((name) => `${name.toLowerCase()}:${String(port)}`))];
}

/**
 * A `Host` that is not this front's address means the request was meant for another site
 * (DNS rebinding: a foreign name resolved to this machine), so it is refused with 421.
 */
export function checkHost(request: DoorRequest, policy: DoorPolicy): Result<void, DoorRefusal> {
  const host = header(request, 'host')?.toLowerCase();
  if (host === undefined) return err({ status: 421, reason: 'no Host header' });
  // Bound to every interface (`--host 0.0.0.0`), any name may reach it by design; the link
  // token is what guards it then.
  if (WILDCARDS.has(policy.listenHost)) return ok(undefined);
  if (acceptedHosts(policy.listenHost, policy.port).includes(host)) return ok(undefined);
  return err({ status: 421, reason: `foreign Host "${host.slice(0, 100)}"` });
}

/** The origin form (`scheme://host[:port]`) of an `--allow-origin` value, or an error. */
export function normaliseOrigin(text: string): Result<string, string> {
  try {
    const url = new URL(text);
    if (url.origin === 'null') return err(`"${text}" has no origin (use scheme://host[:port])`);
    return ok(url.origin);
  } catch {
    return err(`"${text}" is not an origin (use scheme://host[:port])`);
  }
}

/**
 * Browsers send `Origin` on every WebSocket upgrade; a POS written in Node, Java or Kotlin
 * sends none. A page may reach a loopback port from the user's browser, so a request with an
 * Origin passes only when that origin was allowed.
 */
export function checkOrigin(request: DoorRequest, policy: DoorPolicy): Result<void, DoorRefusal> {
  const origin = header(request, 'origin');
  if (origin === undefined) return ok(undefined);
  const normalised = normaliseOrigin(origin);
  if (normalised.ok && policy.allowOrigins.includes(normalised.value)) return ok(undefined);
  return err({ status: 403, reason: `Origin "${origin.slice(0, 100)}" is not allowed` });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  // Constant time, so the token cannot be guessed byte by byte from response times.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The credential a request presents: `Authorization: Bearer …` or `?token=…`. */
function presentedToken(request: DoorRequest): string | undefined {
  const authorization = header(request, 'authorization');
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(.+)$/i.exec(authorization);
  if (bearer?.[1] !== undefined) return bearer[1].trim();
  try {
    return new URL(request.url ?? '/', 'http://door').searchParams.get('token') ?? undefined;
  } catch {
    return undefined;
  }
}

/** With a link token configured, a POS must present it; without one, nothing is asked. */
export function checkLinkToken(
  request: DoorRequest,
  policy: DoorPolicy,
): Result<void, DoorRefusal> {
  if (policy.linkToken === undefined) return ok(undefined);
  const token = presentedToken(request);
  if (token === undefined) return err({ status: 401, reason: 'no link token' });
  if (!sameSecret(token, policy.linkToken)) return err({ status: 401, reason: 'wrong link token' });
  return ok(undefined);
}

/** Every check a POS's link request passes, in order: Host, Origin, link token. */
export function checkLinkRequest(
  request: DoorRequest,
  policy: DoorPolicy,
): Result<void, DoorRefusal> {
  for (const check of [checkHost, checkOrigin, checkLinkToken]) {
    const verdict = check(request, policy);
    if (!verdict.ok) return verdict;
  }
  return ok(undefined);
}

/** The status line text of a refusal, for fronts that answer with raw HTTP. */
export const REFUSAL_TEXT: Readonly<Record<DoorRefusal['status'], string>> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  421: 'Misdirected Request',
};
