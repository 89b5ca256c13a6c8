import type { Verdict } from '../trace/checkers/types';
import type { EventKind, EventOf, TraceEvent, TraceHeader } from '../trace/events';
import { formatMinor } from '../protocol/money';
import { summariseMessage } from '../trace/view';

/**
 * The rows of a report's sequence diagram, derived from the trace: which events get a row (all
 * of a small trace; the head, the tail and every event a verdict or a fault names of a large
 * one), where each sits between the lanes, and the session state along them.
 */

/** The lanes: POS and payment application, or POS, harness and terminal for a proxy trace. */
export type LaneId = 'pos' | 'poi' | 'proxy' | 'terminal';

/** How a row reads at a glance; the stylesheet colours each. */
export type RowTone = 'normal' | 'state' | 'fault' | 'problem' | 'good';

/** A wire message: an arrow from one lane to another. */
export interface ArrowRow {
  readonly type: 'arrow';
  readonly seq: number;
  readonly t: number;
  readonly from: LaneId;
  readonly to: LaneId;
  readonly label: string;
  /** A response or a notification answer travels dashed, a request solid. */
  readonly dashed: boolean;
  readonly tone: RowTone;
}

/** Anything else: a note on one lane, or across all of them (`lane` undefined). */
export interface NoteRow {
  readonly type: 'note';
  readonly seq: number;
  readonly t: number;
  readonly lane?: LaneId;
  readonly label: string;
  readonly tone: RowTone;
}

/** Events left out of a large trace's diagram, between two shown rows. */
export interface GapRow {
  readonly type: 'gap';
  readonly omitted: number;
  readonly fromSeq: number;
  readonly toSeq: number;
}

export type DiagramRow = (ArrowRow | NoteRow) & {
  /** The reference client's session state after this event (absent before the first one). */
  readonly state?: string;
  /** The verdicts (by index in the report's list) that name this event. */
  readonly verdicts: readonly number[];
};

export type DiagramItem = DiagramRow | GapRow;

/** How many rows a large trace keeps at each end. */
export interface DiagramLimits {
  readonly head: number;
  readonly tail: number;
  /** Events of one verdict pinned into the diagram (its first ones). */
  readonly perVerdict: number;
  /** Fault events pinned into the diagram. */
  readonly faults: number;
  /** Events pinned for all verdicts together (a trace can hold thousands of violations). */
  readonly verdictRows: number;
}

export const DEFAULT_DIAGRAM_LIMITS: DiagramLimits = {
  head: 150,
  tail: 150,
  perVerdict: 20,
  faults: 200,
  verdictRows: 500,
};

/** The diagram: its lanes, its rows and gaps in trace order, and how many events it left out. */
export interface DiagramModel {
  readonly lanes: readonly LaneId[];
  readonly items: readonly DiagramItem[];
  readonly omitted: number;
  /** The seqs that have a row, so verdicts link only to rows that exist. */
  readonly shown: ReadonlySet<number>;
}

export const LANE_LABELS: Readonly<Record<LaneId, string>> = {
  pos: 'POS (Sale system)',
  poi: 'Payment application (POI)',
  proxy: 'Harness (proxy)',
  terminal: 'Terminal',
};

function isProxyTrace(header: TraceHeader, events: readonly TraceEvent[]): boolean {
  return (
    header.role === 'proxy' ||
    events.some(
      (e) =>
        (e.kind === 'message' && e.leg !== undefined) ||
        (e.kind === 'link' && e.observer === 'proxy'),
    )
  );
}

function words(...parts: readonly (string | number | undefined | false)[]): string {
  return parts.filter((p) => p !== undefined && p !== false && p !== '').join(' ');
}

type Placed = Omit<ArrowRow, 'seq' | 't'> | Omit<NoteRow, 'seq' | 't'>;

function messageRow(event: EventOf<'message'>, proxy: boolean): Placed {
  const s = summariseMessage(event);
  const toPoi = event.direction === 'toPoi';
  const [near, far]: [LaneId, LaneId] = !proxy
    ? ['pos', 'poi']
    : event.leg === 'terminal'
      ? ['proxy', 'terminal']
      : ['pos', 'proxy'];
  const label = s.malformed
    ? words('malformed frame', s.note)
    : words(
        s.category,
        s.type,
        s.serviceId !== undefined && `#${s.serviceId}`,
        s.result,
        s.errorCondition,
        s.note,
        event.proxied !== undefined && event.proxied !== 'forwarded' && `(${event.proxied})`,
      );
  const problem =
    s.malformed ||
    s.result === 'Failure' ||
    event.proxied === 'dropped' ||
    event.proxied === 'swallowed';
  return {
    type: 'arrow',
    from: toPoi ? near : far,
    to: toPoi ? far : near,
    label: label === '' ? 'frame' : label,
    dashed: s.type === 'Response',
    tone: problem ? 'problem' : s.result === 'Success' ? 'good' : 'normal',
  };
}

const POS_FAULTS: ReadonlySet<string> = new Set(['restartClient', 'logout']);

/** One placement per event kind: a table, so a new kind without a row fails to compile. */
function placements(proxy: boolean): {
  readonly [K in EventKind]: (event: EventOf<K>) => Placed;
} {
  const poiLane: LaneId = proxy ? 'proxy' : 'poi';
  return {
    message: (e) => messageRow(e, proxy),
    session: (e) => ({
      type: 'note',
      lane: 'pos',
      label: `session ${e.from} → ${e.to}: ${e.reason}`,
      tone: 'state',
    }),
    fault: (e) => ({
      type: 'note',
      lane: POS_FAULTS.has(e.name) ? 'pos' : poiLane,
      label: words(
        `fault ${e.name} ${e.phase}`,
        e.hit?.category,
        e.hit?.serviceId !== undefined && `#${e.hit.serviceId}`,
        e.note !== undefined && `(${e.note})`,
      ),
      tone: 'fault',
    }),
    timeout: (e) => ({
      type: 'note',
      lane: 'pos',
      label: `timeout: no ${e.category} answer to #${e.serviceId} after ${e.afterMs} ms`,
      tone: 'problem',
    }),
    retry: (e) => ({
      type: 'note',
      lane: 'pos',
      label: `retry ${e.category} #${e.previousServiceId} → #${e.serviceId} (attempt ${e.attempt}, ${e.reason})`,
      tone: 'normal',
    }),
    op: (e) => ({
      type: 'note',
      lane: 'pos',
      label: words(`${e.name} ${e.phase === 'invoke' ? 'started' : e.phase}`, e.outcome),
      tone: e.phase === 'fail' ? 'problem' : e.phase === 'ok' ? 'good' : 'normal',
    }),
    lifecycle: (e) => ({
      type: 'note',
      lane: proxy ? 'terminal' : 'poi',
      label: `payment app ${e.from} → ${e.to} (${e.reason}, version ${e.version})`,
      tone: 'state',
    }),
    link: (e) => ({
      type: 'note',
      label: words(
        `link ${e.link} ${e.change}`,
        e.code !== undefined && `code ${e.code}`,
        e.abrupt === true && 'abruptly',
        e.reason !== undefined && `(${e.reason})`,
      ),
      tone: e.abrupt === true ? 'problem' : 'normal',
    }),
    poiSession: (e) => ({
      type: 'note',
      lane: poiLane,
      label: words(
        `payment app session ${e.change}`,
        e.category,
        e.serviceId !== undefined && `#${e.serviceId}`,
        `(${e.reason})`,
      ),
      tone: e.change === 'ignored' ? 'problem' : 'state',
    }),
    ledger: (e) => ({
      type: 'note',
      lane: poiLane,
      label: words(
        `ledger ${e.change}:`,
        e.entry.result,
        formatMinor(e.entry.amountMinor, e.entry.currency),
        e.entry.poiTransactionId,
      ),
      tone: 'normal',
    }),
    security: (e) => ({
      type: 'note',
      lane: e.observer === 'pos' ? 'pos' : poiLane,
      label: `refused: ${e.detail}`,
      tone: 'problem',
    }),
  };
}

/** The seqs a large trace's diagram must keep besides its head and tail. */
function pinnedSeqs(
  events: readonly TraceEvent[],
  verdicts: readonly Verdict[],
  limits: DiagramLimits,
): Set<number> {
  const pinned = new Set<number>();
  for (const verdict of verdicts) {
    if (pinned.size >= limits.verdictRows) break;
    for (const seq of verdict.events.slice(0, limits.perVerdict)) pinned.add(seq);
  }
  let faults = 0;
  for (const event of events) {
    if (faults >= limits.faults) break;
    if (event.kind === 'fault') {
      pinned.add(event.seq);
      faults++;
    }
  }
  return pinned;
}

/** Builds the diagram of a trace, bounded by `limits`. */
export function diagramOf(
  header: TraceHeader,
  events: readonly TraceEvent[],
  verdicts: readonly Verdict[],
  limits: DiagramLimits = DEFAULT_DIAGRAM_LIMITS,
): DiagramModel {
  const proxy = isProxyTrace(header, events);
  const place = placements(proxy) as { readonly [K in EventKind]: (event: TraceEvent) => Placed };
  const pinned = pinnedSeqs(events, verdicts, limits);
  const verdictsBySeq = new Map<number, number[]>();
  verdicts.forEach((verdict, index) => {
    for (const seq of verdict.events) {
      const list = verdictsBySeq.get(seq) ?? [];
      list.push(index);
      verdictsBySeq.set(seq, list);
    }
  });
  const items: DiagramItem[] = [];
  const shown = new Set<number>();
  let state: string | undefined;
  let gap: { omitted: number; fromSeq: number; toSeq: number } | undefined;
  events.forEach((event, index) => {
    // The state is folded over every event, shown or not, so rows after a gap are right.
    if (event.kind === 'session') state = event.to;
    const keep =
      index < limits.head || index >= events.length - limits.tail || pinned.has(event.seq);
    if (!keep) {
      gap =
        gap === undefined
          ? { omitted: 1, fromSeq: event.seq, toSeq: event.seq }
          : { ...gap, omitted: gap.omitted + 1, toSeq: event.seq };
      return;
    }
    if (gap !== undefined) {
      items.push({ type: 'gap', ...gap });
      gap = undefined;
    }
    shown.add(event.seq);
    items.push({
      ...place[event.kind](event),
      seq: event.seq,
      t: event.t,
      ...(state === undefined ? {} : { state }),
      verdicts: verdictsBySeq.get(event.seq) ?? [],
    });
  });
  if (gap !== undefined) items.push({ type: 'gap', ...gap });
  return {
    lanes: proxy ? ['pos', 'proxy', 'terminal'] : ['pos', 'poi'],
    items,
    omitted: events.length - shown.size,
    shown,
  };
}
