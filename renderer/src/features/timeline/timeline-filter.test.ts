import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_TIMELINE_FILTER,
  compileFilter,
  createFacetCounter,
  createVisibleIndex,
  isProblem,
  filterIndices,
  positionOf,
  toggle,
  type TimelineFilter,
} from './timeline-filter';
import { buildTimeline, createTimelineBuilder } from './timeline-rows';
import { recoveryStory } from './trace-fixtures';

const rows = buildTimeline(recoveryStory().events).rows;

function titles(filter: TimelineFilter): string[] {
  return filterIndices(rows, compileFilter(filter)).map((i) => rows[i]!.title);
}

describe('compileFilter', () => {
  it('shows everything by default', () => {
    expect(titles(DEFAULT_TIMELINE_FILTER)).toHaveLength(rows.length);
  });

  it('hides a kind', () => {
    const shown = filterIndices(
      rows,
      compileFilter({ ...DEFAULT_TIMELINE_FILTER, hiddenKinds: ['message', 'session'] }),
    ).map((i) => rows[i]!.kind);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toContain('message');
    expect(shown).not.toContain('session');
  });

  it('hides a direction without hiding rows that have none', () => {
    const shown = filterIndices(
      rows,
      compileFilter({ ...DEFAULT_TIMELINE_FILTER, hiddenDirections: ['toPos'] }),
    ).map((i) => rows[i]!);
    expect(shown.some((row) => row.direction === 'toPos')).toBe(false);
    expect(shown.some((row) => row.direction === 'toPoi')).toBe(true);
    expect(shown.some((row) => row.kind === 'session')).toBe(true);
  });

  it('hides a category, also on faults and timeouts about it', () => {
    const shown = filterIndices(
      rows,
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
    const shown = filterIndices(rows, compileFilter(onlyProblems, hits)).map((i) => rows[i]!);
    expect(shown.map((row) => row.seq)).toContain(statusSeq);
    expect(isProblem(rows.find((row) => row.seq === statusSeq)!)).toBe(false);
  });

  it('combines with the other filters', () => {
    expect(titles({ ...onlyProblems, hiddenKinds: ['message'] })).toEqual([
      'Approve then lose response: took effect',
      'Timeout Payment',
    ]);
  });

  it('refilters when new verdicts arrive, and only then', () => {
    const visible = createVisibleIndex();
    const before = visible(rows, onlyProblems, new Map());
    const hits = new Map([[1, ['a verdict']]]);
    const after = visible(rows, onlyProblems, hits);
    expect(after).toEqual([0, ...before]);
    // Without "only problems" the verdicts change nothing, so the array stays the same.
    const all = visible(rows, DEFAULT_TIMELINE_FILTER, hits);
    expect(visible(rows, DEFAULT_TIMELINE_FILTER, new Map())).toBe(all);
  });
});

describe('createFacetCounter', () => {
  it('counts every row per kind, direction and category, and the problems', () => {
    const counts = createFacetCounter()(rows);
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
          const model = builder.append(events.slice(taken, taken + size));
          taken = Math.min(events.length, taken + size);
          expect(counter(model.rows)).toEqual(createFacetCounter()(model.rows));
        }
      }),
    );
  });

  it('counts verdict hits as problems', () => {
    const counter = createFacetCounter();
    expect(counter(rows).problems).toBe(3);
    expect(counter(rows, new Map([[1, ['a verdict']]])).problems).toBe(4);
  });
});

describe('createVisibleIndex', () => {
  it('returns the same array while nothing changed', () => {
    const visible = createVisibleIndex();
    const first = visible(rows, DEFAULT_TIMELINE_FILTER);
    expect(visible(rows, DEFAULT_TIMELINE_FILTER)).toBe(first);
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
            const model = builder.append(events.slice(taken, taken + size));
            taken = Math.min(events.length, taken + size);
            const filter = filters[filterIndex]!;
            expect(visible(model.rows, filter)).toEqual(
              filterIndices(model.rows, compileFilter(filter)),
            );
          }
        },
      ),
    );
  });

  it('recomputes for a different trace that reuses the same seq numbers', () => {
    const visible = createVisibleIndex();
    const story = recoveryStory().events;
    visible(buildTimeline(story.slice(0, 10)).rows, DEFAULT_TIMELINE_FILTER);
    const other = buildTimeline(story.filter((event) => event.kind === 'session')).rows;
    const filter = { ...DEFAULT_TIMELINE_FILTER, search: 'ready' };
    const fresh = buildTimeline(story).rows;
    visible(fresh.slice(0, 10), filter);
    expect(visible(other, filter)).toEqual(filterIndices(other, compileFilter(filter)));
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
