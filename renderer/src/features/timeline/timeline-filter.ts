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
}

export const DEFAULT_TIMELINE_FILTER: TimelineFilter = {
  hiddenKinds: [],
  hiddenDirections: [],
  hiddenCategories: [],
  search: '',
};

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
];

export type RowPredicate = (row: TimelineRow) => boolean;

/** Turns a filter into one fast predicate (sets built once, not per row). */
export function compileFilter(filter: TimelineFilter): RowPredicate {
  const kinds = new Set(filter.hiddenKinds);
  const directions = new Set(filter.hiddenDirections);
  const categories = new Set(filter.hiddenCategories);
  const needle = filter.search.trim().toLowerCase();
  return (row) =>
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
) => readonly number[];

export function createVisibleIndex(): VisibleIndex {
  let lastRows: readonly TimelineRow[] | undefined;
  let lastFilter: TimelineFilter | undefined;
  let predicate: RowPredicate = () => true;
  let visible: readonly number[] = [];
  return (rows, filter) => {
    if (rows === lastRows && filter === lastFilter) return visible;
    const previous = lastRows;
    const appended =
      filter === lastFilter &&
      previous !== undefined &&
      previous.length <= rows.length &&
      // Same event object, not just same seq: a request row is replaced when its response
      // arrives, and a different trace can reuse the same seq numbers.
      (previous.length === 0 || previous.at(-1)?.event === rows[previous.length - 1]?.event);
    if (filter !== lastFilter) predicate = compileFilter(filter);
    if (appended) {
      const tail = filterIndices(rows, predicate, previous.length);
      if (tail.length > 0) visible = visible.concat(tail);
    } else {
      visible = filterIndices(rows, predicate);
    }
    lastRows = rows;
    lastFilter = filter;
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
