import { z } from 'zod';
import type { SessionPolicy } from '@shared/session/policy';
import type { SimulatorSettings } from '@shared/simulator/profiles';

/**
 * `a2a web --timing`: how long the embedded payment application and the reference client wait.
 * `realistic` keeps the product's defaults (README "The simulator", "The reference client's
 * rules"); `fast` shortens every wait that only paces a story, so a suite that drives the page
 * through restarts and recoveries (the e2e specs, a demo) does not sit through seconds of
 * initialising and backoff. Response timeouts stay as they are: they decide outcomes, and a test
 * that needs short ones sets them in the policy, as a person would.
 */
export const HostTiming = z.enum(['realistic', 'fast']);
export type HostTiming = z.infer<typeof HostTiming>;

/** What one timing sets: simulator settings and session-policy overrides. */
export interface HostTimingValues {
  readonly settings: Partial<SimulatorSettings>;
  readonly policy: Partial<SessionPolicy>;
}

/**
 * Still long enough that a Login sent at start-up meets the initialising phase (and its BUSY),
 * and a payment shows its progress phases, on a loaded machine.
 */
const FAST: HostTimingValues = {
  settings: { initMs: 300, cardMs: 150, authMs: 100 },
  policy: {
    loginBusyInitialDelayMs: 100,
    loginBusyMaxDelayMs: 400,
    reconnectInitialDelayMs: 50,
    reconnectMaxDelayMs: 500,
    statusPollIntervalMs: 200,
  },
};

const TIMINGS: Readonly<Record<HostTiming, HostTimingValues>> = {
  realistic: { settings: {}, policy: {} },
  fast: FAST,
};

/** The settings and policy overrides of a timing. */
export function hostTimingValues(timing: HostTiming): HostTimingValues {
  return TIMINGS[timing];
}
