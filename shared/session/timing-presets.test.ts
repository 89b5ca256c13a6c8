import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, SessionPolicy } from './policy';
import { TIMING_KEYS, TIMING_PRESETS, timingPreset, timingPresetOf } from './timing-presets';

describe('timing presets', () => {
  it('"Realistic" is the default policy', () => {
    expect(timingPresetOf(DEFAULT_POLICY)).toBe('realistic');
  });

  it.each(TIMING_PRESETS.map((p) => [p.label, p] as const))(
    '"%s" is a valid policy over the defaults and is recognised as itself',
    (_label, preset) => {
      const policy = SessionPolicy.parse({ ...DEFAULT_POLICY, ...preset.timings });
      expect(timingPresetOf(policy)).toBe(preset.name);
    },
  );

  it('every duration of the policy belongs to the presets, and nothing else does', () => {
    const durations = Object.keys(DEFAULT_POLICY).filter((key) => key.endsWith('Ms'));
    expect([...TIMING_KEYS].sort()).toEqual(durations.sort());
    for (const preset of TIMING_PRESETS)
      expect(Object.keys(preset.timings).sort()).toEqual(durations.sort());
  });

  it('a preset leaves switches and counts as they are', () => {
    const policy = {
      ...DEFAULT_POLICY,
      retryUnprocessedPayment: false,
      loginBusyMaxAttempts: 3,
      ...timingPreset('fastQa').timings,
    };
    expect(timingPresetOf(policy)).toBe('fastQa');
  });

  it('one changed duration makes the policy "custom"', () => {
    expect(timingPresetOf({ ...DEFAULT_POLICY, paymentTimeoutMs: 119_000 })).toBe('custom');
    expect(
      timingPresetOf({ ...DEFAULT_POLICY, ...timingPreset('fastQa').timings, statusPollMaxMs: 1 }),
    ).toBe('custom');
  });

  it('"Fast for QA" is shorter than "Realistic" on every duration', () => {
    const fast = timingPreset('fastQa').timings;
    const realistic = timingPreset('realistic').timings;
    for (const key of TIMING_KEYS) expect(fast[key], key).toBeLessThanOrEqual(realistic[key]);
    expect(fast.paymentTimeoutMs).toBeLessThan(realistic.paymentTimeoutMs);
  });
});
