import { randomBytes } from 'node:crypto';
import type { Endpoint, ListenSpec } from '@shared/link/endpoint';
import { checkProxyPair } from '@shared/proxy/pairs';
import { err, ok, type Result } from '@shared/result';
import type { Clock } from '@shared/time/clock';
import type { Observer } from '@shared/trace/events';
import { dialerFor } from '../link/dial';
import type { LinkId } from '../link/link';
import { TcpLink } from '../link/tcp-link';
import { handleControl, type ControlTarget } from '../simulator/control-api';
import { startTcpFront } from '../simulator/front-tcp';
import { NEXO_PATH, startHttpFront } from '../simulator/http-front';
import { LOOPBACK } from '../simulator/simulator';
import { wsServerLink } from '../simulator/ws-server-link';
import { createProxy, type Proxy } from './proxy';

/**
 * What a proxy trace keeps: the POS's side of the conversation (`poi`, as in terminal role) and
 * what only the proxy saw on the terminal leg (`proxy`).
 */
export const PROXY_OBSERVERS: readonly Observer[] = ['poi', 'proxy'];

/** How `a2a proxy` and the window's proxy role start the proxy. */
export interface ServeProxyOptions {
  readonly clock: Clock;
  /** The wire and port the POS connects to (port 0 = a free one). */
  readonly listen: ListenSpec;
  /** The real terminal. */
  readonly upstream: Endpoint;
  /** Address the listening side binds (loopback unless the user asks otherwise). */
  readonly host?: string;
  /** The control API's Bearer token (default: random). */
  readonly token?: string;
  /** Port of the control API when the POS side is not the WebSocket server that carries it. */
  readonly controlPort?: number;
}

/** A listening proxy. */
export interface ProxyServer {
  readonly proxy: Proxy;
  /** Where the POS connects (`tcp://127.0.0.1:PORT`, `ws://127.0.0.1:PORT/nexo`). */
  readonly listenUrl: string;
  /** `http://127.0.0.1:PORT/control`, the same operations as the simulator's control API. */
  readonly controlUrl: string;
  readonly token: string;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Links get ids that say which side they are on: `pos-1` in front, the terminal's behind. */
function linkIds(): () => LinkId {
  let n = 0;
  return () => {
    n += 1;
    return `pos-${String(n)}` as LinkId;
  };
}

/**
 * Starts the proxy role: listens for the POS on its wire, dials the terminal once per POS
 * connection, and serves the control API. Bad pairs and ports that cannot be bound are error
 * values that say what went wrong.
 */
export async function serveProxy(options: ServeProxyOptions): Promise<Result<ProxyServer, string>> {
  const pair = checkProxyPair(options.listen.wire, options.upstream.wire);
  if (!pair.ok) return pair;
  const host = options.host ?? LOOPBACK;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const proxy = createProxy({
    clock: options.clock,
    upstream: dialerFor(options.upstream, { idPrefix: 'terminal' }),
    upstreamUrl: options.upstream.url,
  });
  const nextId = linkIds();
  const target: ControlTarget = {
    state: () => proxy.state(),
    ledger: () => proxy.ledger(),
    apply: (command) => proxy.apply(command),
    reset: () => proxy.reset(),
  };
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async (): Promise<void> => {
    await proxy.close();
    await Promise.all(closers.splice(0).map((close) => close()));
  };
  const where = urlHost(host);
  try {
    const servesWs = options.listen.wire === 'ws';
    const http = await startHttpFront({
      port: servesWs ? options.listen.port : (options.controlPort ?? 0),
      host,
      onSocket: (socket) => {
        if (servesWs) proxy.accept(wsServerLink(nextId(), socket));
        else socket.close(1008, `this proxy listens for ${options.listen.wire}, not WebSocket`);
      },
      control: (request) => handleControl(target, token, request),
    });
    closers.push(() => http.close());
    const controlUrl = `http://${where}:${String(http.port)}/control`;
    let listenUrl: string;
    switch (options.listen.wire) {
      case 'ws':
        listenUrl = `ws://${where}:${String(http.port)}${NEXO_PATH}`;
        break;
      case 'tcp': {
        const tcp = await startTcpFront({
          port: options.listen.port,
          host,
          onSocket: (socket) => proxy.accept(new TcpLink(nextId(), socket)),
        });
        closers.push(() => tcp.close());
        listenUrl = `tcp://${where}:${String(tcp.port)}`;
        break;
      }
      case 'local-api':
      case 'terminal-api':
        // checkProxyPair refused these above; kept exhaustive so a new wire is a compile error.
        await closeAll();
        return err(`the proxy does not listen on ${options.listen.wire}`);
    }
    proxy.setListenUrl(listenUrl);
    return ok({ proxy, listenUrl, controlUrl, token, close: closeAll });
  } catch (error) {
    await closeAll();
    const message = error instanceof Error ? error.message : String(error);
    return err(`cannot listen on ${host} port ${String(options.listen.port)}: ${message}`);
  }
}
