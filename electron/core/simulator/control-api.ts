import { z } from 'zod';
import type { TerminalApiInfo } from '@shared/ipc/terminal-api';
import { nexoKeyRequestSchema } from '@shared/ipc/terminal-api-schemas';
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
  /** The Terminal API key (README "Control API"); absent where there is no Terminal API front to key. */
  readonly terminalApi?: TerminalApiKeyTarget;
}

/** What `/control/terminal-api` reads and sets. */
export interface TerminalApiKeyTarget {
  /** The key names and the requirement in force; never the passphrase. */
  get(): TerminalApiInfo;
  set(settings: TerminalApiKeyBody): void;
}

/**
 * The body of `POST /control/terminal-api`: the whole setting, as `--key-id`, `--key-version`,
 * `--passphrase` and `--require-encryption` give it at start; no `key` means no key.
 */
export const terminalApiKeyBodySchema = z.strictObject({
  key: nexoKeyRequestSchema.optional(),
  requireEncryption: z.boolean().optional(),
});
export type TerminalApiKeyBody = z.infer<typeof terminalApiKeyBodySchema>;

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

const NO_TERMINAL_API: ControlAnswer = {
  status: 404,
  body: { error: 'no Terminal API key here: /control/terminal-api belongs to the simulator' },
};

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
  '/control/terminal-api': {
    GET: (target) =>
      target.terminalApi === undefined
        ? NO_TERMINAL_API
        : { status: 200, body: target.terminalApi.get() },
    POST: (target, body) => {
      if (target.terminalApi === undefined) return NO_TERMINAL_API;
      const json = parseJsonText(body);
      if (!json.ok)
        return failure(
          400,
          `the body is not JSON (${json.error.message}); send e.g. {"key":{"keyIdentifier":"K","keyVersion":1,"passphrase":"…"}}`,
        );
      const settings = terminalApiKeyBodySchema.safeParse(json.value);
      // zod's issues name the field and the rule, never the value, so the passphrase stays out.
      if (!settings.success) return failure(400, z.prettifyError(settings.error));
      target.terminalApi.set(settings.data);
      // The answer says what is now in force, read back: the passphrase is not part of it.
      return { status: 200, body: target.terminalApi.get() };
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
