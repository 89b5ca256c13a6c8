import { z } from 'zod';
import { WIRES } from '../link/endpoint';

/**
 * The one vocabulary of everything that happens in a session, shared by the simulator, the
 * session manager, the trace file, the checkers and the timeline. Producers emit an
 * {@link EventBody}; the recorder stamps it with `seq`, `t` and `at` to make a {@link TraceEvent}.
 */

/**
 * Which side observed a wire frame or a link change: the POS (client) or the POI (simulator,
 * or the proxy facing the POS). `proxy` marks what only the proxy saw on its terminal leg (a
 * response a fault lost, the terminal link itself): the POS never saw it, so the checkers,
 * which judge the POS, leave it out.
 */
export const Observer = z.enum(['pos', 'poi', 'proxy']);
export type Observer = z.infer<typeof Observer>;

/**
 * Which wire carried a link (README "Wires"). Optional on every event of a link: traces written
 * before there was more than one wire, and in-memory links, have none.
 */
export const WireName = z.enum(WIRES);

/** The two legs of the proxy role: POS ⇄ harness and harness ⇄ terminal. */
export const ProxyLeg = z.enum(['pos', 'terminal']);
export type ProxyLeg = z.infer<typeof ProxyLeg>;

/**
 * What the proxy did with a message: passed it on, lost it (a fault), answered it itself
 * instead of the terminal (a fault), or swallowed it as a terminal without a session would.
 */
export const ProxyDisposition = z.enum(['forwarded', 'dropped', 'synthesised', 'swallowed']);
export type ProxyDisposition = z.infer<typeof ProxyDisposition>;

/** Direction of a wire frame, independent of who observed it. */
export const Direction = z.enum(['toPoi', 'toPos']);
export type Direction = z.infer<typeof Direction>;

/**
 * The HTTP exchange that carried a frame on an HTTP wire, e.g. `GET /payment 206`. `status` is
 * absent while it is not known yet (a request as it leaves).
 */
export const HttpExchange = z.object({
  method: z.string(),
  resource: z.string(),
  status: z.number().int().optional(),
});
export type HttpExchange = z.infer<typeof HttpExchange>;

/**
 * A wire frame. `json` holds the parsed nexo JSON (card data masked unless recording opted
 * out); `text` holds the raw text of a frame that was not JSON, so nothing is lost.
 */
export const MessageEvent = z.object({
  kind: z.literal('message'),
  observer: Observer,
  direction: Direction,
  link: z.string(),
  wire: WireName.optional(),
  json: z.unknown().optional(),
  text: z.string().optional(),
  /** Proxy role: the leg the message arrived on (POS ⇄ harness or harness ⇄ terminal). */
  leg: ProxyLeg.optional(),
  /** Proxy role: what the proxy did with the message. */
  proxied: ProxyDisposition.optional(),
  http: HttpExchange.optional(),
  /**
   * The frame travelled under NexoCrypto (README "Terminal API wire"); `json` is the clear
   * message after decryption, never the blob.
   */
  encrypted: z.boolean().optional(),
});

/** A transition of the reference client's session state machine. */
export const SessionEvent = z.object({
  kind: z.literal('session'),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  link: z.string().optional(),
});

/**
 * A fault: `armed` when requested, `hit` when it acted on a message (named by `hit`),
 * `applied` when it acted at once (a restart, a dropped link).
 */
export const FaultEvent = z.object({
  kind: z.literal('fault'),
  name: z.string(),
  /** `disarmed`: taken back before it hit ("Clear armed faults", a remove button). */
  phase: z.enum(['armed', 'hit', 'applied', 'disarmed']),
  args: z.record(z.string(), z.unknown()).optional(),
  hit: z
    .object({
      link: z.string().optional(),
      category: z.string().optional(),
      serviceId: z.string().optional(),
    })
    .optional(),
  note: z.string().optional(),
});

/** An expected response that did not come in time. */
export const TimeoutEvent = z.object({
  kind: z.literal('timeout'),
  category: z.string(),
  serviceId: z.string(),
  afterMs: z.number(),
  op: z.string().optional(),
});

/** A request sent again (with a new ServiceID) after a timeout, a BUSY answer or a lost session. */
export const RetryEvent = z.object({
  kind: z.literal('retry'),
  category: z.string(),
  serviceId: z.string(),
  previousServiceId: z.string(),
  attempt: z.number().int(),
  reason: z.string(),
  op: z.string().optional(),
});

/** Operation phases in the invoke / ok / fail / info (indeterminate) style. */
export const OpPhase = z.enum(['invoke', 'ok', 'fail', 'info']);
export type OpPhase = z.infer<typeof OpPhase>;

/**
 * An operation of the reference client (or a scenario step). `op` identifies one operation
 * across its invoke and its single final record; `outcome` is the final outcome name.
 */
export const OpEvent = z.object({
  kind: z.literal('op'),
  op: z.string(),
  name: z.string(),
  phase: OpPhase,
  outcome: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

/** A change of the simulator's lifecycle (initialising, ready, stopped) and its version. */
export const LifecycleEvent = z.object({
  kind: z.literal('lifecycle'),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  version: z.string(),
});

/** A link opened or closed, as one side saw it. */
export const LinkEvent = z.object({
  kind: z.literal('link'),
  observer: Observer,
  link: z.string(),
  wire: WireName.optional(),
  change: z.enum(['opened', 'closed']),
  code: z.number().int().optional(),
  abrupt: z.boolean().optional(),
  /** Why the harness closed, cut or could not open it (an unreachable terminal, a peer past its send queue). */
  reason: z.string().optional(),
});

/** The simulator's view of a session: opened by Login, closed by Logout or invalidation, or a request it ignored. */
export const PoiSessionEvent = z.object({
  kind: z.literal('poiSession'),
  link: z.string(),
  change: z.enum(['opened', 'closed', 'ignored']),
  reason: z.string(),
  saleId: z.string().optional(),
  serviceId: z.string().optional(),
  category: z.string().optional(),
});

/** One row of the simulator's ledger, the ground truth for "no double charge". */
export const LedgerEntry = z.object({
  saleId: z.string(),
  saleTransactionId: z.string(),
  poiTransactionId: z.string(),
  serviceId: z.string(),
  amountMinor: z.number().int(),
  authorisedMinor: z.number().int(),
  currency: z.string(),
  result: z.enum(['approved', 'partial', 'declined']),
  errorCondition: z.string().optional(),
  reversed: z.boolean(),
  at: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerEvent = z.object({
  kind: z.literal('ledger'),
  change: z.enum(['recorded', 'reversed']),
  entry: LedgerEntry,
});

/**
 * A message refused for its protection (README "Terminal API wire"): a NexoCrypto failure, or
 * a clear message where encryption is required; on the POS side also a terminal's answer that
 * carried no nexo message (an HTTP error status, a refused certificate). The session is untouched.
 */
export const SecurityEvent = z.object({
  kind: z.literal('security'),
  observer: Observer,
  link: z.string().optional(),
  wire: WireName.optional(),
  /** Machine name of the reason, e.g. `bad-hmac`, `unknown-key-identifier`. */
  reason: z.string(),
  /** The sentence the timeline shows. */
  detail: z.string(),
  saleId: z.string().optional(),
  serviceId: z.string().optional(),
  category: z.string().optional(),
});

export const EventBody = z.discriminatedUnion('kind', [
  MessageEvent,
  SessionEvent,
  FaultEvent,
  TimeoutEvent,
  RetryEvent,
  OpEvent,
  LifecycleEvent,
  LinkEvent,
  PoiSessionEvent,
  LedgerEvent,
  SecurityEvent,
]);
/** What producers emit; the recorder adds `seq`, `t` and `at`. */
export type EventBody = z.infer<typeof EventBody>;
export type EventKind = EventBody['kind'];
export type EventOf<K extends EventKind> = Extract<EventBody, { kind: K }>;

/** Where producers send events (the recorder, the UI bridge, a test collecting them). */
export type EventSink = (event: EventBody) => void;

const Stamp = z.object({
  /** Position in the trace, from 1, without gaps. */
  seq: z.number().int().positive(),
  /** Monotonic milliseconds since the trace started. */
  t: z.number().nonnegative(),
  /** Wall time, ISO 8601. */
  at: z.string(),
});

export const TraceEvent = z.intersection(Stamp, EventBody);
export type TraceEvent = z.infer<typeof Stamp> & EventBody;

/** The first line of every trace file. */
export const TraceHeader = z.looseObject({
  format: z.literal('a2a-trace'),
  version: z.literal(1),
  harnessVersion: z.string(),
  createdAt: z.string(),
  role: z.enum(['client', 'terminal', 'proxy', 'cli', 'scenario']),
  profile: z.string(),
  policy: z.record(z.string(), z.unknown()),
  simulator: z.record(z.string(), z.unknown()).optional(),
  masked: z.boolean(),
  seed: z.number().optional(),
  scenario: z.string().optional(),
});
export type TraceHeader = z.infer<typeof TraceHeader>;
