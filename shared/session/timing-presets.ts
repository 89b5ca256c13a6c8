import { DEFAULT_POLICY, type SessionPolicy } from './policy';

/** The policy keys that are durations: what a timing preset sets (counts and switches stay). */
export type TimingKey = {
  [K in keyof SessionPolicy]: K extends `${string}Ms` ? K : never;
}[keyof SessionPolicy];

/** Every duration of the policy, so a preset that leaves one out fails the typecheck. */
export type Timings = Readonly<Record<TimingKey, number>>;

/** The named sets of timings of the session policy (README "Timing presets"). */
export type TimingPresetName = 'realistic' | 'fastQa';

/** One preset: how the window names it, what it is for, and its timings. */
export interface TimingPreset {
  readonly name: TimingPresetName;
  readonly label: string;
  readonly description: string;
  readonly timings: Timings;
}

function timingsOf(policy: SessionPolicy): Timings {
  return {
    loginTimeoutMs: policy.loginTimeoutMs,
    logoutTimeoutMs: policy.logoutTimeoutMs,
    statusTimeoutMs: policy.statusTimeoutMs,
    adminTimeoutMs: policy.adminTimeoutMs,
    reversalTimeoutMs: policy.reversalTimeoutMs,
    paymentTimeoutMs: policy.paymentTimeoutMs,
    abortTimeoutMs: policy.abortTimeoutMs,
    queueTimeoutMs: policy.queueTimeoutMs,
    loginBusyInitialDelayMs: policy.loginBusyInitialDelayMs,
    loginBusyMaxDelayMs: policy.loginBusyMaxDelayMs,
    reconnectInitialDelayMs: policy.reconnectInitialDelayMs,
    reconnectMaxDelayMs: policy.reconnectMaxDelayMs,
    statusPollIntervalMs: policy.statusPollIntervalMs,
    statusPollMaxMs: policy.statusPollMaxMs,
  };
}

/** The timing keys, in the policy's order. */
export const TIMING_KEYS = Object.keys(timingsOf(DEFAULT_POLICY)) as readonly TimingKey[];

/**
 * The presets, realistic first. "Fast for QA" keeps every wait longer than the embedded
 * simulator's default card and authorisation phases (DESIGN §6: a payment shows progress at
 * least every 1.5 s, and each progress message restarts the payment timeout), so normal payments
 * still succeed while a lost response is noticed, and recovered, within seconds.
 */
export const TIMING_PRESETS: readonly TimingPreset[] = [
  {
    name: 'realistic',
    label: 'Realistic',
    description:
      'The defaults of a real integration: a lost payment response is noticed after 2 minutes.',
    timings: timingsOf(DEFAULT_POLICY),
  },
  {
    name: 'fastQa',
    label: 'Fast for QA',
    description:
      'Short timeouts for exploring faults: a lost payment response is noticed after 5 seconds.',
    timings: {
      loginTimeoutMs: 3_000,
      logoutTimeoutMs: 3_000,
      statusTimeoutMs: 3_000,
      adminTimeoutMs: 5_000,
      reversalTimeoutMs: 5_000,
      paymentTimeoutMs: 5_000,
      abortTimeoutMs: 3_000,
      queueTimeoutMs: 10_000,
      loginBusyInitialDelayMs: 500,
      loginBusyMaxDelayMs: 2_000,
      reconnectInitialDelayMs: 100,
      reconnectMaxDelayMs: 1_000,
      statusPollIntervalMs: 500,
      statusPollMaxMs: 15_000,
    },
  },
];

/** The preset whose timings the policy has, or `custom` when it matches none. */
export function timingPresetOf(policy: SessionPolicy): TimingPresetName | 'custom' {
  const found = TIMING_PRESETS.find((preset) =>
    TIMING_KEYS.every((key) => preset.timings[key] === policy[key]),
  );
  return found?.name ?? 'custom';
}

/** The preset of that name. */
export function timingPreset(name: TimingPresetName): TimingPreset {
  const preset = TIMING_PRESETS.find((p) => p.name === name);
  if (preset === undefined) throw new RangeError(`no timing preset "${name}"`);
  return preset;
}
