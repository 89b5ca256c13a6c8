import { timingPreset, timingPresetOf } from '@shared/session/timing-presets';
import type { HarnessState } from '../../store/harness-state';
import { useHarnessStore } from '../../store/use-harness-store';
import { slowRecoveryHint } from './slow-recovery';

const selectPolicy = (s: HarnessState) => s.sessionInfo?.policy ?? null;

const selectHint = (s: HarnessState) =>
  slowRecoveryHint({
    policy: s.sessionInfo?.policy ?? null,
    armed: s.simulatorInfo?.simulator?.faults ?? null,
    ops: s.sessionInfo?.ops ?? [],
  });

/** The timings in force, as a fact of the session strip (README "Timing presets"). */
export function LiveTimingsFact() {
  const policy = useHarnessStore(selectPolicy);
  if (policy === null) return null;
  const preset = timingPresetOf(policy);
  return (
    <span data-timing-preset={preset}>
      Timings {preset === 'custom' ? 'custom' : timingPreset(preset).label}
    </span>
  );
}

/** Said under the session strip while a lost answer would take long to notice, and how to shorten it. */
export function LiveSlowRecoveryHint() {
  const hint = useHarnessStore(selectHint);
  return hint === null ? null : (
    <p className="strip-hint" data-slow-recovery-hint>
      {hint}
    </p>
  );
}
