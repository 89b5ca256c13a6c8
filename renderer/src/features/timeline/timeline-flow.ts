import type { TraceEvent } from '@shared/trace/view';
import type { Verdict } from '@shared/trace/checkers';

/**
 * The flow view's geometry (README "Timeline"): one lane per party, an arrow per message
 * between lanes, a marker on a lane for everything else. Pure derivations from events and rows,
 * so the view only reads them.
 */

/**
 * A party of the conversation. `poi` is the payment application the POS talks to: the simulator,
 * or in proxy role the harness in the middle; `terminal` is the real terminal behind a proxy.
 */
export type FlowLane = 'pos' | 'poi' | 'terminal';

/** The lanes of a two-party run, and of a proxy run (a terminal leg exists). */
export const TWO_LANES: readonly FlowLane[] = ['pos', 'poi'];
export const THREE_LANES: readonly FlowLane[] = ['pos', 'poi', 'terminal'];

/** How a row sits on the lanes: a message travels between two, anything else marks one. */
export type FlowPath =
  | {
      readonly kind: 'arrow';
      readonly from: FlowLane;
      readonly to: FlowLane;
      /** The message stopped in the middle (a proxy fault dropped or swallowed it). */
      readonly lost: boolean;
      /** A lane the message passed through on its way (the proxy forwarding it). */
      readonly via?: FlowLane;
    }
  | { readonly kind: 'mark'; readonly at: FlowLane };

/** True when an event belongs to a proxy run, so the terminal gets its own lane. */
export function hasTerminalLeg(event: TraceEvent): boolean {
  if (event.kind === 'message') return event.leg !== undefined;
  return event.kind === 'link' && event.observer === 'proxy';
}

/**
 * The path of one event. A message without a leg goes between the POS and the payment
 * application. In proxy role the leg says where it arrived and its disposition whether the
 * proxy passed it on: a forwarded request crosses to the terminal, a forwarded answer to the
 * POS; a dropped or swallowed one stops at the proxy; an answer the proxy made up starts there.
 */
export function flowPathOf(event: TraceEvent, markLane: 'pos' | 'poi'): FlowPath {
  if (event.kind !== 'message') return MARK[hasTerminalLeg(event) ? 'terminal' : markLane];
  const toPoi = event.direction === 'toPoi';
  if (event.leg === undefined) return toPoi ? PATH.posToPoi : PATH.poiToPos;
  const forwarded = event.proxied === undefined || event.proxied === 'forwarded';
  const lost = event.proxied === 'dropped' || event.proxied === 'swallowed';
  if (event.leg === 'pos') {
    if (!toPoi) return PATH.poiToPos;
    if (forwarded) return PATH.posToTerminal;
    return lost ? PATH.posToPoiLost : PATH.posToPoi;
  }
  if (toPoi) return lost ? PATH.poiToTerminalLost : PATH.poiToTerminal;
  if (forwarded) return PATH.terminalToPos;
  return lost ? PATH.terminalToPoiLost : PATH.terminalToPoi;
}

/**
 * Every path there is, made once: rows share them, so a 100,000-row trace allocates no path
 * objects (and leaves the page no garbage to collect while it scrolls).
 */
const PATH = {
  posToPoi: { kind: 'arrow', from: 'pos', to: 'poi', lost: false },
  posToPoiLost: { kind: 'arrow', from: 'pos', to: 'poi', lost: true },
  poiToPos: { kind: 'arrow', from: 'poi', to: 'pos', lost: false },
  posToTerminal: { kind: 'arrow', from: 'pos', to: 'terminal', via: 'poi', lost: false },
  poiToTerminal: { kind: 'arrow', from: 'poi', to: 'terminal', lost: false },
  poiToTerminalLost: { kind: 'arrow', from: 'poi', to: 'terminal', lost: true },
  terminalToPos: { kind: 'arrow', from: 'terminal', to: 'pos', via: 'poi', lost: false },
  terminalToPoi: { kind: 'arrow', from: 'terminal', to: 'poi', lost: false },
  terminalToPoiLost: { kind: 'arrow', from: 'terminal', to: 'poi', lost: true },
} as const satisfies Record<string, FlowPath>;

const MARK: Readonly<Record<FlowLane, FlowPath>> = {
  pos: { kind: 'mark', at: 'pos' },
  poi: { kind: 'mark', at: 'poi' },
  terminal: { kind: 'mark', at: 'terminal' },
};

/** Horizontal centre of each lane, in percent of the flow cell, per number of lanes. */
const LANE_X: Readonly<Record<number, readonly number[]>> = {
  2: [5, 95],
  3: [5, 50, 95],
};

/** Where a lane's lifeline runs, in percent of the flow cell. */
export function laneX(lanes: readonly FlowLane[], lane: FlowLane): number {
  const index = Math.max(0, lanes.indexOf(lane));
  return LANE_X[lanes.length]?.[index] ?? 0;
}

/**
 * The colour key of the session band beside a row: the reference client's session state when
 * the run has one; otherwise (terminal and proxy roles) whether the payment application holds a
 * session for any POS.
 */
export type BandState = string;

/** Follows the session state through a stream of events, one event at a time. */
export interface BandTracker {
  /** The band after `event`. */
  next(event: TraceEvent): BandState | undefined;
}

export function createBandTracker(): BandTracker {
  let clientState: string | undefined;
  const openPoiSessions = new Set<string>();
  return {
    next(event) {
      if (event.kind === 'session') clientState = event.to;
      else if (event.kind === 'poiSession' && event.change === 'opened')
        openPoiSessions.add(event.link);
      else if (event.kind === 'poiSession' && event.change === 'closed')
        openPoiSessions.delete(event.link);
      else if (event.kind === 'link' && event.change === 'closed')
        openPoiSessions.delete(event.link);
      else if (event.kind === 'lifecycle' && event.to !== 'ready') openPoiSessions.clear();
      if (clientState !== undefined) return clientState;
      return openPoiSessions.size > 0 ? 'poiOpen' : 'poiNone';
    },
  };
}

/** Where a pairing line crosses one row. */
export interface RailMark {
  /** Column of the line in the pairing gutter, 0 nearest the lanes. */
  readonly track: number;
  /** `start` on the request, `end` on the response, `through` on the rows between. */
  readonly part: 'start' | 'through' | 'end';
}

/** A request and its response, as positions in the visible list. */
export interface PairSpan {
  readonly from: number;
  readonly to: number;
  readonly track: number;
}

/** How many lines the pairing gutter holds side by side; more overlapping pairs share the last. */
export const RAIL_TRACKS = 3;

/**
 * The pairing lines of the visible rows. Both ends must be visible: a line to a row the filters
 * hide would point at nothing. Overlapping pairs take the first free track (interval colouring),
 * so concurrent requests (a Login during a payment) stay apart.
 */
export function pairSpans(
  visible: readonly number[],
  pairOf: (index: number) => number | undefined,
  positionOfIndex: (index: number) => number,
): PairSpan[] {
  const spans: { from: number; to: number }[] = [];
  for (let position = 0; position < visible.length; position++) {
    const requestIndex = pairOf(visible[position] ?? -1);
    if (requestIndex === undefined) continue;
    const from = positionOfIndex(requestIndex);
    if (from >= 0 && from < position) spans.push({ from, to: position });
  }
  spans.sort((a, b) => a.from - b.from || a.to - b.to);
  const freeAfter: number[] = [];
  return spans.map((span) => {
    let track = freeAfter.findIndex((end) => end < span.from);
    if (track < 0) track = freeAfter.length < RAIL_TRACKS ? freeAfter.length : RAIL_TRACKS - 1;
    freeAfter[track] = Math.max(freeAfter[track] ?? -1, span.to);
    return { ...span, track };
  });
}

/** The marks there are, made once and shared by every row. */
const RAIL_MARKS: readonly Readonly<Record<RailMark['part'], RailMark>>[] = Array.from(
  { length: RAIL_TRACKS },
  (_, track) => ({
    start: { track, part: 'start' },
    through: { track, part: 'through' },
    end: { track, part: 'end' },
  }),
);

/** The pairing lines that cross each visible row, worked out for the rows asked about only. */
export interface PairRails {
  /**
   * The marks on the row at `position`, at most one per track (where pairs share the last
   * track, an end or a start shows over a line passing through); the same array every time.
   */
  marksAt(position: number): readonly RailMark[] | undefined;
}

/**
 * Rails over `spans` (sorted by `from`, as {@link pairSpans} returns them). A row's marks are
 * found when the row is first drawn and kept, so a 100,000-row list costs what is scrolled
 * through, not a mark array per row up front.
 */
export function pairRails(spans: readonly PairSpan[]): PairRails {
  const longest = spans.reduce((most, span) => Math.max(most, span.to - span.from), 0);
  const cache = new Map<number, readonly RailMark[] | undefined>();
  /** Index of the last span that starts at or before `position`, or -1. */
  const lastStartingBy = (position: number): number => {
    let lo = 0;
    let hi = spans.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((spans[mid]?.from ?? Infinity) <= position) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const compute = (position: number): readonly RailMark[] | undefined => {
    const byTrack: (RailMark | undefined)[] = [];
    for (let i = lastStartingBy(position); i >= 0; i--) {
      const span = spans[i];
      if (span === undefined || span.from < position - longest) break;
      if (span.to < position) continue;
      const part = span.from === position ? 'start' : span.to === position ? 'end' : 'through';
      const held = byTrack[span.track];
      if (held === undefined || held.part === 'through') {
        byTrack[span.track] = RAIL_MARKS[span.track]?.[part];
      }
    }
    const marks = byTrack.filter((mark): mark is RailMark => mark !== undefined);
    return marks.length === 0 ? undefined : marks;
  };
  return {
    marksAt(position) {
      if (!cache.has(position)) cache.set(position, compute(position));
      return cache.get(position);
    },
  };
}

/**
 * The failing verdicts per event seq: the rows a verdict names get its marker, and "only
 * problems" keeps them. Passing verdicts cite evidence, not problems, so they mark nothing.
 */
export function verdictHits(
  verdicts: readonly Verdict[] | undefined,
): ReadonlyMap<number, readonly string[]> {
  const hits = new Map<number, string[]>();
  for (const verdict of verdicts ?? []) {
    if (verdict.pass) continue;
    for (const seq of verdict.events) {
      const at = hits.get(seq);
      if (at === undefined) hits.set(seq, [verdict.message]);
      else at.push(verdict.message);
    }
  }
  return hits;
}

/**
 * A request of the POS still without its response: the flow view draws it an open-ended
 * pairing line (README "Timeline flow view"). Only POS → payment-application requests: the
 * payment application's own Display requests need no answer.
 */
export function isPendingRequest(row: {
  readonly kind: string;
  readonly type?: string;
  readonly direction?: string;
  readonly pairSeq?: number;
}): boolean {
  return (
    row.kind === 'message' &&
    row.type === 'Request' &&
    row.direction === 'toPoi' &&
    row.pairSeq === undefined
  );
}

/**
 * How an open pairing line reads: `waiting` while a live run may still answer, `unanswered`
 * once nothing will (a replayed trace, or a timeout already gave the request up).
 */
export type PendingState = 'waiting' | 'unanswered';

export function pendingStateOf(
  row: Parameters<typeof isPendingRequest>[0] & {
    readonly concerns: readonly { readonly kind: string }[];
  },
  live: boolean,
): PendingState | undefined {
  if (!isPendingRequest(row)) return undefined;
  return live && !row.concerns.some((concern) => concern.kind === 'timeout')
    ? 'waiting'
    : 'unanswered';
}

/** "waiting 1.2 s" (tenths under a minute), "waiting 2 min 05 s" after. */
export function waitingText(elapsedMs: number): string {
  const ms = Math.max(0, elapsedMs);
  if (ms < 60_000) return `waiting ${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  return `waiting ${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
