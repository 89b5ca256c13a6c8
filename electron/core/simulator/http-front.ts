import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Duplex } from 'node:stream';
import type { ControlAnswer, ControlRequest } from './control-api';
import {
  REFUSAL_TEXT,
  checkHost,
  checkLinkRequest,
  type DoorPolicy,
  type DoorRefusal,
} from './door';

/** The link path on the simulator's server. */
export const NEXO_PATH = '/nexo';

/**
 * The `ws` hard limit. Frames above 1 MiB (`MAX_FRAME_BYTES`) and up to this size reach the
 * simulator, which answers them with a Reject and keeps the link up, as the link protocol
 * says. Above this size `ws` closes the link with 1009: a safety net against memory exhaustion,
 * since `ws` must buffer a whole frame before anyone can look at it.
 */
export const HARD_FRAME_LIMIT_BYTES = 8 * 1024 * 1024;

/** Control API bodies are small JSON commands. */
const MAX_CONTROL_BODY_BYTES = 64 * 1024;
/** How long a closing link may take for its close handshake when the server shuts down. */
const SHUTDOWN_GRACE_MS = 500;

/** Who may open a link: allowed browser origins and an optional shared secret. */
export interface LinkDoorOptions {
  readonly allowOrigins?: readonly string[];
  readonly linkToken?: string | undefined;
}

/** A request the door refused, for the log. */
export interface Refusal extends DoorRefusal {
  readonly remote: string;
  readonly path: string;
}

export interface HttpFrontOptions {
  readonly port: number;
  readonly host: string;
  readonly door?: LinkDoorOptions;
  /** Told about every refused upgrade or control request, with the reason. */
  readonly onRefused?: (refusal: Refusal) => void;
  /** A WebSocket accepted on `/nexo`. */
  readonly onSocket: (socket: WebSocket) => void;
  readonly control: (request: ControlRequest) => ControlAnswer;
}

export interface HttpFront {
  readonly port: number;
  /** Stops listening and ends every connection. */
  close(): Promise<void>;
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    return '';
  }
}

function writeJson(res: ServerResponse, answer: ControlAnswer): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...answer.headers,
  });
  res.end(text);
}

function serveHttp(
  req: IncomingMessage,
  res: ServerResponse,
  control: HttpFrontOptions['control'],
): void {
  const path = pathOf(req.url);
  if (path !== '/control' && !path.startsWith('/control/')) {
    writeJson(res, { status: 404, body: { error: `not found: ${path}` } });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_CONTROL_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (tooLarge) {
      writeJson(res, { status: 413, body: { error: 'the body is larger than 64 KiB' } });
      return;
    }
    writeJson(
      res,
      control({
        method: req.method ?? 'GET',
        path,
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
  });
}

/**
 * The simulator's HTTP server (on 127.0.0.1 unless told otherwise): WebSocket upgrades on `/nexo`, the control API
 * under `/control`, 404 for everything else. It stays up across simulator restarts, which is
 * how a restart keeps the same address.
 */
export function startHttpFront(options: HttpFrontOptions): Promise<HttpFront> {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: HARD_FRAME_LIMIT_BYTES,
    // Invalid UTF-8 would make ws close the link (1007); reading it with replacement
    // characters lets the simulator answer it like any other bad frame and stay up.
    skipUTF8Validation: true,
    perMessageDeflate: false,
  });
  let port = 0;
  const policy = (): DoorPolicy => ({
    listenHost: options.host,
    port,
    allowOrigins: options.door?.allowOrigins ?? [],
    linkToken: options.door?.linkToken,
  });
  const report = (req: IncomingMessage, refusal: DoorRefusal): void =>
    options.onRefused?.({
      ...refusal,
      remote: req.socket.remoteAddress ?? 'unknown',
      path: pathOf(req.url),
    });
  const server = createServer((req, res) => {
    // The control API answers only requests addressed to it (DNS rebinding guard).
    const host = checkHost(req, policy());
    if (!host.ok) {
      report(req, host.error);
      writeJson(res, { status: host.error.status, body: { error: host.error.reason } });
      return;
    }
    serveHttp(req, res, options.control);
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (pathOf(req.url) !== NEXO_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const door = checkLinkRequest(req, policy());
    if (!door.ok) {
      report(req, door.error);
      refuseUpgrade(socket, door.error);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => options.onSocket(ws));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolve({ port, close: () => shutDown(server, wss) });
    });
  });
}

function refuseUpgrade(socket: Duplex, refusal: DoorRefusal): void {
  const body = `${refusal.reason}\n`;
  socket.end(
    `HTTP/1.1 ${String(refusal.status)} ${REFUSAL_TEXT[refusal.status]}\r\nConnection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\n\r\n${body}`,
  );
}

async function shutDown(server: Server, wss: WebSocketServer): Promise<void> {
  const closing = [...wss.clients].map(
    (client) =>
      new Promise<void>((resolve) => {
        if (client.readyState === client.CLOSED) {
          resolve();
          return;
        }
        // A real timer: this is transport plumbing, not simulator logic, and it only bounds
        // how long a peer may take to answer the close frame it was already sent.
        const grace = setTimeout(() => client.terminate(), SHUTDOWN_GRACE_MS);
        client.once('close', () => {
          clearTimeout(grace);
          resolve();
        });
        if (client.readyState === client.OPEN) client.close(1001, 'simulator stopped');
      }),
  );
  await Promise.all(closing);
  wss.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
