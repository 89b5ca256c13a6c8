import { z } from 'zod';
import { parseEndpoint } from '../link/endpoint';
import { wireToMinor } from '../protocol/money';
import { STEP_KINDS } from '../scenario/schema';
import { OP_NAMES, type TransactionRef } from '../session/outcomes';
import { PartialSessionPolicy, SessionPolicy } from '../session/policy';
import { SESSION_STATES } from '../session/states';
import { WindowSettings, WindowSettingsChange } from '../settings/window-settings';
import { ArmedFaultKind, SimulatorStateSnapshot } from '../simulator/control';
import { FaultCommand } from '../simulator/faults';
import { ProfileName, SimulatorSettings } from '../simulator/profiles';
import { ProxyArmedFaultKind, ProxyStateSnapshot } from '../proxy/faults';
import { CHECKER_NAMES, type Verdict } from '../trace/checkers/types';
import {
  EventBody,
  LedgerEntry,
  OpPhase,
  TraceEvent,
  TraceHeader,
  WireName,
} from '../trace/events';
import type { MermaidSelection } from '../trace/mermaid';
import {
  terminalApiInfoSchema,
  terminalApiListenSettingsSchema,
  terminalApiPeerSettingsSchema,
} from './terminal-api-schemas';
import type {
  ApiError,
  ApiResult,
  AppInfo,
  ApprovedPayment,
  CallChannel,
  CallRequest,
  CallResponse,
  ConfigureRequest,
  ConnectRequest,
  EventsPage,
  EventsSinceRequest,
  FaultApplied,
  FaultAvailability,
  FaultRequest,
  HarnessEvent,
  LiveVerdicts,
  OpenedTrace,
  OpenTraceRequest,
  ReportRequest,
  OperationResult,
  OpInFlight,
  PayCall,
  PeerTarget,
  PolicyChange,
  PushChannel,
  PushPayload,
  RunInfo,
  RunScenariosRequest,
  SaveAsResult,
  ScenarioBatch,
  ScenarioCatalogue,
  ScenarioInfo,
  ScenarioProgress,
  ScenarioReport,
  ScenarioStepReport,
  ScenarioTracePage,
  ScenarioTraceRequest,
  SessionCountersInfo,
  SessionInfo,
  SimulatorInfo,
  TraceFile,
  TraceStatus,
} from './contract';
import { HARNESS_FAULT_NAMES } from './faults';
import { PROXY_LISTEN_WIRES, type ProxyInfo, type ProxyRunInfo } from './proxy';

/** Every event kind of the trace vocabulary, at run time. */
const EVENT_KINDS = EventBody.options.map((o) => o.shape.kind.value);

/** ISO 8601 instant as the core writes it (`Date.prototype.toISOString`). */
const isoInstant = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();

/** Schema of {@link AppInfo}. */
export const appInfoSchema = z.object({
  productName: z.string().min(1),
  version: z.string().min(1),
  startedAt: isoInstant,
  mode: z.enum(['electron', 'browser']),
}) satisfies z.ZodType<AppInfo>;

/** Schema of {@link PeerTarget}. */
export const peerTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedded') }),
  z.object({ kind: z.literal('external'), url: z.string() }),
]) satisfies z.ZodType<PeerTarget>;

const harnessRoleSchema = z.enum(['client', 'terminal', 'proxy']);

/** A port to listen on (0 = any free port). */
const portSchema = z.number().int().min(0).max(65535);

/** Where the proxy listens for the POS. */
const proxyListenSchema = z.strictObject({ wire: z.enum(PROXY_LISTEN_WIRES), port: portSchema });

/** Schema of {@link ProxyRunInfo}. */
const proxyRunInfoSchema = z.object({
  listen: proxyListenSchema,
  listenUrl: z.string().nullable(),
  upstream: z.string(),
  caFile: z.string().optional(),
}) satisfies z.ZodType<ProxyRunInfo>;

/** Schema of {@link RunInfo}. */
export const runInfoSchema = z.object({
  runId: z.string().min(1),
  role: harnessRoleSchema,
  peer: peerTargetSchema.nullable(),
  nexoUrl: z.string().nullable(),
  addresses: z
    .array(z.object({ wire: WireName, url: z.string() }))
    .readonly()
    .optional(),
  terminalApi: terminalApiInfoSchema.optional(),
  profile: ProfileName.nullable(),
  proxy: proxyRunInfoSchema.optional(),
  header: TraceHeader,
}) satisfies z.ZodType<RunInfo>;

/** Schema of {@link SessionCountersInfo}. */
export const sessionCountersSchema = z.object({
  logins: count,
  loginAttempts: count,
  busyRetries: count,
  timeouts: count,
  retries: count,
  recoveredPayments: count,
  reconnects: count,
  ignoredRequests: count.nullable(),
}) satisfies z.ZodType<SessionCountersInfo>;

/** Schema of {@link OpInFlight}. */
export const opInFlightSchema = z.object({
  op: z.string(),
  name: z.enum(OP_NAMES),
  stage: z.enum(['waiting', 'sent', 'recovering', 'statusSent', 'pollWait']),
  serviceIds: z.array(z.string()).readonly(),
  remainingMs: z.number().nonnegative().optional(),
}) satisfies z.ZodType<OpInFlight>;

/** Schema of {@link SessionInfo}. */
export const sessionInfoSchema = z.object({
  role: harnessRoleSchema,
  connected: z.boolean(),
  peer: peerTargetSchema.nullable(),
  peerVersion: z.string().nullable(),
  profile: ProfileName.nullable(),
  state: z.enum(SESSION_STATES),
  reason: z.string(),
  link: z.string().optional(),
  dialing: z.boolean(),
  counters: sessionCountersSchema,
  loginAttempts: count,
  ops: z.array(opInFlightSchema).readonly(),
  queued: count,
  policy: SessionPolicy,
}) satisfies z.ZodType<SessionInfo>;

/** An endpoint on any wire, as the one endpoint parser reads it (README "Wires"). */
const endpointUrlSchema = z
  .string()
  .max(2048)
  .superRefine((text, context) => {
    const parsed = parseEndpoint(text);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.error });
  });

/** An external peer: its endpoint, and Terminal API settings only where that is its wire. */
const externalPeerShape = {
  url: endpointUrlSchema,
  terminalApi: terminalApiPeerSettingsSchema.optional(),
};

/** Terminal API settings belong to a Terminal API endpoint; elsewhere they would do nothing. */
function terminalApiOnItsWire(
  peer: { readonly url: string; readonly terminalApi?: unknown },
  context: z.RefinementCtx,
): void {
  if (peer.terminalApi === undefined) return;
  const endpoint = parseEndpoint(peer.url);
  if (endpoint.ok && endpoint.value.wire !== 'terminal-api')
    context.addIssue({
      code: 'custom',
      path: ['terminalApi'],
      message: 'Terminal API settings need a Terminal API endpoint (https://HOST:PORT/nexo)',
    });
}

/** Schema of {@link ConnectRequest}. */
export const connectRequestSchema = z.discriminatedUnion('peer', [
  z.strictObject({ peer: z.literal('embedded') }),
  z
    .strictObject({ peer: z.literal('external'), ...externalPeerShape })
    .superRefine(terminalApiOnItsWire),
]) satisfies z.ZodType<ConnectRequest>;

/** Schema of {@link PolicyChange}. */
export const policyChangeSchema = z.object({
  policy: SessionPolicy,
  restarted: z.boolean(),
}) satisfies z.ZodType<PolicyChange>;

const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as EUR');
const serviceIdSchema = z.string().min(1).max(10);

/** Schema of {@link PayCall}: the amount must convert exactly to the currency's minor units. */
export const payCallSchema = z
  .strictObject({
    amount: z.string().regex(/^\d{1,15}(?:\.\d{1,6})?$/, 'a decimal amount such as 12.50'),
    currency: currencySchema,
    paymentType: z.enum(['Normal', 'Refund']).optional(),
    saleTransactionId: z
      .string()
      .regex(/^[A-Za-z0-9]{1,35}$/, 'at most 35 letters and digits')
      .optional(),
  })
  .superRefine((call, context) => {
    const minor = wireToMinor(call.amount, call.currency);
    if (!minor.ok)
      context.addIssue({ code: 'custom', path: ['amount'], message: minor.error.reason });
    else if (minor.value <= 0)
      context.addIssue({ code: 'custom', path: ['amount'], message: 'must be more than zero' });
  }) satisfies z.ZodType<PayCall>;

const transactionRefSchema = z.object({
  TransactionID: z.string(),
  TimeStamp: z.string(),
}) satisfies z.ZodType<TransactionRef>;

/** Schema of {@link OperationResult}. */
export const operationResultSchema = z.object({
  op: z.string(),
  name: z.enum(OP_NAMES),
  kind: z.enum([
    'approved',
    'partial',
    'declined',
    'recovered',
    'notProcessed',
    'unknown',
    'failed',
    'succeeded',
  ]),
  phase: OpPhase,
  summary: z.string(),
  serviceIds: z.array(z.string()).readonly(),
  serviceId: z.string().optional(),
  reason: z.string().optional(),
  result: z.enum(['approved', 'partial', 'declined']).optional(),
  errorCondition: z.string().optional(),
  additionalResponse: z.string().optional(),
  amount: z.string().optional(),
  authorisedAmount: z.string().optional(),
  currency: z.string().optional(),
  saleTransactionId: transactionRefSchema.optional(),
  poiTransactionId: transactionRefSchema.optional(),
  statusServiceIds: z.array(z.string()).readonly().optional(),
  resentAfter: z.string().optional(),
  indeterminate: z.boolean().optional(),
}) satisfies z.ZodType<OperationResult>;

/** Schema of {@link ApprovedPayment}. */
export const approvedPaymentSchema = z.object({
  op: z.string(),
  poiTransactionId: transactionRefSchema,
  saleTransactionId: transactionRefSchema,
  amount: z.string(),
  currency: z.string(),
  serviceId: z.string().optional(),
  reversed: z.boolean(),
}) satisfies z.ZodType<ApprovedPayment>;

/** Schema of {@link FaultRequest}: the simulator's fault commands plus the client-side faults. */
export const faultRequestSchema = z.discriminatedUnion('fault', [
  ...FaultCommand.options,
  z.strictObject({ fault: z.literal('restartClient') }),
  z.strictObject({ fault: z.literal('logout') }),
  z.strictObject({ fault: z.literal('dropUpstreamLink'), linkId: z.string().min(1).optional() }),
  z.strictObject({
    fault: z.literal('ignoreNextRequests'),
    count: z.number().int().min(1).max(1000),
  }),
]) satisfies z.ZodType<FaultRequest>;

const harnessFaultNameSchema = z.enum(HARNESS_FAULT_NAMES);

/** Schema of {@link FaultApplied}. */
export const faultAppliedSchema = z.object({
  fault: harnessFaultNameSchema,
  message: z.string(),
}) satisfies z.ZodType<FaultApplied>;

/** Schema of {@link FaultAvailability}. */
export const faultAvailabilitySchema = z.object({
  fault: harnessFaultNameSchema,
  label: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  reason: z.string().optional(),
}) satisfies z.ZodType<FaultAvailability>;

const settingsSchema = SimulatorSettings.partial();

/** Schema of {@link ConfigureRequest}. */
export const configureRequestSchema = z.discriminatedUnion('role', [
  z.strictObject({
    role: z.literal('client'),
    peer: z.union([
      z.literal('embedded'),
      z.strictObject(externalPeerShape).superRefine(terminalApiOnItsWire),
    ]),
    profile: ProfileName.optional(),
    settings: settingsSchema.optional(),
  }),
  z.strictObject({
    role: z.literal('terminal'),
    port: portSchema,
    tcpPort: portSchema.optional(),
    httpPort: portSchema.optional(),
    httpsPort: portSchema.optional(),
    terminalApi: terminalApiListenSettingsSchema.optional(),
    profile: ProfileName.optional(),
    settings: settingsSchema.optional(),
  }),
  z
    .strictObject({
      role: z.literal('proxy'),
      listen: proxyListenSchema,
      upstream: endpointUrlSchema,
      terminalApi: terminalApiPeerSettingsSchema.optional(),
    })
    .refine((r) => r.terminalApi === undefined || r.listen.wire === 'terminal-api', {
      message: 'terminalApi is for the Terminal API pair (listen.wire "terminal-api")',
      path: ['terminalApi'],
    }),
]) satisfies z.ZodType<ConfigureRequest>;

/** Schema of {@link ProxyInfo}: the parts of the proxy's own state snapshot the window shows. */
export const proxyInfoSchema = ProxyStateSnapshot.pick({
  faults: true,
  latency: true,
}) satisfies z.ZodType<ProxyInfo>;

/** Schema of {@link SimulatorInfo}. */
export const simulatorInfoSchema = z.object({
  role: harnessRoleSchema,
  peer: peerTargetSchema.nullable(),
  simulator: SimulatorStateSnapshot.nullable(),
  nexoUrl: z.string().nullable(),
  proxy: proxyInfoSchema.optional(),
}) satisfies z.ZodType<SimulatorInfo>;

/** Schema of {@link TraceStatus}. */
export const traceStatusSchema = z.object({
  runId: z.string(),
  recording: z.boolean(),
  skipped: count,
  events: count,
  header: TraceHeader,
}) satisfies z.ZodType<TraceStatus>;

/** Schema of {@link TraceFile}. */
export const traceFileSchema = z.object({
  fileName: z.string().min(1),
  text: z.string(),
}) satisfies z.ZodType<TraceFile>;

/** Schema of {@link SaveAsResult}. */
export const saveAsResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), path: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
]) satisfies z.ZodType<SaveAsResult>;

/** Schema of {@link OpenTraceRequest}. */
export const openTraceRequestSchema = z.strictObject({
  text: z.string(),
  fileName: z.string().min(1).max(255),
}) satisfies z.ZodType<OpenTraceRequest>;

/** Schema of {@link ReportRequest}. */
export const reportRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('run') }),
  z.strictObject({
    kind: z.literal('trace'),
    text: z.string(),
    fileName: z.string().min(1).max(255),
  }),
  z.strictObject({
    kind: z.literal('scenarios'),
    batchId: z.string().min(1).max(100),
    format: z.enum(['html', 'junit']),
  }),
]) satisfies z.ZodType<ReportRequest>;

/** Schema of {@link OpenedTrace}. */
export const openedTraceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('parsed'),
    fileName: z.string(),
    header: TraceHeader,
    events: z.array(TraceEvent).readonly(),
    warnings: z.array(z.object({ line: z.number().int(), reason: z.string() })).readonly(),
  }),
  z.object({
    kind: z.literal('corrupt'),
    fileName: z.string(),
    line: z.number().int().positive(),
    reason: z.string(),
    message: z.string(),
  }),
]) satisfies z.ZodType<OpenedTrace>;

const seqSchema = z.number().int().positive();

/** Schema of {@link MermaidSelection}. */
export const mermaidSelectionSchema = z.strictObject({
  fromSeq: seqSchema.optional(),
  toSeq: seqSchema.optional(),
  kinds: z.array(z.enum(EVENT_KINDS)).readonly().optional(),
  seqs: z.array(seqSchema).max(1_000_000).readonly().optional(),
}) satisfies z.ZodType<MermaidSelection>;

/** Most events one `events:since` page carries. */
export const MAX_EVENTS_PAGE = 50_000;
/** Events per page when the caller does not say. */
export const DEFAULT_EVENTS_PAGE = 5_000;

/** Schema of {@link EventsSinceRequest}. */
export const eventsSinceRequestSchema = z.strictObject({
  afterSeq: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(MAX_EVENTS_PAGE).optional(),
}) satisfies z.ZodType<EventsSinceRequest>;

/** Schema of {@link EventsPage}. */
export const eventsPageSchema = z.object({
  runId: z.string(),
  events: z.array(TraceEvent).readonly(),
  lastSeq: count,
  more: z.boolean(),
}) satisfies z.ZodType<EventsPage>;

/** Schema of a checker's {@link Verdict}. */
export const verdictSchema = z.object({
  checker: z.enum(CHECKER_NAMES),
  pass: z.boolean(),
  message: z.string(),
  events: z.array(seqSchema).readonly(),
  focus: seqSchema.optional(),
}) satisfies z.ZodType<Verdict>;

const scenarioNameSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case scenario name')
  .max(80);

/** Schema of {@link ScenarioInfo}. */
export const scenarioInfoSchema = z.object({
  name: scenarioNameSchema,
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()).readonly(),
  profile: ProfileName,
  steps: count,
  source: z.enum(['builtIn', 'custom']),
}) satisfies z.ZodType<ScenarioInfo>;

/** Schema of {@link ScenarioCatalogue}. */
export const scenarioCatalogueSchema = z.object({
  scenarios: z.array(scenarioInfoSchema).readonly(),
  problems: z.array(z.string()).readonly(),
}) satisfies z.ZodType<ScenarioCatalogue>;

/** Most scenarios one `scenarios:run` may name (more than any pack holds). */
export const MAX_SCENARIOS_PER_RUN = 500;

/** Schema of {@link RunScenariosRequest}. */
export const runScenariosRequestSchema = z.strictObject({
  names: z.union([
    z.literal('all'),
    z.array(scenarioNameSchema).min(1).max(MAX_SCENARIOS_PER_RUN).readonly(),
  ]),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
}) satisfies z.ZodType<RunScenariosRequest>;

/** Schema of {@link ScenarioStepReport}. */
export const scenarioStepReportSchema = z.object({
  index: count,
  kind: z.enum(STEP_KINDS),
  id: z.string().optional(),
  description: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  message: z.string().optional(),
  at: z.number().nonnegative(),
  ms: z.number().nonnegative(),
}) satisfies z.ZodType<ScenarioStepReport>;

/** Schema of {@link ScenarioReport}. */
export const scenarioReportSchema = z.object({
  name: z.string(),
  title: z.string(),
  pass: z.boolean(),
  failures: z.array(z.string()).readonly(),
  steps: z.array(scenarioStepReportSchema).readonly(),
  verdicts: z.array(verdictSchema).readonly(),
  events: count,
  durationMs: z.number().nonnegative(),
  wallMs: z.number().nonnegative(),
  seed: z.number().int().nonnegative(),
}) satisfies z.ZodType<ScenarioReport>;

/** Schema of {@link ScenarioBatch}. */
export const scenarioBatchSchema = z.object({
  batchId: z.string().min(1),
  names: z.array(z.string()).readonly(),
  running: z.boolean(),
  current: z.string().nullable(),
  results: z.array(scenarioReportSchema).readonly(),
  startedAt: isoInstant,
  finishedAt: isoInstant.nullable(),
}) satisfies z.ZodType<ScenarioBatch>;

/** Schema of {@link ScenarioProgress}. */
export const scenarioProgressSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), batch: scenarioBatchSchema.nullable() }),
  z.object({
    kind: z.literal('started'),
    batchId: z.string(),
    names: z.array(z.string()).readonly(),
    startedAt: isoInstant,
  }),
  z.object({ kind: z.literal('running'), batchId: z.string(), index: count, name: z.string() }),
  z.object({
    kind: z.literal('result'),
    batchId: z.string(),
    index: count,
    result: scenarioReportSchema,
  }),
  z.object({
    kind: z.literal('finished'),
    batchId: z.string(),
    passed: count,
    failed: count,
    finishedAt: isoInstant,
  }),
]) satisfies z.ZodType<ScenarioProgress>;

/** Most events one `scenarios:trace` page carries, and the default page. */
export const MAX_SCENARIO_TRACE_PAGE = 5_000;
export const DEFAULT_SCENARIO_TRACE_PAGE = 2_000;

/** Schema of {@link ScenarioTraceRequest}. */
export const scenarioTraceRequestSchema = z.strictObject({
  batchId: z.string().min(1).max(100),
  name: scenarioNameSchema,
  afterSeq: count,
  limit: z.number().int().min(1).max(MAX_SCENARIO_TRACE_PAGE).optional(),
}) satisfies z.ZodType<ScenarioTraceRequest>;

/** Schema of {@link ScenarioTracePage}. */
export const scenarioTracePageSchema = z.object({
  batchId: z.string(),
  name: z.string(),
  header: TraceHeader,
  events: z.array(TraceEvent).readonly(),
  lastSeq: count,
  more: z.boolean(),
}) satisfies z.ZodType<ScenarioTracePage>;

/** Schema of {@link LiveVerdicts}. */
export const liveVerdictsSchema = z.object({
  runId: z.string(),
  throughSeq: count,
  verdicts: z.array(verdictSchema).readonly(),
  pass: z.boolean(),
}) satisfies z.ZodType<LiveVerdicts>;

/** Schema of {@link HarnessEvent}: a discriminated union on `type`. */
export const harnessEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    at: isoInstant,
    runId: z.string(),
    lastSeq: count,
  }),
  z.object({ type: z.literal('run'), run: runInfoSchema }),
  z.object({ type: z.literal('trace'), event: TraceEvent }),
  z.object({ type: z.literal('session'), session: sessionInfoSchema }),
  z.object({ type: z.literal('simulator'), simulator: simulatorInfoSchema }),
  z.object({ type: z.literal('faults'), faults: z.array(faultAvailabilitySchema).readonly() }),
  z.object({ type: z.literal('recording'), recording: z.boolean(), skipped: count }),
  z.object({ type: z.literal('scenarios'), progress: scenarioProgressSchema }),
  z.object({ type: z.literal('verdicts'), verdicts: liveVerdictsSchema }),
]) satisfies z.ZodType<HarnessEvent>;
/** Schema of {@link ApiError}. */
export const apiErrorSchema = z.object({
  kind: z.enum(['invalid-request', 'disconnected', 'forbidden', 'unavailable', 'internal']),
  message: z.string(),
}) satisfies z.ZodType<ApiError>;

/** Schema of an {@link ApiResult} whose success value matches `value`. */
export function apiResultSchema<T>(value: z.ZodType<T>): z.ZodType<ApiResult<T>> {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}

/** The schemas of one call: its request payload and its successful answer. */
export interface CallSchema<C extends CallChannel> {
  readonly request: z.ZodType<CallRequest<C>>;
  readonly response: z.ZodType<CallResponse<C>>;
}

/** One schema per call; `satisfies` makes a missing channel or a drifting schema a compile error. */
const callSchemaTable = {
  'app:info': { request: z.undefined(), response: appInfoSchema },
  'session:snapshot': { request: z.undefined(), response: sessionInfoSchema },
  'session:connect': { request: connectRequestSchema, response: sessionInfoSchema },
  'session:disconnect': { request: z.undefined(), response: sessionInfoSchema },
  'session:getPolicy': { request: z.undefined(), response: SessionPolicy },
  'session:setPolicy': { request: PartialSessionPolicy, response: policyChangeSchema },
  'requests:login': { request: z.undefined(), response: operationResultSchema },
  'requests:logout': { request: z.undefined(), response: operationResultSchema },
  'requests:pay': { request: payCallSchema, response: operationResultSchema },
  'requests:status': {
    request: z.strictObject({ serviceId: serviceIdSchema.optional() }),
    response: operationResultSchema,
  },
  'requests:reverse': {
    request: z.strictObject({ poiTransactionId: z.string().min(1).max(200).optional() }),
    response: operationResultSchema,
  },
  'requests:abort': {
    request: z.strictObject({ serviceId: serviceIdSchema.optional() }),
    response: operationResultSchema,
  },
  'requests:admin': {
    request: z.strictObject({ kind: z.enum(['diagnosis', 'update']).optional() }),
    response: operationResultSchema,
  },
  'requests:approvals': {
    request: z.undefined(),
    response: z.array(approvedPaymentSchema).readonly(),
  },
  'faults:apply': { request: faultRequestSchema, response: faultAppliedSchema },
  'faults:available': {
    request: z.undefined(),
    response: z.array(faultAvailabilitySchema).readonly(),
  },
  'faults:disarm': {
    request: z.strictObject({
      armed: z.union([ArmedFaultKind, ProxyArmedFaultKind]).optional(),
    }),
    response: simulatorInfoSchema,
  },
  'simulator:configure': { request: configureRequestSchema, response: simulatorInfoSchema },
  'simulator:state': { request: z.undefined(), response: simulatorInfoSchema },
  'simulator:ledger': { request: z.undefined(), response: z.array(LedgerEntry).readonly() },
  'simulator:reset': { request: z.undefined(), response: simulatorInfoSchema },
  'trace:status': { request: z.undefined(), response: traceStatusSchema },
  'trace:setRecording': {
    request: z.strictObject({ on: z.boolean() }),
    response: traceStatusSchema,
  },
  'trace:save': { request: z.undefined(), response: traceFileSchema },
  'trace:saveAs': { request: z.undefined(), response: saveAsResultSchema },
  'trace:open': { request: openTraceRequestSchema, response: openedTraceSchema },
  'trace:exportMermaid': { request: mermaidSelectionSchema, response: traceFileSchema },
  'report:export': { request: reportRequestSchema, response: traceFileSchema },
  'report:saveAs': { request: reportRequestSchema, response: saveAsResultSchema },
  'events:since': { request: eventsSinceRequestSchema, response: eventsPageSchema },
  'scenarios:list': { request: z.undefined(), response: scenarioCatalogueSchema },
  'scenarios:run': { request: runScenariosRequestSchema, response: scenarioBatchSchema },
  'scenarios:batch': { request: z.undefined(), response: scenarioBatchSchema.nullable() },
  'scenarios:trace': { request: scenarioTraceRequestSchema, response: scenarioTracePageSchema },
  'verdicts:current': { request: z.undefined(), response: liveVerdictsSchema },
  'settings:get': { request: z.undefined(), response: WindowSettings },
  'settings:set': { request: WindowSettingsChange, response: WindowSettings },
} as const satisfies { readonly [C in CallChannel]: CallSchema<C> };

/** One schema per push payload. */
const pushSchemaTable = {
  'events:batch': z.array(harnessEventSchema).readonly(),
} as const satisfies { readonly [P in PushChannel]: z.ZodType<PushPayload<P>> };

// `satisfies` above only proves "schema output fits the contract"; this proves the converse too,
// so a field added to the contract but not to its schema (or the other way round) fails to compile.
// Requests are compared on the schema's input (what a caller may send: fields with defaults may be
// left out), answers and pushes on its output.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Both<A extends boolean, B extends boolean> = A extends true ? B : false;
type Assert<T extends true> = T;
type _CallSchemasMatchContract = Assert<
  {
    [C in CallChannel]: Both<
      Same<z.input<(typeof callSchemaTable)[C]['request']>, CallRequest<C>>,
      Same<z.output<(typeof callSchemaTable)[C]['response']>, CallResponse<C>>
    >;
  }[CallChannel]
>;
type _PushSchemasMatchContract = Assert<
  { [P in PushChannel]: Same<z.output<(typeof pushSchemaTable)[P]>, PushPayload<P>> }[PushChannel]
>;

/** The schemas of every call, indexed by channel (typed so a generic channel keeps its types). */
export const callSchemas: { readonly [C in CallChannel]: CallSchema<C> } = callSchemaTable;

/** The schemas of every push payload, indexed by channel. */
export const pushSchemas: { readonly [P in PushChannel]: z.ZodType<PushPayload<P>> } =
  pushSchemaTable;

/** One line naming where an untrusted value broke a schema and why (`path: reason; ...`). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
