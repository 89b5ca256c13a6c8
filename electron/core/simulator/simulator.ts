import { randomBytes } from 'node:crypto';
import { ok, err, type Result } from '@shared/result';
import type { TerminalApiInfo } from '@shared/ipc/terminal-api';
import type { ArmedFaultKind, SimulatorStateSnapshot } from '@shared/simulator/control';
import type {
  FaultCommandInput,
  PaymentOutcomeOverride,
  PaymentPhase,
} from '@shared/simulator/faults';
import {
  effectiveKnobs,
  resolveSimulatorSettings,
  type ProfileName,
  type SimulatorSettings,
} from '@shared/simulator/profiles';
import type { Clock } from '@shared/time/clock';
import { seededRandom, type Random } from '@shared/time/random';
import type { EventSink, LedgerEntry } from '@shared/trace/events';
import type { Dialer, Link, LinkId } from '../link/link';
import { createMemoryLinkPair } from '../link/memory-link';
import { NexoKey, type NexoKeySettings } from '../link/nexo-crypto';
import { handleControl } from './control-api';
import {
  DEFAULT_HTTP_WAIT_MS,
  startTerminalApiFront,
  type TerminalApiSecurity,
} from './front-terminal-api';
import { loadTlsIdentity } from './tls-identity';
import { TcpLink } from '../link/tcp-link';
import { startTcpFront } from './front-tcp';
import { NEXO_PATH, startHttpFront, type LinkDoorOptions, type Refusal } from './http-front';
import { startLocalApiFront } from './front-local-api';
import { PoiTerminal, type SinkOptions } from './terminal';
import { wsServerLink } from './ws-server-link';

/** How to make a simulator. */
export interface SimulatorOptions {
  readonly clock: Clock;
  /** `app2app` (default), `nexo` or `adyen`. */
  readonly profile?: ProfileName;
  /** Overrides of {@link DEFAULT_SIMULATOR_SETTINGS}; invalid values throw a RangeError. */
  readonly settings?: Partial<SimulatorSettings>;
  /** Seeded source for POITransactionIDs, cards and approval codes (default: seeded by wall time). */
  readonly random?: Random;
  /** The Terminal API wire's protection and wait (README "Terminal API wire"). */
  readonly terminalApi?: TerminalApiSettings;
}

/** How the Terminal API front protects and waits. */
export interface TerminalApiSettings {
  /** The shared NexoCrypto key; without one, encrypted requests are refused. */
  readonly key?: NexoKeySettings;
  /** Refuse clear-text requests (Failure/MessageFormat), as a terminal on a live account does. */
  readonly requireEncryption?: boolean;
  /** How long a request nothing answers is held before 408 (default 30 s). */
  readonly httpWaitMs?: number;
}

/**
 * Where and how a simulator listens. Each wire's front starts only when its port is given
 * (0 = a free port); the WebSocket front and the control API always start (README "Wires").
 */
export interface ListenOptions {
  /** The WebSocket front and the control API (0 = a free port). */
  readonly port?: number;
  /** The control API's Bearer token (default: random). */
  readonly token?: string;
  /** Address every front binds; loopback unless the user asks otherwise. */
  readonly host?: string;
  /** nexo over TCP (length-prefixed frames). */
  readonly tcpPort?: number;
  /** Who may open a link over HTTP (README "Who may talk to the simulator"). */
  readonly door?: LinkDoorOptions;
  /** Told about every refused link or control request, with the reason. */
  readonly onRefused?: (refusal: Refusal) => void;
  /** Market Pay's Local API over HTTP. */
  readonly httpPort?: number;
  /** How long a synchronous Local API POST waits for its answer before 408. */
  readonly httpWaitMs?: number;
  /** The Terminal API over HTTPS (Adyen style, optional NexoCrypto). Needs `dataDir`. */
  readonly httpsPort?: number;
  /** Where the TLS identity is kept and reused (README "Terminal API wire"). */
  readonly dataDir?: string;
}

/** The address every front binds unless told otherwise: nothing leaves the machine. */
export const LOOPBACK = '127.0.0.1';

/** Where a listening simulator can be reached. */
export interface Listening {
  readonly port: number;
  /** `ws://127.0.0.1:PORT/nexo`: where a POS connects. */
  readonly nexoUrl: string;
  /** `http://127.0.0.1:PORT/control`: the control API. */
  readonly controlUrl: string;
  /** The Bearer token the control API requires. */
  readonly token: string;
  /** `tcp://HOST:PORT`: nexo over TCP, when that front runs. */
  readonly tcpUrl?: string;
  /** `http://HOST:PORT`: Market Pay's Local API, when that front runs. */
  readonly httpUrl?: string;
  /** `https://HOST:PORT/nexo`: the Terminal API, when that front runs. */
  readonly httpsUrl?: string;
  /** The CA certificate a POS must trust to reach `httpsUrl`. */
  readonly caFile?: string;
}

/** The payment-application simulator (DESIGN §6): attach links, inject faults, read the ledger. */
export interface Simulator {
  /** Attaches an already-open link. */
  accept(link: Link): void;
  /** A dialer whose every call opens a new in-memory link accepted here (no sockets). */
  memoryDialer(): Dialer;
  /**
   * Serves `/nexo` and `/control` on 127.0.0.1 (port 0 = ephemeral), and every other wire whose
   * port is given. Once per simulator.
   */
  listen(options?: ListenOptions): Promise<Listening>;
  /** Changes the Terminal API key or the encryption requirement (the window, the control API). */
  setTerminalApi(settings: TerminalApiSettings): void;
  /** The Terminal API key names and requirement in force; never the passphrase. */
  terminalApi(): TerminalApiInfo;
  /** Stops timers, closes links and the server. */
  close(): Promise<void>;
  /** Every fault and lifecycle operation; an invalid command is an error value. */
  apply(command: FaultCommandInput): Result<void, string>;
  restart(): Result<void, string>;
  update(): Result<void, string>;
  /** Cuts one link (by id) or every link (`'all'`) without a close frame. */
  dropLink(linkId: string): Result<void, string>;
  resetSessions(): Result<void, string>;
  busyNextLogins(count: number): Result<void, string>;
  dropNextResponse(category?: string): Result<void, string>;
  delayResponses(ms: number, category?: string): Result<void, string>;
  approveThenDrop(): Result<void, string>;
  restartDuringPayment(phase?: PaymentPhase): Result<void, string>;
  nextPaymentOutcome(outcome: PaymentOutcomeOverride): Result<void, string>;
  /** Takes back armed faults before they hit: one kind, or every armed one. */
  disarm(kind?: ArmedFaultKind): Result<void, string>;
  /** Back to a fresh state: links closed, everything forgotten, initialising again. */
  reset(): void;
  state(): SimulatorStateSnapshot;
  ledger(): readonly LedgerEntry[];
  /**
   * Subscribes to every event; the first subscriber also gets the start-up events. With
   * `frames: false` the simulator's own view of frames is left out (and not built for it).
   */
  onEvent(fn: EventSink, options?: SinkOptions): () => void;
}

/**
 * Creates a simulator and starts it: it is *initialising* at once (for `initMs`), then
 * *ready*. Nothing listens until {@link Simulator.listen}; links can be attached in-process.
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  const profile = options.profile ?? 'app2app';
  const resolved = resolveSimulatorSettings(options.settings);
  if (!resolved.ok) throw new RangeError(`invalid simulator settings: ${resolved.error}`);
  const settings = resolved.value;
  const knobs = effectiveKnobs(profile, settings);
  const terminal = new PoiTerminal({
    clock: options.clock,
    random: options.random ?? seededRandom(options.clock.wallNow()),
    settings,
    knobs,
  });
  /** Every running front's close, WebSocket front first. */
  let fronts: (() => Promise<void>)[] = [];
  const toSecurity = (s: TerminalApiSettings | undefined): TerminalApiSecurity => ({
    ...(s?.key === undefined ? {} : { key: new NexoKey(s.key) }),
    requireEncryption: s?.requireEncryption === true,
  });
  let terminalApiSecurity = toSecurity(options.terminalApi);
  const httpWaitMs = options.terminalApi?.httpWaitMs ?? DEFAULT_HTTP_WAIT_MS;
  let listening: Listening | undefined;
  let listenCalled = false;
  let linkCounter = 0;
  const nextLinkId = (kind: 'ws' | 'tcp' | 'mem'): LinkId => {
    linkCounter += 1;
    return `${kind}-${String(linkCounter)}` as LinkId;
  };

  const state = (): SimulatorStateSnapshot => ({
    lifecycle: terminal.phase,
    version: terminal.version,
    profile,
    knobs,
    settings,
    links: terminal.linkSnapshots(),
    sessions: terminal.sessionSnapshots(),
    payment: terminal.paymentSnapshot(),
    faults: terminal.faultSnapshot(),
    ledgerSize: terminal.ledger().length,
    listening: listening
      ? {
          port: listening.port,
          nexoUrl: listening.nexoUrl,
          controlUrl: listening.controlUrl,
          ...(listening.tcpUrl === undefined ? {} : { tcpUrl: listening.tcpUrl }),
          ...(listening.httpUrl === undefined ? {} : { httpUrl: listening.httpUrl }),
        }
      : null,
  });

  const closeFronts = async (): Promise<void> => {
    const running = fronts;
    fronts = [];
    await Promise.all(running.map((close) => close()));
  };

  const apply = (command: FaultCommandInput): Result<void, string> => terminal.apply(command);

  const terminalApiInfo = (): TerminalApiInfo => {
    const { key, requireEncryption } = terminalApiSecurity;
    return {
      ...(key === undefined
        ? {}
        : { keyIdentifier: key.keyIdentifier, keyVersion: key.keyVersion }),
      requireEncryption,
    };
  };

  const setTerminalApi = (next: TerminalApiSettings): void => {
    terminalApiSecurity = toSecurity(next);
  };

  return {
    accept: (link) => terminal.accept(link),
    memoryDialer: () => () => {
      if (terminal.closed) return Promise.resolve(err('the simulator is closed'));
      const pair = createMemoryLinkPair(nextLinkId('mem'));
      terminal.accept(pair.server);
      return Promise.resolve(ok(pair.client));
    },
    async listen(listenOptions = {}) {
      if (terminal.closed) throw new Error('the simulator is closed');
      if (listenCalled) throw new Error('the simulator listens already');
      listenCalled = true;
      const token = listenOptions.token ?? randomBytes(24).toString('base64url');
      const host = listenOptions.host ?? LOOPBACK;
      const front = await startHttpFront({
        port: listenOptions.port ?? 0,
        host,
        ...(listenOptions.door === undefined ? {} : { door: listenOptions.door }),
        ...(listenOptions.onRefused === undefined ? {} : { onRefused: listenOptions.onRefused }),
        onSocket: (socket) => terminal.accept(wsServerLink(nextLinkId('ws'), socket)),
        control: (request) =>
          handleControl(
            {
              state,
              ledger: () => terminal.ledger(),
              apply: (command) => terminal.apply(command),
              reset: () => terminal.reset(),
              terminalApi: { get: terminalApiInfo, set: setTerminalApi },
            },
            token,
            request,
          ),
      });
      fronts.push(() => front.close());
      const where = urlHost(host);
      let tcpUrl: string | undefined;
      let httpUrl: string | undefined;
      let terminalApi: { httpsUrl: string; caFile: string } | undefined;
      try {
        if (listenOptions.tcpPort !== undefined) {
          const tcp = await startTcpFront({
            port: listenOptions.tcpPort,
            host,
            onSocket: (socket) => terminal.accept(new TcpLink(nextLinkId('tcp'), socket)),
          });
          fronts.push(() => tcp.close());
          tcpUrl = `tcp://${where}:${String(tcp.port)}`;
        }
        if (listenOptions.httpPort !== undefined) {
          const localApi = await startLocalApiFront({
            port: listenOptions.httpPort,
            host,
            terminal: {
              accept: (link) => terminal.accept(link),
              record: (event) => terminal.record(event),
              get closed() {
                return terminal.closed;
              },
              paymentRunning: () => terminal.paymentSnapshot() !== null,
            },
            clock: options.clock,
            poiId: settings.poiId,
            ...(listenOptions.httpWaitMs === undefined ? {} : { waitMs: listenOptions.httpWaitMs }),
          });
          fronts.push(() => localApi.close());
          httpUrl = `http://${where}:${String(localApi.port)}`;
        }
        if (listenOptions.httpsPort !== undefined) {
          if (listenOptions.dataDir === undefined) {
            throw new Error('the Terminal API front needs a data folder for its TLS identity');
          }
          const identity = await loadTlsIdentity(listenOptions.dataDir, settings.poiId);
          if (!identity.ok) throw new Error(identity.error);
          const https = await startTerminalApiFront({
            port: listenOptions.httpsPort,
            host,
            tls: { cert: identity.value.certChainPem, key: identity.value.keyPem },
            clock: options.clock,
            waitMs: listenOptions.httpWaitMs ?? httpWaitMs,
            security: () => terminalApiSecurity,
            accept: (link) => terminal.accept(link),
            record: (event) => terminal.record(event),
            idPrefix: 'https',
          });
          fronts.push(() => https.close());
          terminalApi = {
            httpsUrl: `https://${where}:${String(https.port)}/nexo`,
            caFile: identity.value.caFile,
          };
        }
      } catch (error) {
        await closeFronts();
        throw error;
      }
      listening = {
        port: front.port,
        nexoUrl: `ws://${where}:${String(front.port)}${NEXO_PATH}`,
        controlUrl: `http://${where}:${String(front.port)}/control`,
        token,
        ...(tcpUrl === undefined ? {} : { tcpUrl }),
        ...(httpUrl === undefined ? {} : { httpUrl }),
        ...terminalApi,
      };
      return listening;
    },
    async close() {
      if (!terminal.closed) terminal.close();
      listening = undefined;
      await closeFronts();
    },
    setTerminalApi,
    terminalApi: terminalApiInfo,
    apply,
    restart: () => apply({ fault: 'restart' }),
    update: () => apply({ fault: 'update' }),
    dropLink: (linkId) => apply({ fault: 'dropLink', linkId }),
    resetSessions: () => apply({ fault: 'resetSessions' }),
    busyNextLogins: (count) => apply({ fault: 'busyNextLogins', count }),
    dropNextResponse: (category) =>
      apply({ fault: 'dropNextResponse', ...(category === undefined ? {} : { category }) }),
    delayResponses: (ms, category) =>
      apply({ fault: 'delayResponses', ms, ...(category === undefined ? {} : { category }) }),
    approveThenDrop: () => apply({ fault: 'approveThenDrop' }),
    restartDuringPayment: (phase) =>
      apply({ fault: 'restartDuringPayment', ...(phase === undefined ? {} : { phase }) }),
    nextPaymentOutcome: (outcome) => apply({ fault: 'nextPaymentOutcome', outcome }),
    disarm: (kind) => terminal.disarm(kind),
    reset: () => terminal.reset(),
    state,
    ledger: () => terminal.ledger(),
    onEvent: (fn, sinkOptions) => terminal.onEvent(fn, sinkOptions),
  };
}

/** The host to put in a URL: a wildcard bind is reached on loopback; IPv6 goes in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return LOOPBACK;
  return host.includes(':') ? `[${host}]` : host;
}
