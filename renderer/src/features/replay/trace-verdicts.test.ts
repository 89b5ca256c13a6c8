import { describe, expect, it } from 'vitest';
import { runCheckers, type Verdict } from '@shared/trace/checkers';
import { buildTraceHeader } from '@shared/trace/format';
import { TraceBuilder, recoveryStory } from '../timeline/trace-fixtures';
import { JUDGE_SLICE_MS, judgeTraceInSlices, type Yield } from './trace-verdicts';

const header = buildTraceHeader(
  { harnessVersion: '0.1.0', role: 'client', profile: 'app2app', policy: {} },
  Date.UTC(2026, 0, 1),
  true,
);

/** A hand-cranked scheduler: each turn runs when the test says so. */
function turns() {
  const queue: (() => void)[] = [];
  const yieldTo: Yield = (next) => queue.push(next);
  return {
    yieldTo,
    pending: () => queue.length,
    runOne: () => queue.shift()?.(),
  };
}

/** A trace long enough to need several slices: the recovery story, repeated with fresh seqs. */
function longTrace(times: number) {
  const b = new TraceBuilder();
  for (let i = 0; i < times; i++) {
    for (const event of recoveryStory().events) {
      const { seq: _seq, t: _t, at: _at, ...body } = event;
      b.add(body);
    }
  }
  return b.events;
}

describe('judgeTraceInSlices', () => {
  it('gives the verdicts runCheckers gives, slice by slice, each slice ending when its time is up', () => {
    const events = longTrace(40);
    let clock = 0;
    // Every clock read moves a slice's worth on: each slice reads one batch of events.
    const now = () => (clock += JUDGE_SLICE_MS);
    const scheduler = turns();
    let result: readonly Verdict[] | undefined;
    judgeTraceInSlices(header, events, (v) => (result = v), { now, yieldTo: scheduler.yieldTo });
    expect(result).toBeUndefined();
    let slices = 0;
    while (scheduler.pending() > 0) {
      scheduler.runOne();
      slices++;
    }
    expect(slices).toBeGreaterThan(1);
    expect(slices).toBeLessThan(events.length);
    expect(result).toEqual(runCheckers({ header, events }));
  });

  it('keeps each slice within the idle time the browser offers, and never beyond a slice', () => {
    const events = longTrace(40);
    /** Slices needed when each turn offers `budgetMs` (undefined: a plain turn that names none). */
    const slicesWith = (budgetMs: number | undefined) => {
      let clock = 0;
      // One millisecond per clock read: a slice checks the clock every 256 events.
      const now = () => ++clock;
      const queue: ((budgetMs?: number) => void)[] = [];
      let result: readonly Verdict[] | undefined;
      judgeTraceInSlices(header, events, (v) => (result = v), {
        now,
        yieldTo: (next) => queue.push(next),
      });
      let slices = 0;
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        next(budgetMs);
        slices++;
      }
      expect(result).toEqual(runCheckers({ header, events }));
      return slices;
    };
    const full = slicesWith(undefined);
    expect(slicesWith(JUDGE_SLICE_MS * 5)).toBe(full);
    expect(slicesWith(2)).toBeGreaterThan(full);
  });

  it('names the request a POS sent before logging in', () => {
    const b = new TraceBuilder();
    const payment = b.request('Payment', 'P1');
    const scheduler = turns();
    let result: readonly Verdict[] | undefined;
    judgeTraceInSlices(header, b.events, (v) => (result = v), { yieldTo: scheduler.yieldTo });
    scheduler.runOne();
    const failing = result?.filter((v) => !v.pass) ?? [];
    expect(failing.map((v) => v.checker)).toContain('login-before-requests');
    expect(failing.flatMap((v) => v.events)).toContain(payment.seq);
  });

  it('stops when cancelled: a closed replay judges nothing more', () => {
    const scheduler = turns();
    let called = false;
    const cancel = judgeTraceInSlices(header, longTrace(2), () => (called = true), {
      yieldTo: scheduler.yieldTo,
    });
    cancel();
    scheduler.runOne();
    expect(called).toBe(false);
    expect(scheduler.pending()).toBe(0);
  });
});
