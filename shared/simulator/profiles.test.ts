import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIMULATOR_SETTINGS,
  PROFILES,
  ProfileName,
  effectiveKnobs,
  resolveSimulatorSettings,
} from './profiles';

describe('profiles', () => {
  it('differ where terminals differ', () => {
    expect(ProfileName.options.map((p) => PROFILES[p].knobs.noSession)).toEqual([
      'ignore',
      'loggedOut',
      'allow',
    ]);
    for (const name of ProfileName.options) {
      expect(PROFILES[name].name).toBe(name);
      expect(PROFILES[name].knobs.duplicateRule).toBe('window');
    }
  });

  it('settings override knobs one by one', () => {
    const settings = {
      ...DEFAULT_SIMULATOR_SETTINGS,
      knobs: { statusWhileRunning: 'Busy' as const },
    };
    expect(effectiveKnobs('app2app', settings)).toEqual({
      ...PROFILES.app2app.knobs,
      statusWhileRunning: 'Busy',
    });
  });

  it('resolves partial settings over the defaults and names a bad field', () => {
    expect(resolveSimulatorSettings({ initMs: 0 })).toEqual({
      ok: true,
      value: { ...DEFAULT_SIMULATOR_SETTINGS, initMs: 0 },
    });
    expect(resolveSimulatorSettings({ currency: 'euro' })).toEqual({
      ok: false,
      error: 'currency: a three-letter ISO 4217 code such as EUR',
    });
    const bad = resolveSimulatorSettings({ authMs: 1.5 });
    expect(bad.ok ? '' : bad.error).toMatch(/^authMs: /);
  });
});
