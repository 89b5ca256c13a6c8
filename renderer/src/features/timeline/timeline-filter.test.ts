import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_TIMELINE_FILTER,
  compileFilter,
  createFacetCounter,
  createVisibleIndex,
  isProblemAt,
  filterIndices,
  positionOf,
  toggle,
  type TimelineFilter,
} from './timeline-filter';
import type { Direction, EventKind } from '@shared/trace/view';
import {
  allRows,
  buildTimeline,
  createTimelineBuilder,
  indexOfSeq,
  searchTextOf,
  type TimelineModel,
  type TimelineRow,
} from './timeline-rows';
import { recoveryStory, sampleTraces } from './trace-fixtures';

const model = buildTimeline(recoveryStory().events);
const rows = allRows(model);

function titles(filter: TimelineFilter): string[] {
  return filterIndices(model, compileFilter(filter)).map((i) => rows[i]!.title);
}

describe('compileFilter', () => {
  it('shows everything by default', () => {
    expect(titles(DEFAULT_TIMELINE_FILTER)).toHaveLength(rows.length);
  });

  it('hides a kind', () => {
    const shown = filterIndices(
      model,
      compileFilter({ ...DEFAULT_TIMELINE_FILTER, hiddenKinds: ['message', 'session'] }),
    ).map((i) => rows[i]!.kind);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toContain('message');
    expect(shown).not.toContain('session');
  });

  it('hides a direction without hiding rows that have none', () => {
    const shown = filterIndices(
      model,
      compileFilter({ ...DEFAULT_TIMELINE_FILTER, hiddenDirections: ['toPos'] }),
    ).map((i) => rows[i]!);
    expect(shown.some((row) => row.direction === 'toPos')).toBe(false);
    expect(shown.some((row) => row.direction === 'toPoi')).toBe(true);
    expect(shown.some((row) => row.kind === 'session')).toBe(true);
  });

  it('hides a category, also on faults and timeouts about it', () => {
    const shown = filterIndices(
      model,
      compileFilter({ ...DEFAULT_TIMELINE_FILTER, hiddenCategories: ['Payment'] }),
    ).map((i) => rows[i]!);
    expect(shown.some((row) => row.category === 'Payment')).toBe(false);
    expect(shown.some((row) => row.kind === 'fault' || row.kind === 'timeout')).toBe(false);
    expect(shown.some((row) => row.category === 'Login')).toBe(true);
  });

  it('searches case-insensitively, trimmed', () => {
    expect(titles({ ...DEFAULT_TIMELINE_FILTER, search: '  BUSY ' })).toEqual([
      'Login Response',
      'logging in → waiting after BUSY',
      'waiting after BUSY → logging in',
    ]);
  });
});

describe('only problems', () => {
  const onlyProblems = { ...DEFAULT_TIMELINE_FILTER, onlyProblems: true };

  it('keeps faults, timeouts and failures', () => {
    expect(titles(onlyProblems)).toEqual([
      'Login Response',
      'Approve then lose response: took effect',
      'Timeout Payment',
    ]);
  });

  it('keeps the events a failing verdict names', () => {
    const statusSeq = rows.find((row) => row.title === 'TransactionStatus Request')!.seq;
    const hits = new Map([[statusSeq, ['a verdict']]]);
    const shown = filterIndices(model, compileFilter(onlyProblems, hits)).map((i) => rows[i]!);
    expect(shown.map((row) => row.seq)).toContain(statusSeq);
    expect(isProblemAt(model, indexOfSeq(model, statusSeq))).toBe(false);
  });

  it('combines with the other filters', () => {
    expect(titles({ ...onlyProblems, hiddenKinds: ['message'] })).toEqual([
      'Approve then lose response: took effect',
      'Timeout Payment',
    ]);
  });

  it('refilters when new verdicts arrive, and only then', () => {
    const visible = createVisibleIndex();
    const before = visible(model, onlyProblems, new Map());
    const hits = new Map([[1, ['a verdict']]]);
    const after = visible(model, onlyProblems, hits);
    expect(after).toEqual([0, ...before]);
    // Without "only problems" the verdicts change nothing, so the array stays the same.
    const all = visible(model, DEFAULT_TIMELINE_FILTER, hits);
    expect(visible(model, DEFAULT_TIMELINE_FILTER, new Map())).toBe(all);
  });
});

describe('createFacetCounter', () => {
  it('counts every row per kind, direction and category, and the problems', () => {
    const counts = createFacetCounter()(model);
    expect(counts.kinds.get('message')).toBe(10);
    expect(counts.kinds.get('session')).toBe(8);
    expect(counts.kinds.get('ledger')).toBeUndefined();
    expect(counts.directions.get('toPoi')).toBe(5);
    expect(counts.directions.get('toPos')).toBe(5);
    // Payment: its request, the fault and the timeout that name it.
    expect(counts.categories.get('Payment')).toBe(3);
    expect(counts.problems).toBe(3);
  });

  it('counts appended batches the same as all rows at once', () => {
    const events = recoveryStory().events;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 10 }), (sizes) => {
        const builder = createTimelineBuilder();
        const counter = createFacetCounter();
        let taken = 0;
        for (const size of sizes) {
          const grown = builder.append(events.slice(taken, taken + size));
          taken = Math.min(events.length, taken + size);
          expect(counter(grown)).toEqual(createFacetCounter()(grown));
        }
      }),
    );
  });

  it('counts verdict hits as problems', () => {
    const counter = createFacetCounter();
    expect(counter(model).problems).toBe(3);
    expect(counter(model, new Map([[1, ['a verdict']]])).problems).toBe(4);
  });
});

describe('createVisibleIndex', () => {
  it('returns the same array while nothing changed', () => {
    const visible = createVisibleIndex();
    const first = visible(model, DEFAULT_TIMELINE_FILTER);
    expect(visible(model, DEFAULT_TIMELINE_FILTER)).toBe(first);
  });

  it('agrees with a full recompute whatever the batches and filter changes', () => {
    const events = recoveryStory().events;
    const filters: TimelineFilter[] = [
      DEFAULT_TIMELINE_FILTER,
      { ...DEFAULT_TIMELINE_FILTER, hiddenKinds: ['session'] },
      { ...DEFAULT_TIMELINE_FILTER, hiddenDirections: ['toPoi'] },
      { ...DEFAULT_TIMELINE_FILTER, search: 'login' },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 })), {
          maxLength: 12,
        }),
        (steps) => {
          const builder = createTimelineBuilder();
          const visible = createVisibleIndex();
          let taken = 0;
          for (const [size, filterIndex] of steps) {
            const grown = builder.append(events.slice(taken, taken + size));
            taken = Math.min(events.length, taken + size);
            const filter = filters[filterIndex]!;
            expect(visible(grown, filter)).toEqual(filterIndices(grown, compileFilter(filter)));
          }
        },
      ),
    );
  });

  it('recomputes for a different trace that reuses the same seq numbers', () => {
    const visible = createVisibleIndex();
    const story = recoveryStory().events;
    visible(buildTimeline(story.slice(0, 10)), DEFAULT_TIMELINE_FILTER);
    const other = buildTimeline(story.filter((event) => event.kind === 'session'));
    const filter = { ...DEFAULT_TIMELINE_FILTER, search: 'ready' };
    visible(buildTimeline(story.slice(0, 10)), filter);
    expect(visible(other, filter)).toEqual(filterIndices(other, compileFilter(filter)));
  });
});

/**
 * The filter as it was written over built rows: the specification the filter over the model's
 * events and columns must keep to.
 */
function rowPasses(row: TimelineRow, filter: TimelineFilter, hits: ReadonlyMap<number, unknown>) {
  const needle = filter.search.trim().toLowerCase();
  const problem =
    row.kind === 'fault' || row.kind === 'timeout' || row.tone === 'error' || hits.has(row.seq);
  return (
    (!filter.onlyProblems || problem) &&
    !filter.hiddenKinds.includes(row.kind) &&
    (row.direction === undefined || !filter.hiddenDirections.includes(row.direction)) &&
    (row.category === undefined || !filter.hiddenCategories.includes(row.category)) &&
    (needle === '' || searchTextOf(row).includes(needle))
  );
}

describe('the filter over events and columns', () => {
  const stories: readonly TimelineModel[] = [recoveryStory().events, ...sampleTraces()].map(
    (events) => buildTimeline(events),
  );
  const kinds: readonly EventKind[] = ['message', 'session', 'fault', 'timeout', 'op', 'link'];
  const directions: readonly Direction[] = ['toPoi', 'toPos'];
  const categories = ['Login', 'Payment', 'TransactionStatus', 'Abort'];
  const searches = ['', 'login', ' BUSY ', '#', 'ready', 'tcp', 'no such text', 'failure'];

  it('shows the same rows as the filter over built rows, for any filter and verdicts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: stories.length - 1 }),
        fc.record({
          hiddenKinds: fc.subarray([...kinds]),
          hiddenDirections: fc.subarray([...directions]),
          hiddenCategories: fc.subarray(categories),
          search: fc.constantFrom(...searches),
          onlyProblems: fc.boolean(),
        }),
        fc.array(fc.nat(40), { maxLength: 4 }),
        (storyIndex, filter, hitSeqs) => {
          const story = stories[storyIndex]!;
          const hits = new Map(hitSeqs.map((seq) => [seq, ['a verdict']]));
          const expected = allRows(story).flatMap((row, i) =>
            rowPasses(row, filter, hits) ? [i] : [],
          );
          expect(filterIndices(story, compileFilter(filter, hits))).toEqual(expected);
        },
      ),
    );
  });

  it('counts the chips as the built rows say', () => {
    for (const story of stories) {
      const counts = createFacetCounter()(story);
      const rowsOfStory = allRows(story);
      for (const kind of kinds) {
        const n = rowsOfStory.filter((row) => row.kind === kind).length;
        expect(counts.kinds.get(kind) ?? 0).toBe(n);
      }
      for (const direction of directions) {
        const n = rowsOfStory.filter((row) => row.direction === direction).length;
        expect(counts.directions.get(direction) ?? 0).toBe(n);
      }
      for (const category of categories) {
        const n = rowsOfStory.filter((row) => row.category === category).length;
        expect(counts.categories.get(category) ?? 0).toBe(n);
      }
    }
  });
});

describe('helpers', () => {
  it('finds a position in sorted indices', () => {
    expect(positionOf([2, 5, 9], 5)).toBe(1);
    expect(positionOf([2, 5, 9], 4)).toBe(-1);
    expect(positionOf([], 0)).toBe(-1);
  });

  it('toggles membership', () => {
    expect(toggle(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggle(['a'], 'a', true)).toEqual(['a']);
  });
});
