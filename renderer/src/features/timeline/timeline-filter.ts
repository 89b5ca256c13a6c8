import type { Direction, EventKind } from '@shared/trace/view';
import { searchTextOf, type TimelineRow } from './timeline-rows';

/**
 * What the timeline hides. Filters are stored as "hidden" sets so that a category seen for the
 * first time is shown by default. Rows without a direction (or category) are never hidden by
 * the direction (or category) filter: hiding "to POS" frames must not hide session rows.
 */
export interface TimelineFilter {
  readonly hiddenKinds: readonly EventKind[];
  readonly hiddenDirections: readonly Direction[];
  readonly hiddenCategories: readonly string[];
  /** Case-insensitive text matched against each row's precomputed search text. */
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
 */
export function isProblem(row: TimelineRow, hits: VerdictHits = NO_HITS): boolean {
  return (
    row.kind === 'fault' || row.kind === 'timeout' || row.tone === 'error' || hits.has(row.seq)
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

export type RowPredicate = (row: TimelineRow) => boolean;

/** Turns a filter into one fast predicate (sets built once, not per row). */
export function compileFilter(filter: TimelineFilter, hits: VerdictHits = NO_HITS): RowPredicate {
  const kinds = new Set(filter.hiddenKinds);
  const directions = new Set(filter.hiddenDirections);
  const categories = new Set(filter.hiddenCategories);
  const needle = filter.search.trim().toLowerCase();
  const onlyProblems = filter.onlyProblems;
  return (row) =>
    (!onlyProblems || isProblem(row, hits)) &&
    !kinds.has(row.kind) &&
    (row.direction === undefined || !directions.has(row.direction)) &&
    (row.category === undefined || !categories.has(row.category)) &&
    (needle === '' || searchTextOf(row).includes(needle));
}

/** Indices of the rows from `from` on that pass the filter. */
export function filterIndices(
  rows: readonly TimelineRow[],
  predicate: RowPredicate,
  from = 0,
): number[] {
  const indices: number[] = [];
  for (let i = from; i < rows.length; i++) {
    const row = rows[i];
    if (row !== undefined && predicate(row)) indices.push(i);
  }
  return indices;
}

/**
 * A memoised "visible rows" derivation. When only new rows arrived (same filter, the old rows
 * are a prefix of the new ones) it filters the new tail alone, so a stream of small batches into
 * a 100,000-row timeline costs O(batch) filtering per batch instead of O(rows).
 */
export type VisibleIndex = (
  rows: readonly TimelineRow[],
  filter: TimelineFilter,
  hits?: VerdictHits,
) => readonly number[];

export function createVisibleIndex(): VisibleIndex {
  let lastRows: readonly TimelineRow[] | undefined;
  let lastFilter: TimelineFilter | undefined;
  let lastHits: VerdictHits = NO_HITS;
  let predicate: RowPredicate = () => true;
  let visible: readonly number[] = [];
  return (rows, filter, hits = NO_HITS) => {
    // New verdicts only matter to a filter that keeps problems.
    const sameHits = hits === lastHits || !filter.onlyProblems;
    if (rows === lastRows && filter === lastFilter && sameHits) return visible;
    const previous = lastRows;
    const appended =
      filter === lastFilter &&
      sameHits &&
      previous !== undefined &&
      previous.length <= rows.length &&
      // Same event object, not just same seq: a request row is replaced when its response
      // arrives, and a different trace can reuse the same seq numbers.
      (previous.length === 0 || previous.at(-1)?.event === rows[previous.length - 1]?.event);
    if (filter !== lastFilter || !sameHits) predicate = compileFilter(filter, hits);
    if (appended) {
      const tail = filterIndices(rows, predicate, previous.length);
      if (tail.length > 0) visible = visible.concat(tail);
    } else {
      visible = filterIndices(rows, predicate);
    }
    lastRows = rows;
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
 * A memoised count of all rows per chip. Like {@link createVisibleIndex} it counts only the new
 * tail when rows were appended, and counts again when the verdicts change (they move the
 * problem count). What a row counts under never changes when a later event amends it.
 */
export type FacetCounter = (rows: readonly TimelineRow[], hits?: VerdictHits) => FacetCounts;

export function createFacetCounter(): FacetCounter {
  let lastRows: readonly TimelineRow[] | undefined;
  let lastHits: VerdictHits = NO_HITS;
  let kinds = new Map<EventKind, number>();
  let directions = new Map<Direction, number>();
  let categories = new Map<string, number>();
  let problems = 0;
  let counts: FacetCounts = { kinds, directions, categories, problems };
  return (rows, hits = NO_HITS) => {
    if (rows === lastRows && hits === lastHits) return counts;
    const previous = lastRows;
    const appended =
      hits === lastHits &&
      previous !== undefined &&
      previous.length <= rows.length &&
      (previous.length === 0 || previous.at(-1)?.event === rows[previous.length - 1]?.event);
    let from = previous?.length ?? 0;
    // Fresh maps each time: the chips compare counts by identity.
    kinds = new Map(appended ? kinds : []);
    directions = new Map(appended ? directions : []);
    categories = new Map(appended ? categories : []);
    if (!appended) {
      problems = 0;
      from = 0;
    }
    for (let i = from; i < rows.length; i++) {
      const row = rows[i];
      if (row === undefined) continue;
      bump(kinds, row.kind);
      bump(directions, row.direction);
      bump(categories, row.category);
      if (isProblem(row, hits)) problems += 1;
    }
    lastRows = rows;
    lastHits = hits;
    counts = { kinds, directions, categories, problems };
    return counts;
  };
}
