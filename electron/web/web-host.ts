import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy } from '@shared/ipc';
import { MAX_FRAME_BYTES } from '@shared/protocol/limits';
import { err, ok, type Result } from '@shared/result';
import type { HarnessCore } from '../core/harness';
import { decideUpgrade, ownOrigins } from './access';
import type { WebHostLog } from './log';
import { serveApiSocket } from './api-socket';
import { contentTypeFor, findStaticFile } from './static-files';

/** Options of {@link startWebHost}. */
export interface WebHostOptions {
  readonly core: HarnessCore;
  /** Folder of the built renderer (`out/renderer`). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** A loopback address; see {@link parseLoopbackHost}. */
  readonly host: string;
  readonly log: WebHostLog;
  /** Per-run secret; random (32 bytes) unless a test fixes it. */
  readonly token?: string;
}

/** A running browser-mode host. */
export interface WebHost {
  /** The URL to open, token included: `http://127.0.0.1:PORT/?token=...`. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Stops accepting, closes every API socket, and resolves when the server is closed. */
  close(): Promise<void>;
}

/** Why the host could not start. */
export type WebHostError =
  | { readonly kind: 'renderer-missing'; readonly message: string }
  | { readonly kind: 'listen-failed'; readonly message: string };

const LOOPBACK_NAMES: Readonly<Record<string, string>> = { localhost: '127.0.0.1' };

/**
 * Accepts only loopback addresses (`127.x.y.z`, `::1`, `localhost`) and returns the address to
 * bind, in the one spelling a browser sends back as its Host (so the printed URL works): browser
 * mode must never be reachable from another machine. A part with a leading zero is refused, not
 * guessed: `127.0.0.010` is 127.0.0.8 to a browser and to `inet_aton`, 127.0.0.10 to a person.
 */
export function parseLoopbackHost(host: string): Result<string, string> {
  const lower = host.trim().toLowerCase();
  const address = LOOPBACK_NAMES[lower] ?? (lower === '[::1]' ? '::1' : lower);
  const parts = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (parts !== null) {
    const octets = parts.slice(1);
    if (octets.some((part) => part.length > 1 && part.startsWith('0')))
      return err(
        `--host "${host}" has a part with a leading zero; write it without (e.g. 127.0.0.1)`,
      );
    if (octets.every((part) => Number(part) <= 255)) return ok(address);
  }
  if (address === '::1') return ok(address);
  return err(`--host must be a loopback address (127.0.0.1, ::1 or localhost), not "${host}"`);
}

function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the token: never hand it to anyone in a Referer header.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404 | 421): void {
  const text = {
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    421: 'Misdirected Request',
  }[status];
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function remoteOf(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

/**
 * Starts browser mode: a loopback-only HTTP server that serves the built renderer and carries
 * the HarnessApi over a WebSocket at `/api?token=...`.
 */
export async function startWebHost(
  options: WebHostOptions,
): Promise<Result<WebHost, WebHostError>> {
  if (!existsSync(join(options.rendererDir, 'index.html')))
    return err({
      kind: 'renderer-missing',
      message: `the renderer is not built (${join(options.rendererDir, 'index.html')} is missing); run \`npm run build\` first`,
    });
  const token = options.token ?? randomBytes(32).toString('base64url');
  const { core, rendererDir, log } = options;
  let origins: readonly string[] = [];
  let hosts: readonly string[] = [];
  let csp = '';

  const server = createServer((request, response) => {
    serveStatic(request, response).catch((error: unknown) => {
      log({ event: 'bug', reason: `serving ${request.url ?? '?'}: ${String(error)}` });
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A Host that is not ours means DNS rebinding (a foreign site resolved to 127.0.0.1).
    if (!hosts.includes(request.headers.host ?? '')) {
      response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('misdirected\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://host').pathname;
    const file = await findStaticFile(rendererDir, pathname);
    if (file === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const body = await readFile(file);
    response.writeHead(200, {
      ...securityHeaders(csp),
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(body.length),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://host');
    const origin = request.headers.origin ?? null;
    const decision = !hosts.includes(request.headers.host ?? '')
      ? ({ allowed: false, status: 403, reason: 'foreign Host' } as const)
      : decideUpgrade(
          { pathname: url.pathname, token: url.searchParams.get('token'), origin },
          token,
          origins,
        );
    if (!decision.allowed) {
      log({
        event: 'refused',
        status: decision.status,
        reason: decision.reason,
        remote: remoteOf(request),
        origin,
      });
      refuseUpgrade(socket, decision.status);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      serveApiSocket(ws, core, remoteOf(request), log);
    });
  });

  const listening = await new Promise<Result<AddressInfo, string>>((resolveListen) => {
    server.once('error', (error) => resolveListen(err(error.message)));
    server.listen(options.port, options.host, () => {
      resolveListen(ok(server.address() as AddressInfo));
    });
  });
  if (!listening.ok) return err({ kind: 'listen-failed', message: listening.error });

  const port = listening.value.port;
  origins = ownOrigins(options.host, port);
  hosts = origins.map((o) => o.slice('http://'.length));
  csp = contentSecurityPolicy(
    'browser',
    origins.map((o) => o.replace(/^http:/, 'ws:')),
  );

  return ok({
    url: `${origins[0]}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const ws of sockets.clients) ws.terminate();
        sockets.close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  });
}
