import { describe, expect, it } from 'vitest';
import { CHECKER_NAMES } from '../trace/checkers/types';
import type { HarnessEvent } from './contract';
import {
  harnessEventSchema,
  MAX_SCENARIO_TRACE_PAGE,
  MAX_SCENARIOS_PER_RUN,
  runScenariosRequestSchema,
  scenarioTraceRequestSchema,
  verdictSchema,
} from './schemas';

describe('the scenarios and verdicts schemas', () => {
  it.each([
    [{ names: 'all' }],
    [{ names: ['busy-at-start', 'login-first'] }],
    [{ names: 'all', seed: 7 }],
  ])('accept the run request %j', (request) => {
    expect(runScenariosRequestSchema.safeParse(request).success).toBe(true);
  });

  it.each([
    [{ names: [] }],
    [{ names: ['Busy At Start'] }],
    [{ names: ['../../etc/passwd'] }],
    [{ names: 'some' }],
    [{ names: Array.from({ length: MAX_SCENARIOS_PER_RUN + 1 }, (_, i) => `s-${String(i)}`) }],
    [{ names: 'all', seed: -1 }],
    [{ names: 'all', extra: true }],
  ])('refuse the run request %j', (request) => {
    expect(runScenariosRequestSchema.safeParse(request).success).toBe(false);
  });

  it('bounds a trace page', () => {
    const base = { batchId: 'b1', name: 'login-first', afterSeq: 0 };
    expect(
      scenarioTraceRequestSchema.safeParse({ ...base, limit: MAX_SCENARIO_TRACE_PAGE }).success,
    ).toBe(true);
    expect(
      scenarioTraceRequestSchema.safeParse({ ...base, limit: MAX_SCENARIO_TRACE_PAGE + 1 }).success,
    ).toBe(false);
    expect(scenarioTraceRequestSchema.safeParse({ ...base, afterSeq: -1 }).success).toBe(false);
  });

  it('knows the checkers by name', () => {
    const verdict = { checker: CHECKER_NAMES[0], pass: false, message: 'x', events: [3, 5] };
    expect(verdictSchema.safeParse(verdict).success).toBe(true);
    expect(verdictSchema.safeParse({ ...verdict, checker: 'made-up' }).success).toBe(false);
    expect(verdictSchema.safeParse({ ...verdict, events: [0] }).success).toBe(false);
  });

  it('carries scenario progress and live verdicts on the event stream', () => {
    const events: HarnessEvent[] = [
      { type: 'scenarios', progress: { kind: 'snapshot', batch: null } },
      {
        type: 'scenarios',
        progress: {
          kind: 'started',
          batchId: 'b1',
          names: ['login-first'],
          startedAt: '2026-01-01T00:00:00.000Z',
        },
      },
      {
        type: 'verdicts',
        verdicts: { runId: 'r1', throughSeq: 0, verdicts: [], pass: true },
      },
    ];
    for (const event of events) expect(harnessEventSchema.safeParse(event).success).toBe(true);
    expect(
      harnessEventSchema.safeParse({ type: 'scenarios', progress: { kind: 'paused' } }).success,
    ).toBe(false);
  });
});
