import { describe, expect, it } from 'vitest';
import type { ScenarioBatch, ScenarioReport } from '@shared/ipc';
import { RUN_HISTORY_LIMIT, latestRun, recordRuns } from './scenario-runs';

const report = (name: string, pass: boolean): ScenarioReport => ({
  name,
  title: name,
  pass,
  failures: [],
  steps: [],
  verdicts: [],
  events: 0,
  durationMs: 0,
  wallMs: 0,
  seed: 1,
});

const batch = (batchId: string, ...results: ScenarioReport[]): ScenarioBatch => ({
  batchId,
  names: results.map((r) => r.name),
  running: false,
  current: null,
  results,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: null,
});

describe('scenario runs', () => {
  it('adds a batch’s results once however often the batch is seen, and keeps the others', () => {
    const first = recordRuns({}, batch('b1', report('a', false), report('b', true)));
    expect(recordRuns(first, batch('b1', report('a', false)))).toBe(first);
    const second = recordRuns(first, batch('b2', report('a', true)));
    expect(second.a?.map((run) => run.batchId)).toEqual(['b1', 'b2']);
    expect(latestRun(second, 'a')?.report.pass).toBe(true);
    expect(latestRun(second, 'b')?.batchId).toBe('b1');
    expect(latestRun(second, 'never')).toBeUndefined();
    expect(recordRuns(second, null)).toBe(second);
  });

  it('keeps a bounded history per scenario', () => {
    let runs = {};
    for (let i = 0; i < RUN_HISTORY_LIMIT + 3; i++)
      runs = recordRuns(runs, batch(`b${String(i)}`, report('a', true)));
    const kept = (runs as ReturnType<typeof recordRuns>).a ?? [];
    expect(kept).toHaveLength(RUN_HISTORY_LIMIT);
    expect(kept[0]?.batchId).toBe('b3');
  });
});
