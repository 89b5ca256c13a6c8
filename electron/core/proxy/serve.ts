import { randomBytes } from 'node:crypto';
import type { Endpoint, ListenSpec } from '@shared/link/endpoint';
import { checkProxyPair, notOnPair } from '@shared/proxy/pairs';
import { err, ok, type Result } from '@shared/result';
import type { Clock } from '@shared/time/clock';
import type { Observer } from '@shared/trace/events';
import { dialerFor, type TerminalApiOptions } from '../link/dial';
import type { LinkId } from '../link/link';
import { NexoKey } from '../link/nexo-crypto';
import { TcpLink } from '../link/tcp-link';
import { handleControl, type ControlTarget } from '../simulator/control-api';
import { startLocalApiFront } from '../simulator/front-local-api';
import { DEFAULT_HTTP_WAIT_MS, startTerminalApiFront } from '../simulator/front-terminal-api';
import { startTcpFront } from '../simulator/front-tcp';
import { NEXO_PATH, startHttpFront } from '../simulator/http-front';
import { LOOPBACK } from '../simulator/simulator';
import { DEFAULT_TERMINAL_POIID, loadTlsIdentity } from '../simulator/tls-identity';
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
  /**
   * Terminal API pair: how the proxy trusts the terminal (`caFile`, `insecure`) and the NexoCrypto
   * key it opens and seals both legs with (README "The proxy role").
   */
  readonly terminalApi?: TerminalApiOptions;
  /** Terminal API pair: refuse clear-text requests from the POS, as a live terminal does. */
  readonly requireEncryption?: boolean;
  /** Terminal API pair: where the TLS identity the proxy shows the POS is kept and reused. */
  readonly dataDir?: string;
  /**
   * HTTP pairs: how long a POS's request waits for the terminal's answer before 408 (the wire's
   * "no answer", README "Faults by wire"). Default 30 s, as a terminal.
   */
  readonly httpWaitMs?: number;
}

/** A listening proxy. */
export interface ProxyServer {
  readonly proxy: Proxy;
  /** Where the POS connects (`tcp://127.0.0.1:PORT`, `ws://127.0.0.1:PORT/nexo`). */
  readonly listenUrl: string;
  /** `http://127.0.0.1:PORT/control`, the same operations as the simulator's control API. */
  readonly controlUrl: string;
  readonly token: string;
  /** Terminal API pair: the CA file the POS must trust to reach `listenUrl`. */
  readonly caFile?: string;
  close(): Promise<void>;
}

/** The POIID the proxy's certificate is named for (the pattern a POS's SDK checks). */
const PROXY_POIID = DEFAULT_TERMINAL_POIID;

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
    upstream: dialerFor(options.upstream, {
      idPrefix: 'terminal',
      clock: options.clock,
      ...(options.terminalApi === undefined ? {} : { terminalApi: options.terminalApi }),
    }),
    upstreamUrl: options.upstream.url,
    notOnThisPair: notOnPair(options.listen.wire),
  });
  const waitMs = options.httpWaitMs ?? DEFAULT_HTTP_WAIT_MS;
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
    let caFile: string | undefined;
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
      case 'local-api': {
        // The simulator's own Local API front: each POS's SaleID becomes one link to the proxy,
        // and each exchange (sync POST, async POST then polls) is served as the wire defines it.
        const front = await startLocalApiFront({
          port: options.listen.port,
          host,
          clock: options.clock,
          poiId: PROXY_POIID,
          waitMs,
          idPrefix: 'pos',
          terminal: {
            accept: (link) => proxy.accept(link),
            record: (event) => proxy.record(event),
            get closed() {
              return proxy.closed;
            },
            paymentRunning: () => proxy.paymentRunning(),
          },
        });
        closers.push(() => front.close());
        listenUrl = `http://${where}:${String(front.port)}`;
        break;
      }
      case 'terminal-api': {
        if (options.dataDir === undefined) {
          await closeAll();
          return err('the Terminal API side needs a data folder for its TLS identity');
        }
        const identity = await loadTlsIdentity(options.dataDir, PROXY_POIID);
        if (!identity.ok) {
          await closeAll();
          return identity;
        }
        const keySettings = options.terminalApi?.key;
        const security = {
          ...(keySettings === undefined ? {} : { key: new NexoKey(keySettings) }),
          requireEncryption: options.requireEncryption === true,
        };
        // The simulator's own Terminal API front: it opens what the POS sealed, and seals each
        // answer the way the POS's request came; the upstream link seals toward the terminal.
        const front = await startTerminalApiFront({
          port: options.listen.port,
          host,
          tls: { cert: identity.value.certChainPem, key: identity.value.keyPem },
          clock: options.clock,
          waitMs,
          security: () => security,
          accept: (link) => proxy.accept(link),
          record: (event) => proxy.record(event),
          idPrefix: 'pos',
        });
        closers.push(() => front.close());
        listenUrl = `https://${where}:${String(front.port)}${NEXO_PATH}`;
        caFile = identity.value.caFile;
        break;
      }
    }
    proxy.setListenUrl(listenUrl);
    return ok({
      proxy,
      listenUrl,
      controlUrl,
      token,
      ...(caFile === undefined ? {} : { caFile }),
      close: closeAll,
    });
  } catch (error) {
    await closeAll();
    const message = error instanceof Error ? error.message : String(error);
    return err(`cannot listen on ${host} port ${String(options.listen.port)}: ${message}`);
  }
}
