import type {
  ConfigureRequest,
  FaultAvailability,
  HarnessEvent,
  PeerTarget,
  RunInfo,
  SessionInfo,
  SimulatorInfo,
  TerminalApiInfo,
  TerminalApiListenSettings,
  TerminalApiPeerSettings,
  WireAddress,
} from '@shared/ipc';
import type { ProxyInfo, ProxyRunInfo } from '@shared/ipc/proxy';
import { SIMULATOR_WIRES, parseEndpoint } from '@shared/link/endpoint';
import { err, ok, type Result } from '@shared/result';
import type { SessionPolicy } from '@shared/session/policy';
import type { SessionSnapshot } from '@shared/session/snapshot';
import {
  resolveSimulatorSettings,
  type ProfileName,
  type SimulatorSettings,
} from '@shared/simulator/profiles';
import type { Clock, TimerId } from '@shared/time/clock';
import { seededRandom } from '@shared/time/random';
import type { EventBody, Observer } from '@shared/trace/events';
import { dialerForUrl } from '../link/dial';
import type { Proxy } from '../proxy/proxy';
import { PROXY_OBSERVERS, serveProxy, type ProxyServer } from '../proxy/serve';
import { createSessionManager, type SessionManager } from '../session';
import { addressOf, createSimulator, type Simulator } from '../simulator';
import { HARNESS_VERSION } from '../version';
import type { CoreStore } from './data-dir';
import { faultAvailability } from './fault-availability';
import { peerVersionOf } from './peer-version';
import { createRunTrace, type RunTrace } from './run-trace';

/** The role the harness plays and the pieces it needs: what `simulator:configure` sets. */
export type RoleConfig =
  | {
      readonly role: 'client';
      readonly peer: PeerTarget;
      /** Trust and key towards an external Terminal API peer (README "Terminal API wire"). */
      readonly terminalApi?: TerminalApiPeerSettings;
      readonly profile: ProfileName;
      readonly settings: Partial<SimulatorSettings>;
    }
  | {
      readonly role: 'terminal';
      /** The WebSocket front's port. */
      readonly port: number;
      /** nexo over TCP too, when given. */
      readonly tcpPort?: number;
      /** Market Pay's Local API over HTTP too, when given. */
      readonly httpPort?: number;
      /** The Terminal API over HTTPS too, when given. */
      readonly httpsPort?: number;
      /** The Terminal API front's key and encryption requirement. */
      readonly terminalApi?: TerminalApiListenSettings;
      readonly profile: ProfileName;
      readonly settings: Partial<SimulatorSettings>;
    }
  | {
      readonly role: 'proxy';
      /** Where the POS connects (README "The proxy role"). */
      readonly listen: ProxyRunInfo['listen'];
      /** The real terminal's endpoint. */
      readonly upstream: string;
      /** Terminal API pair: trust of the terminal and the key of both legs. */
      readonly terminalApi?: TerminalApiPeerSettings;
      /** Kept for the next role that has a simulator; the proxy has none. */
      readonly profile: ProfileName;
      readonly settings: Partial<SimulatorSettings>;
    };

/** Options of {@link createRuntime}. */
export interface RuntimeOptions {
  readonly clock: Clock;
  readonly store: CoreStore;
  readonly policy: SessionPolicy;
  /** Where the runtime's pushes go (the event bus). */
  readonly publish: (event: HarnessEvent) => void;
}

/**
 * The live pieces of the harness and their lifecycle: the run's trace, the embedded simulator
 * (client role with the embedded peer, terminal role) and the session manager (client role,
 * connected). Every change of configuration goes through one queue, so a second `configure`
 * waits for the first to finish stopping and starting its pieces.
 */
export interface Runtime {
  /** Runs `task` after every change queued before it (and before any queued after it). */
  serial<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves when every queued change is done. */
  settled(): Promise<void>;
  configure(config: RoleConfig): Promise<Result<void, string>>;
  /** Connects the client role to `peer`; a Terminal API peer with its trust and key. */
  connect(peer: PeerTarget, terminalApi?: TerminalApiPeerSettings): Promise<Result<void, string>>;
  disconnect(): Promise<void>;
  /** Applies a policy: stored, and the session manager restarted with it when it is idle. */
  setPolicy(policy: SessionPolicy): Promise<Result<boolean, string>>;
  config(): RoleConfig;
  policy(): SessionPolicy;
  run(): RunTrace;
  runInfo(): RunInfo;
  simulator(): Simulator | undefined;
  /** The proxy of proxy role, while it listens. */
  proxy(): Proxy | undefined;
  manager(): SessionManager | undefined;
  sessionInfo(): SessionInfo;
  simulatorInfo(): SimulatorInfo;
  faults(): readonly FaultAvailability[];
  setRecording(on: boolean): void;
  /** Stops every piece. */
  stop(): Promise<void>;
}

/**
 * While recording is off, the count of skipped events is published at most this often, so a
 * burst of traffic costs one notice, not one per event.
 */
const SKIP_NOTICE_MS = 250;

/**
 * The proxy's added latency changes with every message it carries; the window hears of it at
 * most this often, so a burst of traffic costs one push, not one per message.
 */
const LATENCY_NOTICE_MS = 250;

/** How long an operation may still take: its deadline minus now, never below zero. */
function remaining(deadlineAt: number | undefined, now: number): number | undefined {
  return deadlineAt === undefined ? undefined : Math.max(0, Math.round(deadlineAt - now));
}

/** The simulator's profile and settings a request asks for (proxy role has no simulator). */
export function simulatorPartOf(request: ConfigureRequest): {
  readonly profile?: ProfileName;
  readonly settings?: Partial<SimulatorSettings>;
} {
  return request.role === 'proxy' ? {} : request;
}

/**
 * The runtime's configuration for a `simulator:configure` request; `fallback` supplies the
 * profile and settings the request leaves out (the defaults at start, the current ones later).
 */
export function toRoleConfig(
  request: ConfigureRequest,
  fallback: Pick<RoleConfig, 'profile' | 'settings'>,
): RoleConfig {
  const asked = simulatorPartOf(request);
  const profile = asked.profile ?? fallback.profile;
  const settings = asked.settings ?? fallback.settings;
  if (request.role === 'terminal') {
    return {
      role: 'terminal',
      port: request.port,
      ...(request.tcpPort === undefined ? {} : { tcpPort: request.tcpPort }),
      ...(request.httpPort === undefined ? {} : { httpPort: request.httpPort }),
      ...(request.httpsPort === undefined ? {} : { httpsPort: request.httpsPort }),
      ...(request.terminalApi === undefined ? {} : { terminalApi: request.terminalApi }),
      profile,
      settings,
    };
  }
  if (request.role === 'proxy') {
    return {
      role: 'proxy',
      listen: request.listen,
      upstream: request.upstream,
      ...(request.terminalApi === undefined ? {} : { terminalApi: request.terminalApi }),
      profile,
      settings,
    };
  }
  if (request.peer === 'embedded')
    return { role: 'client', peer: { kind: 'embedded' }, profile, settings };
  const { url, terminalApi } = request.peer;
  return {
    role: 'client',
    peer: { kind: 'external', url },
    ...(terminalApi === undefined ? {} : { terminalApi }),
    profile,
    settings,
  };
}

/** The ports a terminal-role configuration asks for, to name them in an error. */
function describePorts(config: Extract<RoleConfig, { role: 'terminal' }>): string {
  const ports = [`port ${String(config.port)}`];
  if (config.tcpPort !== undefined) ports.push(`TCP port ${String(config.tcpPort)}`);
  if (config.httpPort !== undefined) ports.push(`HTTP port ${String(config.httpPort)}`);
  if (config.httpsPort !== undefined) ports.push(`HTTPS port ${String(config.httpsPort)}`);
  return ports.join(' and ');
}

function peerOf(config: RoleConfig): PeerTarget | null {
  return config.role === 'client' ? config.peer : null;
}

function needsSimulator(config: RoleConfig): boolean {
  switch (config.role) {
    case 'terminal':
      return true;
    case 'client':
      return config.peer.kind === 'embedded';
    case 'proxy':
      return false;
  }
}

/** Whose view of the wire a run keeps: the POS's, the payment app's, or both legs of the middle. */
const OBSERVERS_BY_ROLE = {
  client: ['pos'],
  terminal: ['poi'],
  proxy: PROXY_OBSERVERS,
} as const satisfies Record<RoleConfig['role'], readonly Observer[]>;

/** Why no session manager runs, when the POS is not ours. */
const EXTERNAL_POS: Readonly<Partial<Record<RoleConfig['role'], string>>> = {
  terminal: 'terminal role: the POS is external',
  proxy: 'proxy role: the POS is external',
};

function samePeer(a: PeerTarget, b: PeerTarget): boolean {
  return a.kind === 'embedded' ? b.kind === 'embedded' : b.kind === 'external' && a.url === b.url;
}

/** Same trust and key: a change of either needs a new session manager (a new dialer). */
function sameTerminalApi(
  a: TerminalApiPeerSettings | undefined,
  b: TerminalApiPeerSettings | undefined,
): boolean {
  return (
    a?.caFile === b?.caFile &&
    a?.insecure === b?.insecure &&
    a?.key?.keyIdentifier === b?.key?.keyIdentifier &&
    a?.key?.keyVersion === b?.key?.keyVersion &&
    a?.key?.passphrase === b?.key?.passphrase
  );
}

/**
 * What run info says about the Terminal API settings in force: key names and trust, never the
 * passphrase (README "Terminal API wire"); undefined when no Terminal API applies.
 */
function terminalApiInfoOf(
  config: RoleConfig,
  caFile: string | undefined,
): TerminalApiInfo | undefined {
  const key = config.terminalApi?.key;
  const named =
    key === undefined ? {} : { keyIdentifier: key.keyIdentifier, keyVersion: key.keyVersion };
  if (config.role === 'terminal') {
    if (config.httpsPort === undefined) return undefined;
    return {
      ...named,
      requireEncryption: config.terminalApi?.requireEncryption === true,
      ...(caFile === undefined ? {} : { caFile }),
    };
  }
  // Client and proxy roles trust a terminal; the proxy's own CA file is in its run info.
  const peer = config.terminalApi;
  if (peer === undefined) return undefined;
  return {
    ...named,
    ...(peer.caFile === undefined ? {} : { caFile: peer.caFile }),
    ...(peer.insecure === true ? { insecure: true } : {}),
  };
}

const OFFLINE: Omit<SessionSnapshot, 'counters'> & { counters: SessionSnapshot['counters'] } = {
  state: 'offline',
  reason: 'not connected',
  dialing: false,
  counters: {
    logins: 0,
    loginAttempts: 0,
    busyRetries: 0,
    timeouts: 0,
    retries: 0,
    recoveredPayments: 0,
    reconnects: 0,
  },
  loginAttempts: 0,
  ops: [],
  queued: 0,
};

export function createRuntime(options: RuntimeOptions): Runtime {
  const { clock, store, publish } = options;
  let policy = options.policy;
  let config: RoleConfig = {
    role: 'client',
    peer: { kind: 'embedded' },
    profile: 'app2app',
    settings: {},
  };
  let simulator: Simulator | undefined;
  let proxyServer: ProxyServer | undefined;
  let stopProxyFeeds: (() => void)[] = [];
  let nexoUrl: string | null = null;
  /** Every address the simulator listens on, one per wire it serves. */
  let addresses: readonly WireAddress[] = [];
  /** The CA file of the simulator's Terminal API front, while it listens. */
  let caFile: string | undefined;
  let manager: SessionManager | undefined;
  let stopManagerFeeds: (() => void)[] = [];
  let stopSimulatorFeeds: (() => void)[] = [];
  let peerVersion: string | null = null;
  let ignoredRequests = 0;
  let recording = true;
  /** Pending notice of the skipped-events count while recording is off (at most one). */
  let skipNotice: TimerId | undefined;
  /** Pending push of the proxy's latency after the messages it carried (at most one). */
  let latencyNotice: TimerId | undefined;
  let lastSimulatorJson = '';
  let lastFaultsJson = '';
  let runCounter = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const newRun = (): RunTrace => {
    runCounter += 1;
    const embedded = needsSimulator(config);
    const settings = resolveSimulatorSettings(config.settings);
    return createRunTrace({
      runId: `${clock.wallNow().toString(36)}-${String(runCounter)}`,
      clock,
      observers: OBSERVERS_BY_ROLE[config.role],
      recording,
      header: {
        harnessVersion: HARNESS_VERSION,
        role: config.role,
        profile: embedded ? config.profile : config.role === 'proxy' ? 'proxy' : 'external',
        policy: { ...policy },
        ...(embedded && settings.ok
          ? { simulator: { ...settings.value, embedded: true, nexoUrl } }
          : {}),
        ...(config.role === 'client' && config.peer.kind === 'external'
          ? { peerUrl: config.peer.url }
          : {}),
        // The same header field as `a2a proxy --trace` writes.
        ...(config.role === 'proxy'
          ? { proxy: { listen: config.listen, upstream: config.upstream } }
          : {}),
      },
      onEvent: (event) => publish({ type: 'trace', event }),
      onSkipped: () => {
        skipNotice ??= clock.setTimeout(publishRecording, SKIP_NOTICE_MS);
      },
    });
  };
  let run = newRun();

  /** Says whether the run records and, while it does not, how many events it did not keep. */
  function publishRecording(): void {
    if (skipNotice !== undefined) clock.clearTimeout(skipNotice);
    skipNotice = undefined;
    publish({ type: 'recording', recording, skipped: run.skipped() });
  }

  const terminalApiField = (): { terminalApi?: TerminalApiInfo } => {
    const info = terminalApiInfoOf(config, caFile);
    return info === undefined ? {} : { terminalApi: info };
  };

  const runInfo = (): RunInfo => ({
    runId: run.runId,
    role: config.role,
    peer: peerOf(config),
    nexoUrl,
    ...(addresses.length === 0 ? {} : { addresses }),
    ...terminalApiField(),
    profile: needsSimulator(config) ? config.profile : null,
    ...(config.role === 'proxy'
      ? {
          proxy: {
            listen: config.listen,
            listenUrl: proxyServer?.listenUrl ?? null,
            upstream: config.upstream,
            ...(proxyServer?.caFile === undefined ? {} : { caFile: proxyServer.caFile }),
          },
        }
      : {}),
    header: run.header,
  });

  const sessionInfo = (): SessionInfo => {
    const snapshot = manager?.snapshot() ?? {
      ...OFFLINE,
      reason: EXTERNAL_POS[config.role] ?? 'not connected',
    };
    const now = clock.now();
    const embedded = needsSimulator(config) && config.role === 'client';
    return {
      role: config.role,
      connected: manager !== undefined,
      peer: peerOf(config),
      peerVersion: peerVersion ?? (embedded ? (simulator?.state().version ?? null) : null),
      profile: embedded ? config.profile : null,
      state: snapshot.state,
      reason: snapshot.reason,
      ...(snapshot.link === undefined ? {} : { link: snapshot.link }),
      dialing: snapshot.dialing,
      counters: { ...snapshot.counters, ignoredRequests: embedded ? ignoredRequests : null },
      loginAttempts: snapshot.loginAttempts,
      ops: snapshot.ops.map((o) => {
        const left = remaining(o.deadlineAt, now);
        return {
          op: o.op,
          name: o.name,
          stage: o.stage,
          serviceIds: o.serviceIds,
          ...(left === undefined ? {} : { remainingMs: left }),
        };
      }),
      queued: snapshot.queued,
      policy,
    };
  };

  const proxyInfo = (proxy: Proxy): ProxyInfo => {
    const { faults: armed, latency } = proxy.state();
    return { faults: armed, latency };
  };

  const simulatorInfo = (): SimulatorInfo => ({
    role: config.role,
    peer: peerOf(config),
    simulator: simulator?.state() ?? null,
    nexoUrl,
    ...(proxyServer === undefined ? {} : { proxy: proxyInfo(proxyServer.proxy) }),
  });

  const faults = (): readonly FaultAvailability[] =>
    faultAvailability({
      role: config.role,
      peer: peerOf(config),
      simulator: simulator !== undefined,
      connected: manager !== undefined,
      proxy: proxyServer !== undefined,
      ...(config.role === 'proxy' ? { proxyListen: config.listen.wire } : {}),
    });

  const publishSession = (): void => publish({ type: 'session', session: sessionInfo() });

  const publishSimulator = (): void => {
    const info = simulatorInfo();
    const json = JSON.stringify(info);
    if (json === lastSimulatorJson) return;
    lastSimulatorJson = json;
    publish({ type: 'simulator', simulator: info });
  };

  const publishFaults = (): void => {
    const list = faults();
    const json = JSON.stringify(list);
    if (json === lastFaultsJson) return;
    lastFaultsJson = json;
    publish({ type: 'faults', faults: list });
  };

  const publishAll = (): void => {
    publishSession();
    publishSimulator();
    publishFaults();
  };

  /** Every event of a piece goes to the trace of the run it was started in. */
  const onSimulatorEvent =
    (trace: RunTrace) =>
    (event: EventBody): void => {
      trace.record(event);
      if (event.kind === 'message') return;
      if (event.kind === 'poiSession' && event.change === 'ignored') {
        ignoredRequests += 1;
        publishSession();
      }
      publishSimulator();
    };

  const onManagerEvent =
    (trace: RunTrace) =>
    (event: EventBody): void => {
      trace.record(event);
      const version = peerVersionOf(event);
      if (version !== undefined && version !== peerVersion) {
        peerVersion = version;
        publishSession();
      }
    };

  const startSimulator = async (next: RoleConfig): Promise<Result<Simulator, string>> => {
    const settings = resolveSimulatorSettings(next.settings);
    if (!settings.ok) return err(`invalid simulator settings: ${settings.error}`);
    const key = next.role === 'terminal' ? next.terminalApi?.key : undefined;
    const created = createSimulator({
      clock,
      profile: next.profile,
      settings: settings.value,
      ...(next.role === 'terminal'
        ? {
            terminalApi: {
              ...(key === undefined ? {} : { key }),
              requireEncryption: next.terminalApi?.requireEncryption === true,
            },
          }
        : {}),
    });
    try {
      const listening = await created.listen(
        next.role === 'terminal'
          ? {
              port: next.port,
              ...(next.tcpPort === undefined ? {} : { tcpPort: next.tcpPort }),
              ...(next.httpPort === undefined ? {} : { httpPort: next.httpPort }),
              // The TLS identity lives in the core's data folder and is reused between runs,
              // so a POS trusts the same CA file after a restart (README "Terminal API wire").
              ...(next.httpsPort === undefined
                ? {}
                : { httpsPort: next.httpsPort, dataDir: store.dataDir }),
            }
          : { port: 0 },
      );
      nexoUrl = listening.nexoUrl;
      caFile = listening.caFile;
      addresses = SIMULATOR_WIRES.flatMap((wire) => {
        const url = addressOf(listening, wire);
        return url === undefined ? [] : [{ wire, url }];
      });
      return ok(created);
    } catch (error) {
      await created.close();
      const where = next.role === 'terminal' ? ` on ${describePorts(next)}` : '';
      return err(`the simulator cannot listen${where}: ${(error as Error).message}`);
    }
  };

  const publishLatency = (): void => {
    latencyNotice = undefined;
    publishSimulator();
  };

  /**
   * The proxy's events go to the trace of the run it was started in (ledger events included);
   * a fault armed, hit or taken back shows at once, the latency of messages a moment later.
   */
  const onProxyEvent =
    (trace: RunTrace) =>
    (event: EventBody): void => {
      trace.record(event);
      if (event.kind === 'message')
        latencyNotice ??= clock.setTimeout(publishLatency, LATENCY_NOTICE_MS);
      else publishSimulator();
    };

  const startProxy = async (
    next: Extract<RoleConfig, { role: 'proxy' }>,
  ): Promise<Result<ProxyServer, string>> => {
    // The URL passed the endpoint parser at the edge (IPC schema); parsed again for its wire.
    const upstream = parseEndpoint(next.upstream);
    if (!upstream.ok) return err(`the terminal endpoint ${upstream.error}`);
    const served = await serveProxy({
      clock,
      listen: next.listen,
      upstream: upstream.value,
      ...(next.terminalApi === undefined ? {} : { terminalApi: next.terminalApi }),
      // The POS keeps trusting the proxy's CA across runs, as it does the simulator's.
      dataDir: store.dataDir,
    });
    return served.ok ? served : err(`the proxy cannot start: ${served.error}`);
  };

  const startManager = (): void => {
    const url =
      config.role === 'client' && config.peer.kind === 'external' ? config.peer.url : nexoUrl;
    if (url === null) return;
    // The URL passed the endpoint parser at the edge (IPC schema); a failure here is a bug.
    const terminalApi = config.role === 'client' ? config.terminalApi : undefined;
    const dialer = dialerForUrl(url, terminalApi === undefined ? {} : { terminalApi });
    if (!dialer.ok) throw new Error(dialer.error);
    const created = createSessionManager({
      clock,
      random: seededRandom(clock.wallNow()),
      dialer: dialer.value,
      policy,
      serviceIds: store.serviceIds,
      journal: store.journal,
    });
    manager = created;
    stopManagerFeeds = [
      created.onEvent(onManagerEvent(run)),
      created.onSnapshot(() => publishSession()),
    ];
    created.start();
  };

  const stopManager = async (): Promise<void> => {
    const running = manager;
    if (running === undefined) return;
    // Stopping still records the last transitions; then the feeds end.
    await running.stop();
    for (const stop of stopManagerFeeds.splice(0)) stop();
    manager = undefined;
  };

  const stopSimulator = async (): Promise<void> => {
    const running = simulator;
    if (running === undefined) return;
    await running.close();
    for (const stop of stopSimulatorFeeds.splice(0)) stop();
    simulator = undefined;
    nexoUrl = null;
    addresses = [];
    caFile = undefined;
  };

  const stopProxy = async (): Promise<void> => {
    const running = proxyServer;
    if (running === undefined) return;
    // Closing still records the links it cuts; then the feed ends.
    await running.close();
    for (const stop of stopProxyFeeds.splice(0)) stop();
    proxyServer = undefined;
  };

  const teardown = async (): Promise<void> => {
    if (skipNotice !== undefined) clock.clearTimeout(skipNotice);
    skipNotice = undefined;
    if (latencyNotice !== undefined) clock.clearTimeout(latencyNotice);
    latencyNotice = undefined;
    await stopManager();
    await stopSimulator();
    await stopProxy();
  };

  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    // The queue goes on after a failed task; the caller still sees the failure.
    queue = result.catch(() => undefined);
    return result;
  };

  const configure = async (next: RoleConfig): Promise<Result<void, string>> => {
    const settings = resolveSimulatorSettings(next.settings);
    if (!settings.ok) return err(`invalid simulator settings: ${settings.error}`);
    await teardown();
    config = next;
    peerVersion = null;
    ignoredRequests = 0;
    let problem: string | undefined;
    if (needsSimulator(next)) {
      const started = await startSimulator(next);
      if (started.ok) simulator = started.value;
      else problem = started.error;
    }
    if (next.role === 'proxy') {
      const started = await startProxy(next);
      if (started.ok) proxyServer = started.value;
      else problem = started.error;
    }
    // The run starts once the simulator listens, so its header and RunInfo name the URL.
    run = newRun();
    publish({ type: 'run', run: runInfo() });
    if (simulator !== undefined) {
      // The first subscriber also gets the simulator's start-up events (initialising).
      stopSimulatorFeeds = [simulator.onEvent(onSimulatorEvent(run))];
    }
    if (proxyServer !== undefined) {
      stopProxyFeeds = [proxyServer.proxy.onEvent(onProxyEvent(run))];
    }
    if (next.role === 'client' && problem === undefined) startManager();
    publishAll();
    return problem === undefined ? ok(undefined) : err(problem);
  };

  const connect = async (
    peer: PeerTarget,
    terminalApi?: TerminalApiPeerSettings,
  ): Promise<Result<void, string>> => {
    if (
      config.role === 'client' &&
      samePeer(config.peer, peer) &&
      sameTerminalApi(config.terminalApi, terminalApi)
    ) {
      if (manager !== undefined) return ok(undefined);
      if (peer.kind === 'external' || simulator !== undefined) {
        startManager();
        publishAll();
        return ok(undefined);
      }
    }
    return configure({
      role: 'client',
      peer,
      ...(terminalApi === undefined ? {} : { terminalApi }),
      profile: config.profile,
      settings: config.settings,
    });
  };

  const disconnect = async (): Promise<void> => {
    await stopManager();
    publishAll();
  };

  const setPolicy = async (next: SessionPolicy): Promise<Result<boolean, string>> => {
    const running = manager;
    if (running === undefined) {
      policy = next;
      publishSession();
      return ok(false);
    }
    const snapshot = running.snapshot();
    const busy = snapshot.ops.length + snapshot.queued;
    if (busy > 0)
      return err(
        `${String(busy)} operation(s) in flight: the policy applies by restarting the session manager, which would end them; try again when it is idle`,
      );
    policy = next;
    await stopManager();
    startManager();
    publishAll();
    return ok(true);
  };

  return {
    serial,
    settled: () => serial(() => Promise.resolve()),
    configure: (next) => serial(() => configure(next)),
    connect: (peer, terminalApi) => serial(() => connect(peer, terminalApi)),
    disconnect: () => serial(disconnect),
    setPolicy: (next) => serial(() => setPolicy(next)),
    config: () => config,
    policy: () => policy,
    run: () => run,
    runInfo,
    simulator: () => simulator,
    proxy: () => proxyServer?.proxy,
    manager: () => manager,
    sessionInfo,
    simulatorInfo,
    faults,
    setRecording(on) {
      recording = on;
      run.setRecording(on);
      publishRecording();
    },
    stop: () => serial(teardown),
  };
}
