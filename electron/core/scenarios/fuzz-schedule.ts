import { parseScenarioValue, type Scenario, type ScenarioInput } from '@shared/scenario';
import { seededRandom, type Random } from '@shared/time/random';

/** One step of a generated schedule, as a scenario file would write it. */
export type ScheduleStep = ScenarioInput['steps'][number];

/**
 * A random fault schedule: the scenario around it stays fixed (wait for a session first, let
 * things settle and judge the trace last); only `actions` vary, and only they are shrunk.
 */
export interface Schedule {
  readonly seed: number;
  readonly profile: NonNullable<ScenarioInput['profile']>;
  readonly simulator: NonNullable<ScenarioInput['simulator']>;
  readonly policy: NonNullable<ScenarioInput['policy']>;
  readonly actions: readonly ScheduleStep[];
}

type Pick = <T>(items: readonly T[]) => T;

function picker(random: Random): Pick {
  return (items) => {
    const item = items[Math.floor(random.next() * items.length)];
    // Every list below is non-empty, so this only fires on a programming error.
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  };
}

/** Amounts: plain approvals, and the simulator's magic endings (declines, partial, no host). */
const AMOUNTS = ['1.00', '2.50', '12.00', '40.10', '1.24', '3.77', '5.03', '1.34'] as const;
/** `any`: the fault hits the next response whatever its category. */
const CATEGORIES = ['Payment', 'TransactionStatus', 'Login', 'any'] as const;

/** Action generators with their weights: what a QA engineer would press, in random order. */
const ACTIONS: readonly (readonly [weight: number, make: (pick: Pick) => ScheduleStep])[] = [
  [6, (pick) => ({ kind: 'pay', amount: pick(AMOUNTS), await: pick([true, false]) })],
  [2, (pick) => ({ kind: 'status', await: pick([true, false]) })],
  [1, () => ({ kind: 'abort', await: false })],
  [1, (pick) => ({ kind: 'login', await: pick([true, false]) })],
  [0.5, () => ({ kind: 'logout' })],
  [0.5, () => ({ kind: 'admin' })],
  [3, (pick) => ({ kind: 'wait', ms: pick([50, 300, 1000, 2500, 6000]) })],
  [1, () => ({ kind: 'fault', fault: 'restart' })],
  [0.5, () => ({ kind: 'fault', fault: 'update' })],
  [1, () => ({ kind: 'fault', fault: 'dropLink' })],
  [1, () => ({ kind: 'fault', fault: 'resetSessions' })],
  [1.5, () => ({ kind: 'fault', fault: 'approveThenDrop' })],
  [
    1,
    (pick) => ({
      kind: 'fault',
      fault: 'restartDuringPayment',
      phase: pick(['waitingForCard', 'authorising']),
    }),
  ],
  [1, (pick) => ({ kind: 'fault', fault: 'busyNextLogins', count: pick([1, 2, 3]) })],
  [
    1.5,
    (pick) => {
      const category = pick(CATEGORIES);
      return {
        kind: 'fault',
        fault: 'dropNextResponse',
        ...(category === 'any' ? {} : { category }),
      };
    },
  ],
  [
    1,
    (pick) => {
      const category = pick(CATEGORIES);
      return {
        kind: 'fault',
        fault: 'delayResponses',
        ms: pick([500, 2500, 6000]),
        ...(category === 'any' ? {} : { category }),
      };
    },
  ],
  [1, () => ({ kind: 'fault', fault: 'restartClient' })],
  [
    0.5,
    (pick) => ({
      kind: 'fault',
      fault: 'nextPaymentOutcome',
      outcome: pick(['approved', 'insufficientFunds', 'partial', 'unreachableHost']),
    }),
  ],
];
const TOTAL_WEIGHT = ACTIONS.reduce((sum, [weight]) => sum + weight, 0);

function action(random: Random, pick: Pick): ScheduleStep {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const [weight, make] of ACTIONS) {
    roll -= weight;
    if (roll < 0) return make(pick);
  }
  // Rounding can leave the roll at the very end of the range: the first action (a payment).
  return { kind: 'pay', amount: pick(AMOUNTS) };
}

/** Most actions in one schedule. */
export const MAX_ACTIONS = 12;

/**
 * The schedule of run `seed`: profile, simulator timings, a short policy and 2 to
 * {@link MAX_ACTIONS} actions (payments, status, aborts, logins, waits and every fault). The
 * same seed always gives the same schedule.
 */
export function generateSchedule(seed: number): Schedule {
  const random = seededRandom(seed);
  const pick = picker(random);
  const profile = pick(['app2app', 'app2app', 'nexo', 'adyen'] as const);
  const simulator = {
    initMs: pick([0, 300, 2000]),
    cardMs: pick([200, 1500]),
    authMs: pick([200, 1000]),
  };
  // Short timeouts, so lost answers and slow terminals lead somewhere within a few seconds.
  const policy = {
    paymentTimeoutMs: pick([3000, 8000]),
    statusTimeoutMs: pick([2000, 5000]),
    loginTimeoutMs: pick([3000, 10_000]),
  };
  const count = 2 + Math.floor(random.next() * (MAX_ACTIONS - 1));
  const actions = Array.from({ length: count }, () => action(random, pick));
  return { seed, profile, simulator, policy, actions };
}

/** The schedule as a scenario file (what `a2a fuzz` writes next to a failing trace). */
export function scheduleInput(schedule: Schedule): ScenarioInput {
  return {
    format: 'a2a-scenario',
    version: 1,
    name: `fuzz-${schedule.seed}`,
    title: `Random fault schedule ${schedule.seed}`,
    description: `Generated by a2a fuzz from seed ${schedule.seed}; run it with --seed ${schedule.seed}.`,
    tags: ['fuzz'],
    profile: schedule.profile,
    simulator: schedule.simulator,
    policy: schedule.policy,
    steps: [
      { kind: 'waitFor', session: 'ready', timeoutMs: 60_000 },
      ...schedule.actions,
      // Lets every answer, timeout and recovery play out before the trace is judged.
      { kind: 'wait', ms: 1000 },
      { kind: 'expectVerdicts' },
    ],
  };
}

/**
 * The schedule as a parsed scenario, ready for the runner: checked as its file would be (the
 * file's text aside: a schedule is plain JSON data by construction).
 */
export function scheduleScenario(schedule: Schedule): Scenario {
  const parsed = parseScenarioValue(scheduleInput(schedule));
  // Every generated step is valid by construction; a refusal is a bug in this file.
  if (!parsed.ok) throw new Error(`generated an invalid scenario: ${parsed.error.message}`);
  return parsed.value;
}
