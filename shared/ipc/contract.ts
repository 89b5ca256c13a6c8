import type { Wire } from '../link/endpoint';
import type {
  TerminalApiInfo,
  TerminalApiListenSettings,
  TerminalApiPeerSettings,
} from './terminal-api';
import type { Result } from '../result';
import type { StepKind } from '../scenario/schema';
import type { OpStage, SessionCounters } from '../session/model';
import type {
  OperationOutcomeKind,
  OpName,
  PaymentOutcomeKind,
  PaymentResultKind,
  TransactionRef,
} from '../session/outcomes';
import type { SessionPolicy } from '../session/policy';
import type { SessionStateId } from '../session/states';
import type { WindowSettings } from '../settings/window-settings';
import type { ArmedFaultKind, SimulatorStateSnapshot } from '../simulator/control';
import type { FaultCommandInput, FaultName } from '../simulator/faults';
import type { ProfileName, SimulatorSettings } from '../simulator/profiles';
import type { LedgerEntry, OpPhase, TraceEvent, TraceHeader } from '../trace/events';
import type { Verdict } from '../trace/checkers/types';
import type { MermaidSelection } from '../trace/mermaid';
import type { TraceWarning } from '../trace/reader';
import type { ProxyArmedFaultKind } from '../proxy/faults';
import type {
  ProxyConfigureRequest,
  ProxyInfo,
  ProxyOnlyFaultName,
  ProxyOnlyFaultRequest,
  ProxyRunInfo,
} from './proxy';

/**
 * The HarnessApi contract: what the renderer may ask the harness core (calls, `domain:verb`) and
 * what the core pushes to the renderer (pushes, `domain:event`). Everything else in `shared/ipc`
 * (schemas, channel lists, the `window.api` shape, the core's handler table) is derived from the
 * two tables below, so adding a channel is adding one entry here and one schema entry, and a
 * channel without a schema or a handler is a compile error.
 */

/** How the renderer reaches the core: Electron IPC or the browser-mode WebSocket bridge. */
export type HarnessMode = 'electron' | 'browser';

/** What the core says about itself (answer of `app:info`). */
export interface AppInfo {
  readonly productName: string;
  readonly version: string;
  /** When this core started, ISO 8601 UTC. */
  readonly startedAt: string;
  readonly mode: HarnessMode;
}

/**
 * Which part the harness plays: the POS (client role), the payment application (terminal role),
 * or the middle between a real POS and a real terminal (proxy role).
 */
export type HarnessRole = 'client' | 'terminal' | 'proxy';

/**
 * Whom the client role's session manager talks to: the embedded simulator (default) or any
 * external endpoint on any wire (README "Wires"; `parseEndpoint` says which forms).
 */
export type PeerTarget =
  { readonly kind: 'embedded' } | { readonly kind: 'external'; readonly url: string };

/** One address a listening side of the harness serves, and the wire it speaks there. */
export interface WireAddress {
  readonly wire: Wire;
  readonly url: string;
}

/**
 * One run: what happened since the role or the peer last changed. A new run has a new trace
 * (new header, `seq` from 1); the renderer resets its timeline when the `runId` changes.
 */
export interface RunInfo {
  readonly runId: string;
  readonly role: HarnessRole;
  /** Client role: the peer; null in terminal role. */
  readonly peer: PeerTarget | null;
  /**
   * Where the embedded simulator accepts POS links (`ws://127.0.0.1:PORT/nexo`): the peer of the
   * client role, or where the external POS connects in terminal role. Null with an external peer
   * or while it is not listening yet.
   */
  readonly nexoUrl: string | null;
  /**
   * Every address the embedded simulator listens on, one per wire it serves (the WebSocket one
   * included); absent while it does not listen.
   */
  readonly addresses?: readonly WireAddress[];
  /**
   * The Terminal API key and trust in force (README "Terminal API wire"): the terminal role's
   * key and CA file, or the client role's key and trust towards a Terminal API peer. Never the
   * passphrase; absent when none applies.
   */
  readonly terminalApi?: TerminalApiInfo;
  /** The embedded simulator's profile; null with an external peer. */
  readonly profile: ProfileName | null;
  /** Proxy role: where the POS connects and the terminal behind it. */
  readonly proxy?: ProxyRunInfo;
  /** The header of this run's trace (what `trace:save` writes first). */
  readonly header: TraceHeader;
}

/** One operation of the session manager in flight, as the session panel shows it. */
export interface OpInFlight {
  /** Operation id, as in the trace's `op` events and in {@link OperationResult.op}. */
  readonly op: string;
  readonly name: OpName;
  readonly stage: OpStage;
  readonly serviceIds: readonly string[];
  /** Milliseconds left until the operation's next deadline when the snapshot was taken. */
  readonly remainingMs?: number;
}

/** The session manager's counters plus what only the embedded simulator can see. */
export interface SessionCountersInfo extends Readonly<SessionCounters> {
  /**
   * Requests the payment application ignored because no session was open (seen by the embedded
   * simulator in this run); null with an external peer, which does not tell.
   */
  readonly ignoredRequests: number | null;
}

/** Answer of `session:snapshot` and payload of the `session` event. */
export interface SessionInfo {
  readonly role: HarnessRole;
  /** True while a session manager runs (client role, after `session:connect`). */
  readonly connected: boolean;
  readonly peer: PeerTarget | null;
  /** The payment application's software version (last LoginResponse, or the embedded simulator). */
  readonly peerVersion: string | null;
  /** The embedded simulator's profile; null with an external peer or in terminal role. */
  readonly profile: ProfileName | null;
  /** The state machine's state (`offline` when no session manager runs); `ready` = open session. */
  readonly state: SessionStateId;
  /** Why the last transition happened. */
  readonly reason: string;
  readonly link?: string;
  readonly dialing: boolean;
  readonly counters: SessionCountersInfo;
  /** Login requests sent in the running login sequence (0 when none runs). */
  readonly loginAttempts: number;
  readonly ops: readonly OpInFlight[];
  /** Requests waiting for an open session. */
  readonly queued: number;
  /** The policy in force (or the one the next connect uses). */
  readonly policy: SessionPolicy;
}

/** `session:connect`: the embedded simulator or an external endpoint (client role only). */
export type ConnectRequest =
  | { readonly peer: 'embedded' }
  | {
      readonly peer: 'external';
      readonly url: string;
      /** Trust and key towards a Terminal API endpoint; other wires refuse it. */
      readonly terminalApi?: TerminalApiPeerSettings;
    };

/** Answer of `session:setPolicy`. */
export interface PolicyChange {
  readonly policy: SessionPolicy;
  /** True when a running session manager was restarted to apply it (it was idle). */
  readonly restarted: boolean;
}

/** `requests:pay`: the amount as a decimal string (`"12.50"`), converted exactly to minor units. */
export interface PayCall {
  readonly amount: string;
  readonly currency: string;
  readonly paymentType?: 'Normal' | 'Refund';
  /** SaleTransactionID.TransactionID (1–35 letters and digits); generated when absent. */
  readonly saleTransactionId?: string;
}

/**
 * The final outcome of one operation started through `requests:*`, flattened for display. The
 * `kind` is the outcome name of shared/session (`approved`, `recovered`, `notProcessed`,
 * `unknown`, `failed`, `succeeded`, `declined`, `partial`).
 */
export interface OperationResult {
  /** Operation id, as in the trace's `op` events (so the UI can find its rows). */
  readonly op: string;
  readonly name: OpName;
  readonly kind: PaymentOutcomeKind | OperationOutcomeKind;
  /** `ok` a known answer, `fail` did not take effect, `info` nobody knows (indeterminate). */
  readonly phase: OpPhase;
  /** One line for the place where the operation was started, e.g. `approved 12.50 EUR`. */
  readonly summary: string;
  /** Every ServiceID the operation sent, in order. */
  readonly serviceIds: readonly string[];
  readonly serviceId?: string;
  /** Why it failed, was not processed, or is unknown. */
  readonly reason?: string;
  readonly result?: PaymentResultKind;
  readonly errorCondition?: string;
  readonly additionalResponse?: string;
  /** Payments: the amount asked for and the amount authorised, as decimal text. */
  readonly amount?: string;
  readonly authorisedAmount?: string;
  readonly currency?: string;
  readonly saleTransactionId?: TransactionRef;
  readonly poiTransactionId?: TransactionRef;
  /** Payments: TransactionStatus ServiceIDs sent to recover the outcome. */
  readonly statusServiceIds?: readonly string[];
  /** Payments resent after status said NotFound: the first ServiceID. */
  readonly resentAfter?: string;
  /** A failed request that went out and whose answer was lost. */
  readonly indeterminate?: boolean;
}

/** An approved payment of this core's life that a Reversal can name (`requests:approvals`). */
export interface ApprovedPayment {
  readonly op: string;
  readonly poiTransactionId: TransactionRef;
  readonly saleTransactionId: TransactionRef;
  readonly amount: string;
  readonly currency: string;
  readonly serviceId?: string;
  /** True once a Reversal of it succeeded. */
  readonly reversed: boolean;
}

/** The faults only the POS side can play: "Restart POS app" and "Logout". */
export type ClientFaultName = 'restartClient' | 'logout';
/** Every fault of the fault panel: the simulator's, the client-side ones and the proxy's own. */
export type HarnessFaultName = FaultName | ClientFaultName | ProxyOnlyFaultName;
/**
 * `faults:apply`: a simulator fault command (fields with defaults, `linkId` and `phase`, may be
 * left out) or a client-side fault.
 */
export type FaultRequest =
  | FaultCommandInput
  | { readonly fault: 'restartClient' }
  | { readonly fault: 'logout' }
  | ProxyOnlyFaultRequest;

/** Answer of `faults:apply`. */
export interface FaultApplied {
  readonly fault: HarnessFaultName;
  /** What was done, e.g. `armed: the next 3 Logins answer Busy`. */
  readonly message: string;
}

/** One kind of armed fault: the embedded simulator's, or (proxy role) the proxy's in the middle. */
export type HarnessArmedKind = ArmedFaultKind | ProxyArmedFaultKind;

/** `faults:disarm`: one kind of armed fault, or (without `armed`) every one. */
export interface FaultDisarmRequest {
  readonly armed?: HarnessArmedKind;
}

/** One fault as the fault panel shows it (`faults:available`, `faults` event). */
export interface FaultAvailability {
  readonly fault: HarnessFaultName;
  /** The button's accessible name, e.g. "Restart payment app". */
  readonly label: string;
  /** The real-world event it stands for (the tooltip). */
  readonly description: string;
  readonly enabled: boolean;
  /** Why it is disabled. */
  readonly reason?: string;
}

/** `simulator:configure`: the role, its peer or port, and the simulator's profile and settings. */
export type ConfigureRequest =
  | {
      readonly role: 'client';
      readonly peer:
        | 'embedded'
        | {
            readonly url: string;
            /** Trust and key towards a Terminal API endpoint; other wires refuse it. */
            readonly terminalApi?: TerminalApiPeerSettings;
          };
      readonly profile?: ProfileName;
      readonly settings?: Partial<SimulatorSettings>;
    }
  | {
      readonly role: 'terminal';
      /** The WebSocket front's port on 127.0.0.1 (0 = any free port). */
      readonly port: number;
      /** nexo over TCP on this port too (0 = any free port); absent: no TCP front. */
      readonly tcpPort?: number;
      /** Market Pay's Local API over HTTP on this port too (0 = any free port); absent: none. */
      readonly httpPort?: number;
      /** The Terminal API over HTTPS on this port too (0 = any free port); absent: none. */
      readonly httpsPort?: number;
      /** The key and encryption requirement of the Terminal API front. */
      readonly terminalApi?: TerminalApiListenSettings;
      readonly profile?: ProfileName;
      readonly settings?: Partial<SimulatorSettings>;
    }
  | ProxyConfigureRequest;

/** Answer of `simulator:state` and `simulator:configure`, payload of the `simulator` event. */
export interface SimulatorInfo {
  readonly role: HarnessRole;
  readonly peer: PeerTarget | null;
  /** The embedded simulator; null when the client role talks to an external peer. */
  readonly simulator: SimulatorStateSnapshot | null;
  /** Where a POS connects (terminal role) or the client connects (embedded peer). */
  readonly nexoUrl: string | null;
  /** Proxy role, while the proxy listens: its armed faults and the latency it adds. */
  readonly proxy?: ProxyInfo;
}

/** Answer of `trace:status` and `trace:setRecording`. */
export interface TraceStatus {
  readonly runId: string;
  /** When off, nothing is stamped: the trace and the live timeline pause; the session panel stays live. */
  readonly recording: boolean;
  /** Events not kept since recording was switched off (0 while recording). */
  readonly skipped: number;
  /** Events recorded in this run (the last `seq`). */
  readonly events: number;
  readonly header: TraceHeader;
}

/** A trace as a file: what `trace:save` answers and `trace:exportMermaid` too. */
export interface TraceFile {
  /** A suggested file name, e.g. `a2a-2026-03-04T10-30-00Z-client.jsonl`. */
  readonly fileName: string;
  readonly text: string;
}

/** Answer of `trace:saveAs` (Electron only: main's native save dialog writes the file). */
export type SaveAsResult =
  { readonly kind: 'saved'; readonly path: string } | { readonly kind: 'cancelled' };

/**
 * What `report:export` and `report:saveAs` write (README "Reports"): the HTML report of the
 * current run, of a trace the user opened (its text), or the results of the last scenario batch
 * as one HTML file or as JUnit XML.
 */
export type ReportRequest =
  | { readonly kind: 'run' }
  | { readonly kind: 'trace'; readonly text: string; readonly fileName: string }
  | {
      readonly kind: 'scenarios';
      readonly batchId: string;
      readonly format: 'html' | 'junit';
    };

/** `trace:open`: the text of a trace file the user picked. */
export interface OpenTraceRequest {
  readonly text: string;
  readonly fileName: string;
}

/** Answer of `trace:open`: the parsed trace, or why it is corrupt and on which line. */
export type OpenedTrace =
  | {
      readonly kind: 'parsed';
      readonly fileName: string;
      readonly header: TraceHeader;
      readonly events: readonly TraceEvent[];
      readonly warnings: readonly TraceWarning[];
    }
  | {
      readonly kind: 'corrupt';
      readonly fileName: string;
      /** 1-based line of the problem. */
      readonly line: number;
      readonly reason: string;
      /** `fileName line N: reason`, ready to show. */
      readonly message: string;
    };

/** `events:since`: the current run's events after `afterSeq`, at most `limit` (default 5000). */
export interface EventsSinceRequest {
  readonly afterSeq: number;
  readonly limit?: number;
}

/** Answer of `events:since`: one page of the current run's backlog. */
export interface EventsPage {
  readonly runId: string;
  readonly events: readonly TraceEvent[];
  /** The run's last `seq` when answered. */
  readonly lastSeq: number;
  /** True when more events follow the page (ask again from the page's last `seq`). */
  readonly more: boolean;
}

/** One scenario the scenarios panel lists (`scenarios:list`). */
export interface ScenarioInfo {
  /** The scenario's kebab-case name: how `scenarios:run` and the results name it. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** The simulator profile the scenario runs against. */
  readonly profile: ProfileName;
  /** How many steps it has. */
  readonly steps: number;
  /** `builtIn`: one of the harness's packs; `custom`: a file given at start-up. */
  readonly source: 'builtIn' | 'custom';
}

/** Answer of `scenarios:list`: the scenarios found, and the files that could not be read. */
export interface ScenarioCatalogue {
  readonly scenarios: readonly ScenarioInfo[];
  /** One line per unreadable or invalid file (naming the step index and field). */
  readonly problems: readonly string[];
}

/** `scenarios:run`: which scenarios to run (by name, in order, or every one listed). */
export interface RunScenariosRequest {
  readonly names: readonly string[] | 'all';
  /** Seeds every run (default 1): the same seed gives the same run. */
  readonly seed?: number;
}

/** What happened to one step of a scenario run. */
export interface ScenarioStepReport {
  /** Position in the scenario's steps, from 0. */
  readonly index: number;
  readonly kind: StepKind;
  readonly id?: string;
  /** One line, e.g. `pay 12.50 [p1]`. */
  readonly description: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped; for a passed operation step, its outcome. */
  readonly message?: string;
  /** Scenario time (ms since the run started) when the step began, and how long it took. */
  readonly at: number;
  readonly ms: number;
}

/** The result of one scenario run (its trace is fetched page by page with `scenarios:trace`). */
export interface ScenarioReport {
  readonly name: string;
  readonly title: string;
  /** True when every step passed (and, without an `expectVerdicts` step, every checker). */
  readonly pass: boolean;
  /** One line per problem, first one first (empty when the scenario passed). */
  readonly failures: readonly string[];
  readonly steps: readonly ScenarioStepReport[];
  /** Every checker's verdicts on the run's whole trace; `events` are seqs of that trace. */
  readonly verdicts: readonly Verdict[];
  /** Events in the run's trace. */
  readonly events: number;
  /** Scenario (virtual) time the run took, and wall time on this machine, in ms. */
  readonly durationMs: number;
  readonly wallMs: number;
  readonly seed: number;
}

/**
 * One press of "Run" or "Run all": the scenarios it runs, one after another in virtual time,
 * and the results so far. The core keeps the last batch (and its traces) only.
 */
export interface ScenarioBatch {
  readonly batchId: string;
  /** The scenarios of the batch, in run order. */
  readonly names: readonly string[];
  readonly running: boolean;
  /** The scenario running now; null between runs and once the batch is over. */
  readonly current: string | null;
  /** The finished runs, in run order. */
  readonly results: readonly ScenarioReport[];
  /** ISO 8601 UTC. */
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** The progress of a batch, as the event stream carries it (discriminated on `kind`). */
export type ScenarioProgress =
  /** The greeting: the last batch (running or done), or null when none ran yet. */
  | { readonly kind: 'snapshot'; readonly batch: ScenarioBatch | null }
  | {
      readonly kind: 'started';
      readonly batchId: string;
      readonly names: readonly string[];
      readonly startedAt: string;
    }
  /** Scenario `index` of the batch has started. */
  | {
      readonly kind: 'running';
      readonly batchId: string;
      readonly index: number;
      readonly name: string;
    }
  | {
      readonly kind: 'result';
      readonly batchId: string;
      readonly index: number;
      readonly result: ScenarioReport;
    }
  | {
      readonly kind: 'finished';
      readonly batchId: string;
      readonly passed: number;
      readonly failed: number;
      readonly finishedAt: string;
    };

/** `scenarios:trace`: one page of a finished run's trace (of the last batch). */
export interface ScenarioTraceRequest {
  readonly batchId: string;
  readonly name: string;
  readonly afterSeq: number;
  /** Events per page (default 2000): pages keep every browser-mode frame well under 1 MiB. */
  readonly limit?: number;
}

/** Answer of `scenarios:trace`. */
export interface ScenarioTracePage {
  readonly batchId: string;
  readonly name: string;
  readonly header: TraceHeader;
  readonly events: readonly TraceEvent[];
  /** The run's last `seq`. */
  readonly lastSeq: number;
  /** True when more events follow the page (ask again from the page's last `seq`). */
  readonly more: boolean;
}

/**
 * Every checker's verdicts on the current run's live trace (both roles; in terminal role they
 * judge the external POS). Recomputed while events arrive, at most every 250 ms and less often
 * when the trace is so long that judging it would take more than a fifth of the time.
 */
export interface LiveVerdicts {
  readonly runId: string;
  /** The last `seq` the verdicts judged (0 = nothing recorded yet). */
  readonly throughSeq: number;
  readonly verdicts: readonly Verdict[];
  /** True when every verdict passes. */
  readonly pass: boolean;
}

/**
 * Greets each new subscriber of the event stream: from this batch on it receives every event.
 * The renderer uses it to know that the push channel is live (again, after a reconnect), and to
 * catch up: the greeting batch also carries `run`, `session`, `simulator`, `faults` and
 * `recording` events; every `trace` event with `seq > lastSeq` of run `runId` follows on the
 * stream, and the ones up to `lastSeq` come from `events:since` (page from `afterSeq: 0`).
 */
export interface HelloEvent {
  readonly type: 'hello';
  /** When the subscription started, ISO 8601 UTC. */
  readonly at: string;
  readonly runId: string;
  /** The run's last stamped `seq` when the subscription started (0 = nothing yet). */
  readonly lastSeq: number;
}

/** A new run started (role or peer changed): reset the timeline; its trace events follow. */
export interface RunEvent {
  readonly type: 'run';
  readonly run: RunInfo;
}

/**
 * One stamped event of the current run: the client's view of the wire plus every simulator
 * non-wire event in client role with the embedded simulator; the simulator's view in terminal role.
 */
export interface TraceStreamEvent {
  readonly type: 'trace';
  readonly event: TraceEvent;
}

/** The session changed (state, counters, ops, peer, policy). */
export interface SessionChangedEvent {
  readonly type: 'session';
  readonly session: SessionInfo;
}

/** The embedded simulator's state changed (lifecycle, links, sessions, armed faults, ledger). */
export interface SimulatorChangedEvent {
  readonly type: 'simulator';
  readonly simulator: SimulatorInfo;
}

/** Which faults apply changed (role, peer or connection changed). */
export interface FaultsChangedEvent {
  readonly type: 'faults';
  readonly faults: readonly FaultAvailability[];
}

/**
 * Recording was switched on or off; while it is off, also how many events were not kept so far
 * (sent again as the count grows, a few times a second at most).
 */
export interface RecordingEvent {
  readonly type: 'recording';
  readonly recording: boolean;
  /** Events not kept since recording was switched off (0 while recording). */
  readonly skipped: number;
}

/** Progress of a scenario batch (and, in the greeting, the last batch). */
export interface ScenariosEvent {
  readonly type: 'scenarios';
  readonly progress: ScenarioProgress;
}

/** The live verdicts changed (and, in the greeting, the current ones). */
export interface VerdictsEvent {
  readonly type: 'verdicts';
  readonly verdicts: LiveVerdicts;
}

/** Everything the core pushes on the event stream (discriminated on `type`). */
export type HarnessEvent =
  | HelloEvent
  | RunEvent
  | TraceStreamEvent
  | SessionChangedEvent
  | SimulatorChangedEvent
  | FaultsChangedEvent
  | RecordingEvent
  | ScenariosEvent
  | VerdictsEvent;

/** Why a call failed. Expected failures are values; only bugs throw. */
export type ApiErrorKind =
  /** The payload or the channel does not match the contract. */
  | 'invalid-request'
  /** The transport to the core is down (browser mode between reconnects). */
  | 'disconnected'
  /** The caller is not allowed to use the API (e.g. an IPC message from a foreign frame). */
  | 'forbidden'
  /** The call cannot apply now (e.g. a client request in terminal role); the message says why. */
  | 'unavailable'
  /** The core failed unexpectedly while answering (a bug; the message says where). */
  | 'internal';

/** A failed call as the renderer sees it. */
export interface ApiError {
  readonly kind: ApiErrorKind;
  readonly message: string;
}

/** What every call resolves to. */
export type ApiResult<T> = Result<T, ApiError>;

/**
 * Every call: its request payload (`undefined` = the method takes no argument) and its answer.
 */
export interface CallContract {
  'app:info': { readonly request: undefined; readonly response: AppInfo };

  'session:snapshot': { readonly request: undefined; readonly response: SessionInfo };
  /** Client role: (re)connects the session manager to a peer; a new peer starts a new run. */
  'session:connect': { readonly request: ConnectRequest; readonly response: SessionInfo };
  /** Stops the session manager (logs nothing out; the link closes). */
  'session:disconnect': { readonly request: undefined; readonly response: SessionInfo };
  'session:getPolicy': { readonly request: undefined; readonly response: SessionPolicy };
  /** Validated partial policy, merged over the current one. */
  'session:setPolicy': {
    readonly request: Partial<SessionPolicy>;
    readonly response: PolicyChange;
  };

  'requests:login': { readonly request: undefined; readonly response: OperationResult };
  'requests:logout': { readonly request: undefined; readonly response: OperationResult };
  'requests:pay': { readonly request: PayCall; readonly response: OperationResult };
  'requests:status': {
    readonly request: { readonly serviceId?: string };
    readonly response: OperationResult;
  };
  /** Without `poiTransactionId`: the last approved payment of this core that is not reversed. */
  'requests:reverse': {
    readonly request: { readonly poiTransactionId?: string };
    readonly response: OperationResult;
  };
  /** Without `serviceId`: the payment in flight. */
  'requests:abort': {
    readonly request: { readonly serviceId?: string };
    readonly response: OperationResult;
  };
  'requests:admin': {
    readonly request: { readonly kind?: 'diagnosis' | 'update' };
    readonly response: OperationResult;
  };
  /** Approved payments of this core's life, newest first (for the Reversal picker). */
  'requests:approvals': {
    readonly request: undefined;
    readonly response: readonly ApprovedPayment[];
  };

  'faults:apply': { readonly request: FaultRequest; readonly response: FaultApplied };
  'faults:available': {
    readonly request: undefined;
    readonly response: readonly FaultAvailability[];
  };
  /**
   * Takes back armed faults of the embedded simulator before they hit: one kind (`armed`), or
   * every armed one. Answers the simulator's state after it.
   */
  'faults:disarm': { readonly request: FaultDisarmRequest; readonly response: SimulatorInfo };

  /** Switches role, peer, profile or settings: stops the old pieces, starts new ones, new run. */
  'simulator:configure': { readonly request: ConfigureRequest; readonly response: SimulatorInfo };
  'simulator:state': { readonly request: undefined; readonly response: SimulatorInfo };
  /** The embedded simulator's ledger (unavailable with an external peer). */
  'simulator:ledger': { readonly request: undefined; readonly response: readonly LedgerEntry[] };
  /** The embedded simulator back to a fresh start: links closed, sessions, ledger and armed faults forgotten. */
  'simulator:reset': { readonly request: undefined; readonly response: SimulatorInfo };

  'trace:status': { readonly request: undefined; readonly response: TraceStatus };
  'trace:setRecording': {
    readonly request: { readonly on: boolean };
    readonly response: TraceStatus;
  };
  /** The current run's trace as text, for a download (browser mode). */
  'trace:save': { readonly request: undefined; readonly response: TraceFile };
  /** Electron: main shows a native save dialog and writes the trace; unavailable in browser mode. */
  'trace:saveAs': { readonly request: undefined; readonly response: SaveAsResult };
  /**
   * Parses a trace file (validation at the edge). Browser-mode frames are at most 1 MiB; for
   * larger files the renderer parses locally with the same pure `parseTrace`.
   */
  'trace:open': { readonly request: OpenTraceRequest; readonly response: OpenedTrace };
  /** The current run's flow (or the selected part) as a Mermaid `sequenceDiagram`. */
  'trace:exportMermaid': { readonly request: MermaidSelection; readonly response: TraceFile };

  /**
   * A report as a file, for a download (browser mode): the HTML report of the current run or of
   * an opened trace, or the last scenario batch's results as HTML or JUnit XML. A corrupt trace,
   * an empty run or a batch that is not the last one is `unavailable`, with the reason.
   */
  'report:export': { readonly request: ReportRequest; readonly response: TraceFile };
  /** Electron: main shows a native save dialog and writes the report; unavailable in browser mode. */
  'report:saveAs': { readonly request: ReportRequest; readonly response: SaveAsResult };

  /** The current run's backlog, paged: how a (re)loaded renderer shows the whole timeline. */
  'events:since': { readonly request: EventsSinceRequest; readonly response: EventsPage };
  /** The scenarios the panel can run: the built-in packs (and files given at start-up). */
  'scenarios:list': { readonly request: undefined; readonly response: ScenarioCatalogue };
  /**
   * Runs scenarios one after another in virtual time; progress comes on the event stream
   * (`scenarios` events). Resolves with the whole batch when the last run ends. One batch at a
   * time: while one runs, another is `unavailable`.
   */
  'scenarios:run': { readonly request: RunScenariosRequest; readonly response: ScenarioBatch };
  /** The last batch (running or done), or null. */
  'scenarios:batch': { readonly request: undefined; readonly response: ScenarioBatch | null };
  /** One page of the trace of a finished run of the last batch. */
  'scenarios:trace': {
    readonly request: ScenarioTraceRequest;
    readonly response: ScenarioTracePage;
  };

  /** The checkers' verdicts on the current run's live trace, judged now. */
  'verdicts:current': { readonly request: undefined; readonly response: LiveVerdicts };

  /** What the window remembers across restarts (theme, pane sizes), kept in the data folder. */
  'settings:get': { readonly request: undefined; readonly response: WindowSettings };
  /** Merges the given settings over the kept ones, writes them, and answers them all. */
  'settings:set': {
    readonly request: Partial<WindowSettings>;
    readonly response: WindowSettings;
  };
}

/** Every push: its payload. The event stream carries batches (flushed at most ~30 times a second). */
export interface PushContract {
  'events:batch': readonly HarnessEvent[];
}

/** A call channel name, `domain:verb`. */
export type CallChannel = keyof CallContract;
/** A push channel name, `domain:event`. */
export type PushChannel = keyof PushContract;
/** The request payload of a call. */
export type CallRequest<C extends CallChannel> = CallContract[C]['request'];
/** The successful answer of a call. */
export type CallResponse<C extends CallChannel> = CallContract[C]['response'];
/** The payload of a push. */
export type PushPayload<P extends PushChannel> = PushContract[P];

/** Stops a subscription. */
export type Unsubscribe = () => void;

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type NameOf<C extends string> = C extends `${string}:${infer N}` ? N : never;

/** A domain of the API: the part of a channel name before the colon. */
export type ApiDomain = DomainOf<CallChannel | PushChannel>;

/** The renderer-side method of a call: returns a promise of a result value. */
export type CallMethod<C extends CallChannel> = [CallRequest<C>] extends [undefined]
  ? () => Promise<ApiResult<CallResponse<C>>>
  : (request: CallRequest<C>) => Promise<ApiResult<CallResponse<C>>>;

/** The renderer-side subscription of a push: returns the unsubscribe function. */
export type PushMethod<P extends PushChannel> = (
  listener: (payload: PushPayload<P>) => void,
) => Unsubscribe;

/** `on` + the push's event name with a capital: `events:batch` → `onBatch`. */
export type PushMethodName<P extends PushChannel> = `on${Capitalize<NameOf<P>>}`;

type DomainApi<D extends ApiDomain> = {
  readonly [C in CallChannel as DomainOf<C> extends D ? NameOf<C> : never]: CallMethod<C>;
} & {
  readonly [P in PushChannel as DomainOf<P> extends D ? PushMethodName<P> : never]: PushMethod<P>;
};

/**
 * The API the renderer sees (`window.api` in Electron, the WebSocket bridge in browser mode):
 * `api.<domain>.<verb>()` returns a promise of an {@link ApiResult}; `api.<domain>.on<Event>(fn)`
 * returns an {@link Unsubscribe}. E.g. `api.app.info()`, `api.requests.pay({amount: '12.50', currency: 'EUR'})`,
 * `api.events.onBatch(fn)`.
 */
export type HarnessApi = { readonly [D in ApiDomain]: DomainApi<D> };

/**
 * The core side of the contract: one handler per call channel, given a request already validated
 * against its schema. A channel without a handler makes the core's table fail to typecheck.
 */
export type CallHandlers = {
  readonly [C in CallChannel]: (request: CallRequest<C>) => Promise<ApiResult<CallResponse<C>>>;
};
