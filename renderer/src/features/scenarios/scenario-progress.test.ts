import { describe, expect, it } from 'vitest';
import type { ScenarioBatch, ScenarioProgress, ScenarioReport } from '@shared/ipc';
import { applyScenarioProgress, scenarioStatus } from './scenario-progress';

const report = (name: string, pass: boolean): ScenarioReport => ({
  name,
  title: name,
  pass,
  failures: pass ? [] : ['step 1 (expectOutcome p1): expected declined, got approved'],
  steps: [],
  verdicts: [],
  events: 10,
  durationMs: 100,
  wallMs: 5,
  seed: 1,
});

const AT = '2026-01-01T00:00:00.000Z';

function play(...progress: ScenarioProgress[]): ScenarioBatch | null {
  return progress.reduce<ScenarioBatch | null>(applyScenarioProgress, null);
}

const started: ScenarioProgress = {
  kind: 'started',
  batchId: 'b1',
  names: ['a', 'b'],
  startedAt: AT,
};

describe('applyScenarioProgress', () => {
  it('follows a batch from start to finish', () => {
    const batch = play(
      started,
      { kind: 'running', batchId: 'b1', index: 0, name: 'a' },
      { kind: 'result', batchId: 'b1', index: 0, result: report('a', true) },
      { kind: 'running', batchId: 'b1', index: 1, name: 'b' },
    );
    expect(batch).toMatchObject({ running: true, current: 'b', results: [{ name: 'a' }] });
    expect(scenarioStatus(batch, 'a')).toBe('passed');
    expect(scenarioStatus(batch, 'b')).toBe('running');
    expect(scenarioStatus(batch, 'c')).toBe('idle');

    const done = applyScenarioProgress(batch, {
      kind: 'result',
      batchId: 'b1',
      index: 1,
      result: report('b', false),
    });
    const finished = applyScenarioProgress(done, {
      kind: 'finished',
      batchId: 'b1',
      passed: 1,
      failed: 1,
      finishedAt: AT,
    });
    expect(finished).toMatchObject({ running: false, current: null, finishedAt: AT });
    expect(scenarioStatus(finished, 'b')).toBe('failed');
  });

  it('marks the scenarios still to come as queued', () => {
    const batch = play(started, { kind: 'running', batchId: 'b1', index: 0, name: 'a' });
    expect(scenarioStatus(batch, 'b')).toBe('queued');
  });

  it.each<[string, ScenarioProgress]>([
    ['running', { kind: 'running', batchId: 'old', index: 0, name: 'a' }],
    ['result', { kind: 'result', batchId: 'old', index: 0, result: report('a', false) }],
    ['finished', { kind: 'finished', batchId: 'old', passed: 0, failed: 0, finishedAt: AT }],
  ])('ignores %s news of another batch', (_kind, progress) => {
    const batch = play(started);
    expect(applyScenarioProgress(batch, progress)).toBe(batch);
  });

  it('takes a snapshot as it is, and keeps a result seen twice once', () => {
    const snapshot = play(started, {
      kind: 'result',
      batchId: 'b1',
      index: 0,
      result: report('a', true),
    });
    const again = applyScenarioProgress(play({ kind: 'snapshot', batch: snapshot }), {
      kind: 'result',
      batchId: 'b1',
      index: 0,
      result: report('a', true),
    });
    expect(again?.results).toHaveLength(1);
    expect(play({ kind: 'snapshot', batch: null })).toBeNull();
  });
});
