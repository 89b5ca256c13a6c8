import { describe, expect, it } from 'vitest';
import type { OpInFlight } from '@shared/ipc';
import { DEFAULT_POLICY } from '@shared/session/policy';
import { timingPreset } from '@shared/session/timing-presets';
import type { ArmedFaultsSnapshot } from '@shared/simulator/control';
import { formatWait, slowRecoveryHint } from './slow-recovery';

const nothingArmed: ArmedFaultsSnapshot = {
  busyNextLogins: 0,
  dropNextResponse: [],
  delayResponses: {},
  approveThenDrop: false,
  restartDuringPayment: null,
  nextPaymentOutcome: null,
};
const fast = { ...DEFAULT_POLICY, ...timingPreset('fastQa').timings };
const payment = (remainingMs: number): OpInFlight => ({
  op: 'op-1',
  name: 'pay',
  stage: 'sent',
  serviceIds: ['1'],
  remainingMs,
});

describe('slowRecoveryHint', () => {
  it.each([
    ['nothing armed, nothing in flight', DEFAULT_POLICY, nothingArmed, [], null],
    [
      '"Approve then lose response" armed with realistic timings',
      DEFAULT_POLICY,
      { ...nothingArmed, approveThenDrop: true },
      [],
      '2 min',
    ],
    [
      'a lost payment answer armed',
      DEFAULT_POLICY,
      { ...nothingArmed, dropNextResponse: ['Payment'] },
      [],
      '2 min',
    ],
    [
      'a lost login answer armed (10 s: not slow)',
      DEFAULT_POLICY,
      { ...nothingArmed, dropNextResponse: ['Login'] },
      [],
      null,
    ],
    ['a payment waiting 90 s more', DEFAULT_POLICY, nothingArmed, [payment(90_000)], '90 s'],
    [
      '"Fast for QA" in force',
      fast,
      { ...nothingArmed, approveThenDrop: true },
      [payment(90_000)],
      null,
    ],
    [
      'custom timings with a long payment timeout',
      { ...DEFAULT_POLICY, loginTimeoutMs: 1_000 },
      { ...nothingArmed, approveThenDrop: true },
      [],
      '2 min',
    ],
  ] as const)('%s', (_name, policy, armed, ops, expected) => {
    const hint = slowRecoveryHint({ policy, armed, ops });
    if (expected === null) expect(hint).toBeNull();
    else {
      expect(hint).toContain(`after ${expected}`);
      expect(hint).toContain('"Fast for QA" under Session policy → Timings');
    }
  });

  it('says nothing before the core told its policy', () => {
    expect(
      slowRecoveryHint({
        policy: null,
        armed: { ...nothingArmed, approveThenDrop: true },
        ops: [],
      }),
    ).toBeNull();
  });
});

describe('formatWait', () => {
  it.each([
    [120_000, '2 min'],
    [90_000, '90 s'],
    [15_000, '15 s'],
    [600_000, '10 min'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(formatWait(ms)).toBe(text);
  });
});
