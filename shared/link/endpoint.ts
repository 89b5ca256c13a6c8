import { err, ok, type Result } from '../result';

/**
 * The wires a POS and a payment application can talk over (README "Wires"; DESIGN §5). The
 * session rules, the checkers and the simulator's payment logic never see this: only the
 * transport layer does.
 */
export const WIRES = ['ws', 'tcp', 'local-api', 'terminal-api'] as const;
export type Wire = (typeof WIRES)[number];

/** How each wire is named on screen and in messages. */
export const WIRE_LABELS: Readonly<Record<Wire, string>> = {
  ws: 'WebSocket',
  tcp: 'nexo over TCP',
  'local-api': 'Local API (HTTP)',
  'terminal-api': 'Terminal API (HTTPS)',
};

/** A place to reach a payment application, parsed once and shared by every caller. */
export interface Endpoint {
  readonly wire: Wire;
  /** The text as the user gave it, trimmed. */
  readonly url: string;
  /** `ws:`, `wss:`, `tcp:`, `http:` or `https:`. */
  readonly scheme: 'ws:' | 'wss:' | 'tcp:' | 'http:' | 'https:';
  /** Host name or address, IPv6 without brackets. */
  readonly host: string;
  readonly port: number;
  /** Path with its leading slash (`/` when none was given), query excluded. */
  readonly path: string;
  /** The query string with its `?`, or `''`. */
  readonly search: string;
  /** TLS on the wire (`wss:`, `https:`). */
  readonly secure: boolean;
}

const DEFAULT_PORTS: Readonly<Record<Endpoint['scheme'], number | undefined>> = {
  'ws:': 80,
  'wss:': 443,
  'tcp:': undefined,
  'http:': 80,
  'https:': 443,
};

/** scheme://host[:port][/path][?query][#fragment]; host may be a bracketed IPv6 address. */
const URL_SHAPE =
  /^([a-z][a-z0-9+.-]*:)\/\/(\[[0-9a-f:.]+\]|[^\s/?#:[\]@]+)(?::(\d{1,5}))?(\/[^\s?#]*)?(\?[^\s#]*)?(#\S*)?$/i;

/** A Terminal API endpoint ends in `/nexo` (the SDK posts to `/nexo/`). */
function isTerminalApiPath(path: string): boolean {
  return /\/nexo\/?$/.test(path);
}

function wireOf(scheme: Endpoint['scheme'], path: string): Result<Wire, string> {
  switch (scheme) {
    case 'ws:':
    case 'wss:':
      return ok('ws');
    case 'tcp:':
      return path === '/' ? ok('tcp') : err('a tcp:// endpoint has no path (tcp://HOST:PORT)');
    case 'http:':
      return ok(isTerminalApiPath(path) ? 'terminal-api' : 'local-api');
    case 'https:':
      return isTerminalApiPath(path)
        ? ok('terminal-api')
        : err(
            'an https:// endpoint is the Terminal API and ends in /nexo (https://HOST:PORT/nexo)',
          );
  }
}

const SUPPORTED =
  'ws://HOST:PORT/PATH, wss://…, tcp://HOST:PORT, http://HOST:PORT[/PREFIX] (Local API) or https://HOST:PORT/nexo (Terminal API)';

/**
 * Parses an endpoint the user typed. Which wire it selects follows from the scheme and, for
 * HTTP, the path: `ws://`/`wss://` is the WebSocket link, `tcp://HOST:PORT` nexo over TCP,
 * `http://HOST:PORT[/prefix]` Market Pay's Local API, and a path ending in `/nexo` over `http://`
 * or `https://` the Terminal API. Anything else is an error that names the forms supported.
 */
export function parseEndpoint(text: string): Result<Endpoint, string> {
  const url = text.trim();
  const match = URL_SHAPE.exec(url);
  if (!match) return err(`"${text}" is not an endpoint; use ${SUPPORTED}`);
  const scheme = (match[1] ?? '').toLowerCase();
  if (!(scheme in DEFAULT_PORTS)) {
    return err(`"${text}": the scheme ${scheme} is not supported; use ${SUPPORTED}`);
  }
  const known = scheme as Endpoint['scheme'];
  const rawHost = match[2] ?? '';
  const host = rawHost.startsWith('[') ? rawHost.slice(1, -1) : rawHost;
  const portText = match[3];
  const port = portText === undefined ? DEFAULT_PORTS[known] : Number(portText);
  if (port === undefined) return err(`"${text}": a ${known}// endpoint needs a port`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return err(`"${text}": the port must be between 1 and 65535`);
  }
  const path = match[4] ?? '/';
  const wire = wireOf(known, path);
  if (!wire.ok) return err(`"${text}": ${wire.error}`);
  return ok({
    wire: wire.value,
    url,
    scheme: known,
    host,
    port,
    path,
    search: match[5] ?? '',
    secure: known === 'wss:' || known === 'https:',
  });
}

/** What a listening side of the harness serves: `WIRE:PORT` on the command line. */
export interface ListenSpec {
  readonly wire: Wire;
  /** 0 picks a free port. */
  readonly port: number;
}

/** The words `a2a … --listen` accepts for each wire. */
export const LISTEN_WORDS: Readonly<Record<string, Wire>> = {
  ws: 'ws',
  tcp: 'tcp',
  http: 'local-api',
  https: 'terminal-api',
};

/** The word `--listen` and `--wire` use for a wire (`local-api` is `http`). */
export function listenWordOf(wire: Wire): string {
  return Object.keys(LISTEN_WORDS).find((word) => LISTEN_WORDS[word] === wire) ?? wire;
}

/**
 * The wires the embedded simulator serves (a front per wire, README "Wires"), in the order the
 * window lists them.
 */
export const SIMULATOR_WIRES: readonly Wire[] = ['ws', 'tcp', 'local-api', 'terminal-api'];

/** Parses `ws:PORT`, `tcp:PORT`, `http:PORT` (Local API) or `https:PORT` (Terminal API). */
export function parseListenSpec(text: string): Result<ListenSpec, string> {
  const match = /^([a-z]+):(\d{1,5})$/i.exec(text.trim());
  const wire = match ? LISTEN_WORDS[(match[1] ?? '').toLowerCase()] : undefined;
  if (!match || wire === undefined) {
    return err(
      `"${text}" is not WIRE:PORT; WIRE is ${Object.keys(LISTEN_WORDS).join(', ')} and PORT 0–65535 (0 = a free port)`,
    );
  }
  const port = Number(match[2]);
  if (port > 65535) return err(`"${text}": the port must be between 0 and 65535`);
  return ok({ wire, port });
}
