import type { Direction, EventKind, TraceEvent } from '@shared/trace/view';
import type { TimelineModel } from './timeline-rows';

/**
 * What the timeline hides. Filters are stored as "hidden" sets so that a category seen for the
 * first time is shown by default. Rows without a direction (or category) are never hidden by
 * the direction (or category) filter: hiding "to POS" frames must not hide session rows.
 */
export interface TimelineFilter {
  readonly hiddenKinds: readonly EventKind[];
  readonly hiddenDirections: readonly Direction[];
  readonly hiddenCategories: readonly string[];
  /** Case-insensitive text matched against each row's search text (what the row shows). */
  readonly search: string;
  /** Keep only the rows that show something went wrong (see {@link isProblem}). */
  readonly onlyProblems: boolean;
}

export const DEFAULT_TIMELINE_FILTER: TimelineFilter = {
  hiddenKinds: [],
  hiddenDirections: [],
  hiddenCategories: [],
  search: '',
  onlyProblems: false,
};

/** Seqs a failing verdict names (README "Live verdicts"). */
export type VerdictHits = ReadonlyMap<number, unknown>;

const NO_HITS: VerdictHits = new Map();

/**
 * A row that shows something went wrong: a fault, a timeout, a failure (a Failure answer, a
 * failed operation, a malformed frame, a security refusal), or an event a failing verdict names.
 * Read from the model's columns: no row is built.
 */
export function isProblemAt(model: TimelineModel, index: number, hits: VerdictHits = NO_HITS) {
  const event = model.eventAt(index);
  if (event === undefined) return false;
  return (
    event.kind === 'fault' ||
    event.kind === 'timeout' ||
    model.toneAt(index) === 'error' ||
    hits.has(event.seq)
  );
}

/** Every kind, in the order the filter lists them. */
export const EVENT_KINDS: readonly EventKind[] = [
  'message',
  'session',
  'fault',
  'timeout',
  'retry',
  'op',
  'lifecycle',
  'link',
  'poiSession',
  'ledger',
  'security',
];

/** Whether row `index` of a model passes a filter. */
export type RowPredicate = (model: TimelineModel, index: number) => boolean;

/** A row's direction is its message's: other events have none. */
function directionOf(event: TraceEvent): Direction | undefined {
  return event.kind === 'message' ? event.direction : undefined;
}

/**
 * Turns a filter into one fast predicate over the model's events and columns (sets built once,
 * not per row); only a search builds row text, once per row.
 */
export function compileFilter(filter: TimelineFilter, hits: VerdictHits = NO_HITS): RowPredicate {
  const kinds = new Set(filter.hiddenKinds);
  const directions = new Set(filter.hiddenDirections);
  const categories = new Set(filter.hiddenCategories);
  const needle = filter.search.trim().toLowerCase();
  const onlyProblems = filter.onlyProblems;
  return (model, index) => {
    const event = model.eventAt(index);
    if (event === undefined) return false;
    const direction = directionOf(event);
    const category = model.categoryAt(index);
    return (
      (!onlyProblems || isProblemAt(model, index, hits)) &&
      !kinds.has(event.kind) &&
      (direction === undefined || !directions.has(direction)) &&
      (category === undefined || !categories.has(category)) &&
      (needle === '' || model.searchTextAt(index).includes(needle))
    );
  };
}

/** Indices of the rows from `from` on that pass the filter. */
export function filterIndices(model: TimelineModel, predicate: RowPredicate, from = 0): number[] {
  const indices: number[] = [];
  for (let i = from; i < model.length; i++) if (predicate(model, i)) indices.push(i);
  return indices;
}

/**
 * A memoised "visible rows" derivation. When only new rows arrived (same filter, a later model
 * of the same builder) it filters the new tail alone, so a stream of small batches into a
 * 100,000-row timeline costs O(batch) filtering per batch instead of O(rows).
 */
export type VisibleIndex = (
  model: TimelineModel,
  filter: TimelineFilter,
  hits?: VerdictHits,
) => readonly number[];

/** True when `next` holds `previous`'s rows and perhaps more (what a row counts under never changes). */
function grewFrom(previous: TimelineModel | undefined, next: TimelineModel): boolean {
  return (
    previous !== undefined && previous.origin === next.origin && previous.length <= next.length
  );
}

export function createVisibleIndex(): VisibleIndex {
  let lastModel: TimelineModel | undefined;
  let lastFilter: TimelineFilter | undefined;
  let lastHits: VerdictHits = NO_HITS;
  let predicate: RowPredicate = () => true;
  let visible: readonly number[] = [];
  return (model, filter, hits = NO_HITS) => {
    // New verdicts only matter to a filter that keeps problems.
    const sameHits = hits === lastHits || !filter.onlyProblems;
    if (model === lastModel && filter === lastFilter && sameHits) return visible;
    const previous = lastModel;
    const appended = filter === lastFilter && sameHits && grewFrom(previous, model);
    if (filter !== lastFilter || !sameHits) predicate = compileFilter(filter, hits);
    if (appended) {
      const tail = filterIndices(model, predicate, previous?.length ?? 0);
      if (tail.length > 0) visible = visible.concat(tail);
    } else {
      visible = filterIndices(model, predicate);
    }
    lastModel = model;
    lastFilter = filter;
    lastHits = hits;
    return visible;
  };
}

/** Position of `index` in sorted `visible`, or -1 (binary search). */
export function positionOf(visible: readonly number[], index: number): number {
  let lo = 0;
  let hi = visible.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = visible[mid] ?? 0;
    if (at === index) return mid;
    if (at < index) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Returns `list` with `value` added or removed. */
export function toggle<T>(list: readonly T[], value: T, present: boolean): readonly T[] {
  const without = list.filter((item) => item !== value);
  return present ? [...without, value] : without;
}

/** How many rows of each kind, direction, category and problem there are (the chips' counts). */
export interface FacetCounts {
  readonly kinds: ReadonlyMap<EventKind, number>;
  readonly directions: ReadonlyMap<Direction, number>;
  readonly categories: ReadonlyMap<string, number>;
  readonly problems: number;
}

function bump<K>(map: Map<K, number>, key: K | undefined): void {
  if (key !== undefined) map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * A memoised count of all rows per chip, read from the model's columns. Like
 * {@link createVisibleIndex} it counts only the new tail when rows were appended, and counts
 * again when the verdicts change (they move the problem count). What a row counts under never
 * changes when a later event amends it.
 */
export type FacetCounter = (model: TimelineModel, hits?: VerdictHits) => FacetCounts;

export function createFacetCounter(): FacetCounter {
  let lastModel: TimelineModel | undefined;
  let lastHits: VerdictHits = NO_HITS;
  let kinds = new Map<EventKind, number>();
  let directions = new Map<Direction, number>();
  let categories = new Map<string, number>();
  let problems = 0;
  let counts: FacetCounts = { kinds, directions, categories, problems };
  return (model, hits = NO_HITS) => {
    if (model === lastModel && hits === lastHits) return counts;
    const appended = hits === lastHits && grewFrom(lastModel, model);
    const from = appended ? (lastModel?.length ?? 0) : 0;
    // Fresh maps each time: the chips compare counts by identity.
    kinds = new Map(appended ? kinds : []);
    directions = new Map(appended ? directions : []);
    categories = new Map(appended ? categories : []);
    if (!appended) problems = 0;
    for (let i = from; i < model.length; i++) {
      const event = model.eventAt(i);
      if (event === undefined) continue;
      bump(kinds, event.kind);
      bump(directions, directionOf(event));
      bump(categories, model.categoryAt(i));
      if (isProblemAt(model, i, hits)) problems += 1;
    }
    lastModel = model;
    lastHits = hits;
    counts = { kinds, directions, categories, problems };
    return counts;
  };
}
