import { describe, expect, it } from 'vitest';
import { mainThreadOf, splitFrames, type TraceEvent } from './frame-split.mjs';

/** A complete ("X") event on thread `tid` of process 1, times in µs. */
function x(name: string, tid: number, ts: number, dur: number, tdur?: number): TraceEvent {
  return { name, ph: 'X', pid: 1, tid, ts, dur, ...(tdur === undefined ? {} : { tdur }) };
}

describe('splitFrames', () => {
  it('counts thread CPU time of the main thread per frame, a nested event of the same part once', () => {
    const events = [
      x('RunTask', 1, 0, 10_000, 8_000),
      x('Layout', 1, 1_000, 2_000, 2_000),
      x('Paint', 1, 4_000, 3_000, 3_000),
      // The document's paint holds the html element's: one paint, not two.
      x('Paint', 1, 4_100, 2_800, 2_800),
      x('RunTask', 1, 20_000, 10_000, 6_000),
      x('Layout', 1, 21_000, 1_000, 1_000),
      // Another thread's work is not the frame's.
      x('Paint', 2, 0, 50_000, 50_000),
      x('Layout', 2, 0, 1, 1),
    ];
    const split = splitFrames(events, 2);
    expect(split.total).toBe(7);
    expect(split.layout).toBe(1.5);
    expect(split.paint).toBe(1.5);
    expect(split.style).toBe(0);
  });

  it('falls back to wall time when the trace has no thread time', () => {
    expect(splitFrames([x('Layout', 1, 0, 4_000)], 1).layout).toBe(4);
  });

  it('picks the thread that laid out the page as the main thread', () => {
    expect(mainThreadOf([x('Layout', 7, 0, 1), x('Layout', 7, 5, 1), x('Layout', 3, 0, 1)])).toBe(
      '1:7',
    );
    expect(mainThreadOf([x('Paint', 1, 0, 1)])).toBeUndefined();
  });
});
