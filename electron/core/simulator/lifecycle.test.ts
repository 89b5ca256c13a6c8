import { describe, expect, it } from 'vitest';
import {
  CLOSE_GOING_AWAY,
  CLOSE_SERVICE_RESTART,
  bumpVersion,
  initialLifecycle,
  stepLifecycle,
  type LifecycleInput,
  type LifecycleState,
} from './lifecycle';

const state = (phase: LifecycleState['phase'], version = '1.0.0'): LifecycleState => ({
  phase,
  version,
  initialVersion: '1.0.0',
});

const types = (effects: readonly { type: string }[]): string[] => effects.map((e) => e.type);

describe('the lifecycle step', () => {
  it('starts initialising and becomes ready when the init time elapses', () => {
    const started = stepLifecycle(initialLifecycle('1.0.0'), { type: 'start' });
    expect(started.state.phase).toBe('initialising');
    expect(types(started.effects)).toEqual(['startInitTimer', 'announce']);
    const ready = stepLifecycle(started.state, { type: 'initElapsed' });
    expect(ready.state.phase).toBe('ready');
    expect(ready.effects).toEqual([
      { type: 'announce', from: 'initialising', to: 'ready', reason: 'initialised' },
    ]);
  });

  it.each(['initialising', 'ready'] as const)(
    'restart from %s: payment interrupted, sessions forgotten, links closed with 1012, initialising',
    (phase) => {
      const { state: next, effects } = stepLifecycle(state(phase), {
        type: 'restart',
        reason: 'r',
      });
      expect(next).toEqual(state('initialising'));
      expect(types(effects)).toEqual([
        'cancelInitTimer',
        'interruptPayment',
        'forgetSessions',
        'closeLinks',
        'startInitTimer',
        'announce',
      ]);
      expect(effects).toContainEqual(
        expect.objectContaining({ type: 'closeLinks', code: CLOSE_SERVICE_RESTART }),
      );
    },
  );

  it('update is a restart with the next version', () => {
    const { state: next, effects } = stepLifecycle(state('ready', '2.3.9'), {
      type: 'update',
      reason: 'u',
    });
    expect(next.version).toBe('2.3.10');
    expect(effects.at(-1)).toEqual({
      type: 'announce',
      from: 'ready',
      to: 'initialising',
      reason: 'u',
    });
  });

  it('reset returns to the first version and clears the records', () => {
    const { state: next, effects } = stepLifecycle(state('ready', '7'), { type: 'reset' });
    expect(next.version).toBe('1.0.0');
    expect(types(effects)).toContain('clearRecords');
  });

  it('stop closes links with 1001 and is final', () => {
    const { state: stopped, effects } = stepLifecycle(state('ready'), { type: 'stop' });
    expect(stopped.phase).toBe('stopped');
    expect(effects).toContainEqual(
      expect.objectContaining({ type: 'closeLinks', code: CLOSE_GOING_AWAY }),
    );
    const inputs: LifecycleInput[] = [
      { type: 'initElapsed' },
      { type: 'restart', reason: 'x' },
      { type: 'update', reason: 'x' },
      { type: 'reset' },
      { type: 'stop' },
    ];
    for (const input of inputs)
      expect(stepLifecycle(stopped, input)).toEqual({ state: stopped, effects: [] });
  });

  it('ignores a late init timer once ready, and a second start', () => {
    expect(stepLifecycle(state('ready'), { type: 'initElapsed' }).effects).toEqual([]);
    expect(stepLifecycle(state('ready'), { type: 'start' }).effects).toEqual([]);
  });

  it.each([
    ['1.0.0', '1.0.1'],
    ['1.9', '1.10'],
    ['2.0-rc1', '2.0-rc2'],
    ['7', '8'],
    ['1.2.3-beta', '1.2.4-beta'],
    ['main', 'main.1'],
  ])('bumps version %s to %s', (from, to) => {
    expect(bumpVersion(from)).toBe(to);
  });
});
