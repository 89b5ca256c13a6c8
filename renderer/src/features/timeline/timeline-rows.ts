import type { Wire } from '@shared/link/endpoint';
import type { Direction, EventKind, EventOf, TraceEvent } from '@shared/trace/view';
import {
  createMessagePairer,
  formatTraceTime,
  summariseMessage,
  type MessagePairer,
  type MessageSummary,
} from '@shared/trace/view';
import { FAULT_NAMES } from '@shared/simulator/faults';
import { describeFault as faultWords, HARNESS_FAULT_NAMES } from '@shared/ipc/faults';
import { formatMinor } from '@shared/protocol/money';
import { reasonWords, stateWords } from '../session/session-words';
import { faultArgsWords, faultPhaseWords } from '../../words/faults';
import { legWords, WIRE_BADGE } from './row-text';
import {
  THREE_LANES,
  TWO_LANES,
  createBandTracker,
  flowPathOf,
  hasTerminalLeg,
  type BandState,
  type BandTracker,
  type FlowLane,
  type FlowPath,
} from './timeline-flow';

/** Which side of the timeline a row belongs to: the POS or the payment application (POI). */
export type Lane = 'pos' | 'poi';

/** How a row is coloured; independent of its kind. */
export type RowTone = 'ok' | 'error' | 'warn' | 'info' | 'neutral';

/** A fault or timeout that concerns another row (the message it hit or waited for). */
export interface RowConcern {
  readonly kind: 'fault' | 'timeout';
  /** The fault's or timeout's own row. */
  readonly seq: number;
  /** Its title, e.g. "Lose next response: took effect". */
  readonly text: string;
}

/**
 * One timeline row, built when it is first shown so that rendering does no per-row parsing.
 * Rows are immutable; a request row is replaced (not mutated) when its response arrives.
 */
export interface TimelineRow {
  readonly seq: number;
  readonly t: number;
  /** `t` as mm:ss.mmm. */
  readonly time: string;
  readonly kind: EventKind;
  readonly lane: Lane;
  readonly direction?: Direction;
  readonly category?: string;
  readonly type?: string;
  /** The wire of the link a message or link event belongs to (README "Wires"). */
  readonly wire?: Wire;
  readonly serviceId?: string;
  readonly result?: string;
  readonly errorCondition?: string;
  /** The main text, e.g. "Payment Request" or "ready → recovering". */
  readonly title: string;
  /** Secondary text, e.g. a reason or a note. */
  readonly detail: string;
  readonly tone: RowTone;
  /** The other end of a request/response pair. */
  readonly pairSeq?: number;
  /** On a response: milliseconds since its request. */
  readonly latencyMs?: number;
  /** The message a fault hit, or the request a timeout or retry refers to. */
  readonly relatedSeq?: number;
  /** How the row sits on the flow view's lanes. */
  readonly flow: FlowPath;
  /** The session state in force after this event (the flow view's band). */
  readonly band: BandState | undefined;
  /** Faults and timeouts that name this row; empty for most rows. */
  readonly concerns: readonly RowConcern[];
  readonly event: TraceEvent;
}

/**
 * The rows of one event stream (README "Timeline"). A row is built the first time something
 * asks for it (the virtual list asks for the rows it shows) and kept; what the filters, the
 * chip counts and the pairing lines need is found in one cheap pass over the events instead
 * (see {@link createTimelineBuilder}), so opening a 100,000-event trace builds a screenful of
 * rows, not 100,000. A model is a snapshot: later appends never change its length.
 */
export interface TimelineModel {
  /** How many rows (events) the model holds. */
  readonly length: number;
  /** The message categories seen so far (for the filters). */
  readonly categories: readonly string[];
  /** The flow view's lanes: a third one once the run shows a proxy's terminal leg. */
  readonly lanes: readonly FlowLane[];
  /**
   * Shared by every model of one builder: a model with the same origin and a greater length
   * holds the earlier one's rows and more (derivations may then work on the tail alone).
   */
  readonly origin: object;
  /** The event behind row `index`. */
  eventAt(index: number): TraceEvent | undefined;
  /** Row `index`, built on first use and kept until a later event changes it. */
  rowAt(index: number): TimelineRow | undefined;
  /** The row's category (filters, chip counts) without building the row. */
  categoryAt(index: number): string | undefined;
  /** The row's tone without building the row. */
  toneAt(index: number): RowTone | undefined;
  /** On a response: the index of its request (the flow view's pairing lines). */
  requestIndexAt(index: number): number | undefined;
  /** The lower-case text the search box matches row `index` against, kept once made. */
  searchTextAt(index: number): string;
}

/** What a kind-specific describer fills in; the builder adds the rest from the event and the pass. */
type RowParts = Omit<
  TimelineRow,
  | 'seq'
  | 't'
  | 'time'
  | 'kind'
  | 'wire'
  | 'event'
  | 'flow'
  | 'band'
  | 'concerns'
  | 'category'
  | 'tone'
  | 'pairSeq'
  | 'latencyMs'
  | 'relatedSeq'
>;

const SIMULATOR_FAULTS: ReadonlySet<string> = new Set(FAULT_NAMES);

const RESULT_TONE: Readonly<Record<string, RowTone>> = {
  Success: 'ok',
  Failure: 'error',
  Partial: 'warn',
};

const STATE_TONE: Readonly<Record<string, RowTone>> = {
  ready: 'ok',
  failed: 'error',
  recovering: 'warn',
  busyBackoff: 'warn',
  loggedOut: 'warn',
};

const OP_TONE: Readonly<Record<EventOf<'op'>['phase'], RowTone>> = {
  invoke: 'info',
  ok: 'ok',
  fail: 'error',
  info: 'warn',
};

function join(parts: readonly (string | undefined | false)[], separator = ' · '): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(separator);
}

/** What the pass over the events reads from one of them; only messages have a summary. */
interface EventFacts<K extends EventKind> {
  /** The row's colour. */
  readonly tone: (event: TraceEvent & EventOf<K>, summary: MessageSummary | undefined) => RowTone;
  /** The category the filters hide the row by. */
  readonly category?: (
    event: TraceEvent & EventOf<K>,
    summary: MessageSummary | undefined,
  ) => string | undefined;
  /** The ServiceID whose latest message this event concerns (a fault, timeout or retry). */
  readonly relatedSid?: (event: TraceEvent & EventOf<K>) => string | undefined;
}

/** One entry per kind: adding a kind to the vocabulary fails the typecheck here. */
const FACTS: { readonly [K in EventKind]: EventFacts<K> } = {
  message: {
    tone: (_event, summary) =>
      summary === undefined || summary.malformed
        ? 'error'
        : (RESULT_TONE[summary.result ?? ''] ?? 'neutral'),
    category: (_event, summary) => summary?.category,
  },
  session: { tone: (event) => STATE_TONE[event.to] ?? 'neutral' },
  fault: {
    tone: () => 'warn',
    category: (event) => event.hit?.category,
    relatedSid: (event) => event.hit?.serviceId,
  },
  timeout: {
    tone: () => 'error',
    category: (event) => event.category,
    relatedSid: (event) => event.serviceId,
  },
  retry: {
    tone: () => 'warn',
    category: (event) => event.category,
    relatedSid: (event) => event.previousServiceId,
  },
  op: { tone: (event) => OP_TONE[event.phase] },
  lifecycle: { tone: (event) => (event.to === 'ready' ? 'ok' : 'info') },
  link: {
    tone: (event) =>
      event.change === 'opened' ? 'info' : event.abrupt === true ? 'warn' : 'neutral',
  },
  poiSession: {
    tone: (event) => (event.change === 'ignored' ? 'warn' : 'info'),
    category: (event) => event.category,
    relatedSid: (event) => event.serviceId,
  },
  ledger: {
    tone: (event) =>
      event.change === 'reversed' ? 'warn' : event.entry.result === 'approved' ? 'ok' : 'neutral',
  },
  security: {
    tone: () => 'error',
    category: (event) => event.category,
    relatedSid: (event) => event.serviceId,
  },
};

function sidInCategory(serviceId: string, category: string): string {
  return `${category}\u0000${serviceId}`;
}

/** The facts entry of an event's kind; the mapped table guarantees it fits, TS cannot correlate the two. */
function factsOf(event: TraceEvent): EventFacts<EventKind> {
  return FACTS[event.kind] as EventFacts<EventKind>;
}

function describeMessage(event: TraceEvent & EventOf<'message'>): RowParts {
  const summary = summariseMessage(event);
  const title = summary.malformed
    ? 'Malformed frame'
    : join([summary.category ?? '?', summary.type ?? '?'], ' ');
  return {
    lane: event.direction === 'toPoi' ? 'pos' : 'poi',
    direction: event.direction,
    type: summary.type,
    serviceId: summary.serviceId,
    result: summary.result,
    errorCondition: summary.errorCondition,
    title,
    detail: join([
      event.leg !== undefined && legWords(event.leg, event.proxied),
      summary.note,
      event.encrypted === true && 'travelled encrypted (NexoCrypto)',
    ]),
  };
}

function describeFault(event: EventOf<'fault'>): RowParts {
  const hit = event.hit;
  const args = event.args === undefined ? undefined : faultArgsWords(event.args);
  const hitText =
    hit === undefined
      ? undefined
      : join(['on', hit.category, hit.serviceId && `#${hit.serviceId}`], ' ');
  return {
    lane: SIMULATOR_FAULTS.has(event.name) ? 'poi' : 'pos',
    serviceId: hit?.serviceId,
    title: faultTitle(event.name, event.phase),
    detail: join([hitText, args, event.note]),
  };
}

/** "BUSY next logins: took effect": the fault bar's name for a fault the window knows, else its id. */
function faultTitle(name: string, phase: string): string {
  const known = (HARNESS_FAULT_NAMES as readonly string[]).includes(name);
  const label = known ? faultWords(name as (typeof HARNESS_FAULT_NAMES)[number]).label : name;
  return `${label}: ${faultPhaseWords(phase)}`;
}

/** The reference client's operations as people name them. */
const OP_WORDS: Readonly<Record<string, string>> = {
  login: 'Login',
  logout: 'Logout',
  pay: 'Payment',
  status: 'Status check',
  reverse: 'Reversal',
  abort: 'Abort',
  admin: 'Admin request',
};

const OP_PHASE_WORDS: Readonly<Record<string, string>> = {
  invoke: 'sent',
  ok: 'done',
  fail: 'failed',
  info: 'outcome unknown',
};

/** "Payment declined", "Payment recovered", "Login sent": the outcome when there is one. */
function opTitle(name: string, phase: string, outcome: string | undefined): string {
  const what = OP_WORDS[name] ?? name;
  const result = phase === 'invoke' ? undefined : outcome;
  return `${what} ${result ?? OP_PHASE_WORDS[phase] ?? phase}`;
}

/** One describer per kind: adding a kind to the vocabulary fails the typecheck here. */
const DESCRIBE: {
  readonly [K in EventKind]: (event: TraceEvent & EventOf<K>) => RowParts;
} = {
  message: describeMessage,
  session: (event) => ({
    lane: 'pos',
    title: `${stateWords(event.from)} → ${stateWords(event.to)}`,
    detail: reasonWords(event.reason),
  }),
  fault: describeFault,
  timeout: (event) => ({
    lane: 'pos',
    serviceId: event.serviceId,
    title: `Timeout ${event.category}`,
    detail: `no response after ${event.afterMs} ms`,
  }),
  retry: (event) => ({
    lane: 'pos',
    serviceId: event.serviceId,
    title: `Retry ${event.category} #${event.attempt}`,
    detail: join([`${event.previousServiceId} → ${event.serviceId}`, event.reason]),
  }),
  op: (event) => ({
    lane: 'pos',
    title: opTitle(event.name, event.phase, event.outcome),
    detail: join([event.outcome, `operation ${event.op}`]),
  }),
  lifecycle: (event) => ({
    lane: 'poi',
    title: `Payment app ${event.from} → ${event.to}`,
    detail: join([`v${event.version}`, event.reason]),
  }),
  link: (event) => ({
    // The proxy's terminal link belongs with the payment application it reaches.
    lane: event.observer === 'proxy' ? 'poi' : event.observer,
    title: `Link ${event.change}`,
    detail: join([
      event.link,
      event.code === undefined ? undefined : `code ${event.code}`,
      event.abrupt === true && 'abrupt',
      event.reason,
    ]),
  }),
  poiSession: (event) => ({
    lane: 'poi',
    serviceId: event.serviceId,
    title: `POI session ${event.change}`,
    detail: join([
      event.category,
      event.serviceId && `#${event.serviceId}`,
      event.reason,
      event.saleId && `sale ${event.saleId}`,
    ]),
  }),
  ledger: (event) => ({
    lane: 'poi',
    title: `Ledger ${event.change}`,
    detail: join([
      event.entry.result,
      formatMinor(event.entry.authorisedMinor, event.entry.currency),
      event.entry.errorCondition,
      `POI tx ${event.entry.poiTransactionId}`,
      `sale tx ${event.entry.saleTransactionId}`,
    ]),
  }),
  security: (event) => ({
    lane: event.observer === 'pos' ? 'pos' : 'poi',
    serviceId: event.serviceId,
    title: `Security: ${event.reason}`,
    detail: join([event.detail, event.saleId && `sale ${event.saleId}`, event.link]),
  }),
};

function describe(event: TraceEvent): RowParts {
  // The mapped table guarantees the describer matches the kind; TS cannot correlate the two.
  const describer = DESCRIBE[event.kind] as (event: TraceEvent) => RowParts;
  return describer(event);
}

const NO_CONCERNS: readonly RowConcern[] = [];

/** The lower-case text the search box matches a row against: what the row shows. */
export function searchTextOf(row: TimelineRow): string {
  return join(
    [
      row.kind,
      row.title,
      row.detail,
      row.category,
      row.serviceId,
      row.result,
      row.errorCondition,
      row.wire && WIRE_BADGE[row.wire],
    ],
    ' ',
  ).toLowerCase();
}

/** Index of the event with `seq` in a model (or events sorted by seq), or -1 (binary search). */
export function indexOfSeq(
  list: TimelineModel | readonly { readonly seq: number }[],
  seq: number,
): number {
  const seqAt: (index: number) => number =
    'eventAt' in list
      ? (index) => list.eventAt(index)?.seq ?? 0
      : (index) => (list as readonly { readonly seq: number }[])[index]?.seq ?? 0;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = seqAt(mid);
    if (at === seq) return mid;
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Builds rows incrementally; each {@link append} returns a new model and never changes an old one's length. */
export interface TimelineBuilder {
  append(events: readonly TraceEvent[]): TimelineModel;
  readonly model: TimelineModel;
}

/**
 * The builder keeps one column per fact, indexed like the events, filled in one pass as events
 * arrive: the category and tone (filters and counts), the request/response pairs and latency,
 * the message a fault, timeout or retry names, the session band, and the faults and timeouts
 * that name a message. Rows are made from an event and its columns when first asked for.
 */
export function createTimelineBuilder(): TimelineBuilder {
  const origin = {};
  const events: TraceEvent[] = [];
  const category: (string | undefined)[] = [];
  const tone: RowTone[] = [];
  /** On a response: its request's index; on a request: its response's index. */
  const requestIndex: (number | undefined)[] = [];
  const responseIndex: (number | undefined)[] = [];
  const latencyMs: (number | undefined)[] = [];
  const relatedIndex: (number | undefined)[] = [];
  const band: (BandState | undefined)[] = [];
  /** Index of a message → indices of the faults and timeouts that name it, in order. */
  const concernsOf = new Map<number, number[]>();
  /** Rows built so far, each with every change made to it so far. */
  const rowCache = new Map<number, TimelineRow>();
  /** The index of the latest event that changed row `index` (its response, a concern). */
  const lastChange: (number | undefined)[] = [];
  const searchTexts: (string | undefined)[] = [];
  const pairer: MessagePairer = createMessagePairer();
  const bandTracker: BandTracker = createBandTracker();
  /**
   * Latest message index per ServiceID, and per ServiceID within a category, to link faults,
   * timeouts and retries to their message.
   */
  const messageBySid = new Map<string, number>();
  const categorySet = new Set<string>();
  let categories: readonly string[] = [];
  let lanes: readonly FlowLane[] = TWO_LANES;

  const concernAt = (index: number): RowConcern | undefined => {
    const row = rowAt(index);
    if (row === undefined || (row.kind !== 'fault' && row.kind !== 'timeout')) return undefined;
    return { kind: row.kind, seq: row.seq, text: row.title };
  };

  /** Row `index` as it stood when the builder held `length` events. */
  const buildRow = (index: number, length: number): TimelineRow | undefined => {
    const event = events[index];
    if (event === undefined) return undefined;
    const parts = describe(event);
    const response = responseIndex[index];
    const pairIndex = response !== undefined && response < length ? response : requestIndex[index];
    const related = relatedIndex[index];
    const concernIndices = concernsOf.get(index)?.filter((at) => at < length);
    const concerns =
      concernIndices === undefined || concernIndices.length === 0
        ? NO_CONCERNS
        : concernIndices
            .map(concernAt)
            .filter((concern): concern is RowConcern => concern !== undefined);
    // One literal with every field, in a fixed order: all rows share one object shape.
    return {
      seq: event.seq,
      t: event.t,
      time: formatTraceTime(event.t),
      kind: event.kind,
      lane: parts.lane,
      direction: parts.direction,
      category: category[index],
      type: parts.type,
      wire: event.kind === 'message' || event.kind === 'link' ? event.wire : undefined,
      serviceId: parts.serviceId,
      result: parts.result,
      errorCondition: parts.errorCondition,
      title: parts.title,
      detail: parts.detail,
      tone: tone[index] ?? 'neutral',
      pairSeq: pairIndex === undefined ? undefined : events[pairIndex]?.seq,
      latencyMs: latencyMs[index],
      relatedSeq: related === undefined ? undefined : events[related]?.seq,
      flow: flowPathOf(event, parts.lane),
      band: band[index],
      concerns,
      event,
    };
  };

  /**
   * Row `index` as a model of `length` events shows it. A model older than a change to the row
   * gets the row as it was, made afresh (only a stale model asks for one).
   */
  function rowAt(index: number, length = events.length): TimelineRow | undefined {
    if ((lastChange[index] ?? -1) >= length) return buildRow(index, length);
    let row = rowCache.get(index);
    if (row === undefined) {
      row = buildRow(index, events.length);
      if (row !== undefined) rowCache.set(index, row);
    }
    return row;
  }

  const searchTextAt = (index: number): string => {
    let text = searchTexts[index];
    if (text === undefined) {
      // Searching a long trace must not keep a row per event: a row made here is kept only
      // when it already was.
      const row = rowCache.get(index) ?? buildRow(index, events.length);
      text = row === undefined ? '' : searchTextOf(row);
      searchTexts[index] = text;
    }
    return text;
  };

  /** A snapshot of the first `length` events. */
  const snapshot = (length: number): TimelineModel => ({
    length,
    categories,
    lanes,
    origin,
    eventAt: (index) => (index >= 0 && index < length ? events[index] : undefined),
    rowAt: (index) => (index >= 0 && index < length ? rowAt(index, length) : undefined),
    categoryAt: (index) => (index < length ? category[index] : undefined),
    toneAt: (index) => (index < length ? tone[index] : undefined),
    requestIndexAt: (index) => (index < length ? requestIndex[index] : undefined),
    searchTextAt: (index) => (index >= 0 && index < length ? searchTextAt(index) : ''),
  });

  /** A later event changed row `index` (a response or a concern arrived): build it again. */
  const amended = (index: number, by: number) => {
    rowCache.delete(index);
    lastChange[index] = by;
  };

  const add = (event: TraceEvent) => {
    const index = events.length;
    events.push(event);
    const facts = factsOf(event);
    const summary = event.kind === 'message' ? summariseMessage(event) : undefined;
    let request: number | undefined;
    let latency: number | undefined;
    if (event.kind === 'message' && summary !== undefined) {
      const pair = pairer.add(event, summary);
      if (pair !== undefined) {
        request = indexOfSeq(events, pair.requestSeq);
        if (request < 0) request = undefined;
        // Live traces stamp sub-millisecond time; a latency is read in whole milliseconds.
        latency = Math.round(pair.latencyMs);
      }
      if (summary.serviceId !== undefined) {
        messageBySid.set(summary.serviceId, index);
        if (summary.category !== undefined)
          messageBySid.set(sidInCategory(summary.serviceId, summary.category), index);
      }
      if (summary.category !== undefined && !categorySet.has(summary.category)) {
        categorySet.add(summary.category);
        categories = [...categorySet].sort();
      }
    }
    const sid = facts.relatedSid?.(event);
    const eventCategory = facts.category?.(event, summary);
    // A timeout names the request it waited for, not the notification that shares its ServiceID.
    const related =
      sid === undefined
        ? undefined
        : ((eventCategory === undefined
            ? undefined
            : messageBySid.get(sidInCategory(sid, eventCategory))) ?? messageBySid.get(sid));
    category.push(eventCategory);
    tone.push(facts.tone(event, summary));
    requestIndex.push(request);
    responseIndex.push(undefined);
    latencyMs.push(latency);
    relatedIndex.push(related);
    band.push(bandTracker.next(event));
    lastChange.push(undefined);
    searchTexts.push(undefined);
    if (lanes === TWO_LANES && hasTerminalLeg(event)) lanes = THREE_LANES;
    if (request !== undefined) {
      // Give the request its half of the pair.
      responseIndex[request] = index;
      amended(request, index);
    }
    if (related !== undefined && (event.kind === 'fault' || event.kind === 'timeout')) {
      const list = concernsOf.get(related);
      if (list === undefined) concernsOf.set(related, [index]);
      else list.push(index);
      amended(related, index);
    }
  };

  let model = snapshot(0);
  return {
    get model() {
      return model;
    },
    append(batch) {
      // A bridge that reconnects may resend a batch: seq is the identity, so keep rows in
      // strictly increasing seq order and skip what we already have.
      let lastSeq = events.at(-1)?.seq ?? 0;
      const before = events.length;
      for (const event of batch) {
        if (event.seq <= lastSeq) continue;
        add(event);
        lastSeq = event.seq;
      }
      if (events.length === before) return model;
      model = snapshot(events.length);
      return model;
    },
  };
}

export const EMPTY_TIMELINE: TimelineModel = createTimelineBuilder().model;

/** Rows for a whole trace at once (the replay view, tests). */
export function buildTimeline(events: readonly TraceEvent[]): TimelineModel {
  return createTimelineBuilder().append(events);
}

const everyRow = new WeakMap<TimelineModel, readonly TimelineRow[]>();

/**
 * Every row of a model, built and kept per model: for the few readers that walk the whole run
 * (the live ledger's links, tests), never for drawing the list.
 */
export function allRows(model: TimelineModel): readonly TimelineRow[] {
  let rows = everyRow.get(model);
  if (rows === undefined) {
    const built: TimelineRow[] = [];
    for (let i = 0; i < model.length; i++) {
      const row = model.rowAt(i);
      if (row !== undefined) built.push(row);
    }
    rows = built;
    everyRow.set(model, rows);
  }
  return rows;
}
