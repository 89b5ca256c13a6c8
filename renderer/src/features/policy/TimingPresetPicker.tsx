import { useId } from 'react';
import {
  TIMING_PRESETS,
  type TimingPreset,
  type TimingPresetName,
} from '@shared/session/timing-presets';

export interface TimingPresetPickerProps {
  /** The preset the policy in force matches, or `custom`. */
  readonly current: TimingPresetName | 'custom';
  readonly onChoose: (preset: TimingPreset) => void;
  readonly disabled?: boolean;
}

/**
 * The timing presets as one radio group (README "Timing presets"): choosing one applies its
 * durations at once. A policy whose durations were edited by hand matches no preset, and says so.
 */
export function TimingPresetPicker({
  current,
  onChoose,
  disabled = false,
}: TimingPresetPickerProps) {
  const name = useId();
  return (
    <fieldset className="timing-presets" data-timing-preset={current} disabled={disabled}>
      <legend>Timings</legend>
      {TIMING_PRESETS.map((preset) => (
        <label key={preset.name} className="timing-preset">
          <input
            type="radio"
            name={name}
            value={preset.name}
            checked={current === preset.name}
            aria-describedby={`${name}-${preset.name}`}
            onChange={() => onChoose(preset)}
          />{' '}
          {preset.label}
          <span className="muted timing-preset-help" id={`${name}-${preset.name}`}>
            {preset.description}
          </span>
        </label>
      ))}
      {current === 'custom' && (
        <p className="muted timing-custom">Custom: the durations below differ from every preset.</p>
      )}
    </fieldset>
  );
}
