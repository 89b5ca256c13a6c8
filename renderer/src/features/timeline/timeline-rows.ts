import type { Wire } from '@shared/link/endpoint';
import type { Direction, EventKind, EventOf, TraceEvent } from '@shared/trace/view';
import {
  createMessagePairer,
  formatTraceTime,
  summariseMessage,
  type MessagePairer,
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
 * One timeline row, computed once when its event arrives so that rendering and filtering do no
 * per-row parsing. Rows are immutable; a request row is replaced (not mutated) when its response
 * arrives.
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

/** The rows of one event stream and the message categories seen so far (for the filters). */
export interface TimelineModel {
  readonly rows: readonly TimelineRow[];
  readonly categories: readonly string[];
  /** The flow view's lanes: a third one once the run shows a proxy's terminal leg. */
  readonly lanes: readonly FlowLane[];
}

export const EMPTY_TIMELINE: TimelineModel = { rows: [], categories: [], lanes: TWO_LANES };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What a kind-specific describer fills in; the builder adds seq, time and the event. */
type RowParts = Omit<
  TimelineRow,
  'seq' | 't' | 'time' | 'kind' | 'wire' | 'event' | 'flow' | 'band' | 'concerns'
>;

interface BuildContext {
  readonly pairer: MessagePairer;
  readonly band: BandTracker;
  /** Latest message seq per ServiceID, to link faults, timeouts and retries to their message. */
  readonly messageBySid: Map<string, number>;
}

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

function describeMessage(event: TraceEvent & EventOf<'message'>, ctx: BuildContext): RowParts {
  const summary = summariseMessage(event);
  const pair = ctx.pairer.add(event, summary);
  if (summary.serviceId !== undefined) ctx.messageBySid.set(summary.serviceId, event.seq);
  const title = summary.malformed
    ? 'Malformed frame'
    : join([summary.category ?? '?', summary.type ?? '?'], ' ');
  return {
    lane: event.direction === 'toPoi' ? 'pos' : 'poi',
    direction: event.direction,
    category: summary.category,
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
    tone: summary.malformed ? 'error' : (RESULT_TONE[summary.result ?? ''] ?? 'neutral'),
    pairSeq: pair?.requestSeq,
    // Live traces stamp sub-millisecond time; a latency is read in whole milliseconds.
    latencyMs: pair === undefined ? undefined : Math.round(pair.latencyMs),
  };
}

function describeFault(event: EventOf<'fault'>, ctx: BuildContext): RowParts {
  const hit = event.hit;
  const args = event.args === undefined ? undefined : faultArgsWords(event.args);
  const hitText =
    hit === undefined
      ? undefined
      : join(['on', hit.category, hit.serviceId && `#${hit.serviceId}`], ' ');
  return {
    lane: SIMULATOR_FAULTS.has(event.name) ? 'poi' : 'pos',
    category: hit?.category,
    serviceId: hit?.serviceId,
    title: faultTitle(event.name, event.phase),
    detail: join([hitText, args, event.note]),
    tone: 'warn',
    relatedSeq: hit?.serviceId === undefined ? undefined : ctx.messageBySid.get(hit.serviceId),
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
  readonly [K in EventKind]: (event: TraceEvent & EventOf<K>, ctx: BuildContext) => RowParts;
} = {
  message: describeMessage,
  session: (event) => ({
    lane: 'pos',
    title: `${stateWords(event.from)} → ${stateWords(event.to)}`,
    detail: reasonWords(event.reason),
    tone: STATE_TONE[event.to] ?? 'neutral',
  }),
  fault: describeFault,
  timeout: (event, ctx) => ({
    lane: 'pos',
    category: event.category,
    serviceId: event.serviceId,
    title: `Timeout ${event.category}`,
    detail: `no response after ${event.afterMs} ms`,
    tone: 'error',
    relatedSeq: ctx.messageBySid.get(event.serviceId),
  }),
  retry: (event, ctx) => ({
    lane: 'pos',
    category: event.category,
    serviceId: event.serviceId,
    title: `Retry ${event.category} #${event.attempt}`,
    detail: join([`${event.previousServiceId} → ${event.serviceId}`, event.reason]),
    tone: 'warn',
    relatedSeq: ctx.messageBySid.get(event.previousServiceId),
  }),
  op: (event) => ({
    lane: 'pos',
    title: opTitle(event.name, event.phase, event.outcome),
    detail: join([event.outcome, `operation ${event.op}`]),
    tone: OP_TONE[event.phase],
  }),
  lifecycle: (event) => ({
    lane: 'poi',
    title: `Payment app ${event.from} → ${event.to}`,
    detail: join([`v${event.version}`, event.reason]),
    tone: event.to === 'ready' ? 'ok' : 'info',
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
    tone: event.change === 'opened' ? 'info' : event.abrupt === true ? 'warn' : 'neutral',
  }),
  poiSession: (event, ctx) => ({
    lane: 'poi',
    category: event.category,
    serviceId: event.serviceId,
    title: `POI session ${event.change}`,
    detail: join([
      event.category,
      event.serviceId && `#${event.serviceId}`,
      event.reason,
      event.saleId && `sale ${event.saleId}`,
    ]),
    tone: event.change === 'ignored' ? 'warn' : 'info',
    relatedSeq: event.serviceId === undefined ? undefined : ctx.messageBySid.get(event.serviceId),
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
    tone:
      event.change === 'reversed' ? 'warn' : event.entry.result === 'approved' ? 'ok' : 'neutral',
  }),
  security: (event, ctx) => ({
    lane: event.observer === 'pos' ? 'pos' : 'poi',
    category: event.category,
    serviceId: event.serviceId,
    title: `Security: ${event.reason}`,
    detail: join([event.detail, event.saleId && `sale ${event.saleId}`, event.link]),
    tone: 'error',
    relatedSeq: event.serviceId === undefined ? undefined : ctx.messageBySid.get(event.serviceId),
  }),
};

function describe(event: TraceEvent, ctx: BuildContext): RowParts {
  // The mapped table guarantees the describer matches the kind; TS cannot correlate the two.
  const describer = DESCRIBE[event.kind] as (event: TraceEvent, ctx: BuildContext) => RowParts;
  return describer(event, ctx);
}

const NO_CONCERNS: readonly RowConcern[] = [];

/** The concern a fault or timeout row puts on the row it names. */
function concernOf(row: TimelineRow): RowConcern | undefined {
  if (row.relatedSeq === undefined) return undefined;
  if (row.kind !== 'fault' && row.kind !== 'timeout') return undefined;
  return { kind: row.kind, seq: row.seq, text: row.title };
}

function toRow(event: TraceEvent, ctx: BuildContext): TimelineRow {
  const parts = describe(event, ctx);
  // One literal with every field, in a fixed order: all rows share one object shape, which
  // keeps building and filtering 100,000 rows fast (spreading varied shapes is not).
  return {
    seq: event.seq,
    t: event.t,
    time: formatTraceTime(event.t),
    kind: event.kind,
    lane: parts.lane,
    direction: parts.direction,
    category: parts.category,
    type: parts.type,
    wire: event.kind === 'message' || event.kind === 'link' ? event.wire : undefined,
    serviceId: parts.serviceId,
    result: parts.result,
    errorCondition: parts.errorCondition,
    title: parts.title,
    detail: parts.detail,
    tone: parts.tone,
    pairSeq: parts.pairSeq,
    latencyMs: parts.latencyMs,
    relatedSeq: parts.relatedSeq,
    flow: flowPathOf(event, parts.lane),
    band: ctx.band.next(event),
    concerns: NO_CONCERNS,
    event,
  };
}

/** Search texts made so far: made on the first search, not for every row of an opened trace. */
const searchTexts = new WeakMap<TimelineRow, string>();

/** The lower-case text the search box matches a row against: what the row shows. */
export function searchTextOf(row: TimelineRow): string {
  let text = searchTexts.get(row);
  if (text === undefined) {
    text = join(
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
    searchTexts.set(row, text);
  }
  return text;
}

/** Index of the row with `seq` in rows sorted by seq, or -1. */
export function indexOfSeq(rows: readonly TimelineRow[], seq: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = rows[mid]?.seq ?? 0;
    if (at === seq) return mid;
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Builds rows incrementally; each {@link append} returns a new model and never mutates an old one. */
export interface TimelineBuilder {
  append(events: readonly TraceEvent[]): TimelineModel;
  readonly model: TimelineModel;
}

export function createTimelineBuilder(): TimelineBuilder {
  const ctx: BuildContext = {
    pairer: createMessagePairer(),
    band: createBandTracker(),
    messageBySid: new Map(),
  };
  const categorySet = new Set<string>();
  let model = EMPTY_TIMELINE;
  return {
    get model() {
      return model;
    },
    append(events) {
      // A bridge that reconnects may resend a batch: seq is the identity, so keep rows in
      // strictly increasing seq order and skip what we already have.
      let lastSeq = model.rows.at(-1)?.seq ?? 0;
      const fresh: TraceEvent[] = [];
      for (const event of events) {
        if (event.seq <= lastSeq) continue;
        fresh.push(event);
        lastSeq = event.seq;
      }
      if (fresh.length === 0) return model;
      const rows: TimelineRow[] = model.rows.slice();
      // Rows from here on are this call's own, not yet seen by anybody: they may still change.
      const firstFresh = rows.length;
      const before = categorySet.size;
      let lanes = model.lanes;
      /** Changes an earlier row without touching a published one. */
      const amend = (seq: number, change: (row: TimelineRow) => Partial<TimelineRow>) => {
        const index = indexOfSeq(rows, seq);
        const row = rows[index];
        if (row === undefined) return;
        if (index >= firstFresh) Object.assign(row as Mutable<TimelineRow>, change(row));
        else rows[index] = { ...row, ...change(row) };
      };
      for (const event of fresh) {
        const row = toRow(event, ctx);
        rows.push(row);
        if (lanes === TWO_LANES && hasTerminalLeg(event)) lanes = THREE_LANES;
        if (row.kind === 'message' && row.category !== undefined) categorySet.add(row.category);
        if (row.kind === 'message' && row.pairSeq !== undefined) {
          // Give the request its half of the pair.
          amend(row.pairSeq, () => ({ pairSeq: row.seq }));
        }
        const concern = concernOf(row);
        if (concern !== undefined && row.relatedSeq !== undefined) {
          amend(row.relatedSeq, (target) => ({ concerns: [...target.concerns, concern] }));
        }
      }
      const categories = categorySet.size === before ? model.categories : [...categorySet].sort();
      model = { rows, categories, lanes };
      return model;
    },
  };
}

/** Rows for a whole trace at once (the replay view, tests). */
export function buildTimeline(events: readonly TraceEvent[]): TimelineModel {
  return createTimelineBuilder().append(events);
}
