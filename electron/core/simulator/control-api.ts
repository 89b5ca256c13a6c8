import { parseJsonText } from '@shared/protocol';
import type { ProxyStateSnapshot } from '@shared/proxy/faults';
import type { SimulatorStateSnapshot } from '@shared/simulator/control';
import type { Result } from '@shared/result';
import type { LedgerEntry } from '@shared/trace/events';
import { timingSafeEqual } from 'node:crypto';

/**
 * The operations the control API exposes: the simulator's, and the proxy's under the same routes
 * (README "Control API", "Proxy role"), so a script arms faults the same way on either.
 */
export interface ControlTarget {
  state(): SimulatorStateSnapshot | ProxyStateSnapshot;
  ledger(): readonly LedgerEntry[];
  apply(command: unknown): Result<void, string>;
  reset(): void;
}

/** One HTTP request under `/control`, reduced to what the API needs. */
export interface ControlRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** The answer: a status and a JSON body (plus headers where HTTP wants them). */
export interface ControlAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

type Route = (target: ControlTarget, body: string) => ControlAnswer;

const OK: ControlAnswer = { status: 200, body: { ok: true } };

function failure(status: number, error: string, headers?: Record<string, string>): ControlAnswer {
  return { status, body: { error }, ...(headers ? { headers } : {}) };
}

/** Every route, by path and method. */
const ROUTES: Readonly<Record<string, Readonly<Partial<Record<string, Route>>>>> = {
  '/control/state': { GET: (target) => ({ status: 200, body: target.state() }) },
  '/control/ledger': { GET: (target) => ({ status: 200, body: { entries: target.ledger() } }) },
  '/control/faults': {
    POST: (target, body) => {
      const command = parseJsonText(body);
      if (!command.ok)
        return failure(
          400,
          `the body is not JSON (${command.error.message}); send e.g. {"fault":"restart"}`,
        );
      const applied = target.apply(command.value);
      return applied.ok ? OK : failure(400, applied.error);
    },
  },
  '/control/reset': {
    POST: (target) => {
      target.reset();
      return OK;
    },
  },
};

function authorised(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Serves one control request: 401 without the right Bearer token (checked before anything
 * else, so unknown paths reveal nothing), 404 for an unknown path, 405 for a wrong method,
 * 400 for a bad body or fault.
 */
export function handleControl(
  target: ControlTarget,
  token: string,
  request: ControlRequest,
): ControlAnswer {
  if (!authorised(request.authorization, token)) {
    return failure(401, 'missing or wrong token: send Authorization: Bearer <token>', {
      'WWW-Authenticate': 'Bearer realm="a2a-simulator"',
    });
  }
  const route = ROUTES[request.path];
  if (!route) return failure(404, `no such control endpoint: ${request.path}`);
  const handler = route[request.method];
  if (!handler) {
    const allowed = Object.keys(route).join(', ');
    return failure(405, `${request.method} is not allowed on ${request.path}; use ${allowed}`, {
      Allow: allowed,
    });
  }
  return handler(target, request.body);
}
