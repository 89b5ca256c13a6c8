import { z } from 'zod';
import { PartialSessionPolicy } from '../session/policy';
import { SESSION_STATES } from '../session/states';
import { FaultCommand } from '../simulator/faults';
import { ProfileName, SimulatorSettings } from '../simulator/profiles';
import { CHECKER_NAMES } from '../trace/checkers/types';
import { lazyCompiled } from '../validation/compiled';
import { OPERATION_OUTCOMES, PAYMENT_OUTCOMES, PAYMENT_RESULTS } from './outcomes';

/**
 * The scenario file format, version 1 (README "Scenario files"): a declarative, versioned JSON document
 * that a scenario runner plays against the reference client and the simulator (embedded, or an
 * external endpoint for the steps that do not need simulator control; see `needsSimulator`).
 *
 * What a runner does with it — the contract every runner (CLI, window, Playwright) keeps:
 * - start the simulator with `profile` and `simulator` settings and the reference client with
 *   `policy` and `client`, on one clock (real or virtual time: same results), recording a trace;
 * - run the steps in order. An operation step waits for its final outcome (at most `timeoutMs`,
 *   by default the operation's deadline from `operationDeadlineMs(name, policy)`) unless
 *   `"await": false`; `send` waits for its response; `wait` lets scenario time pass; `waitFor`
 *   waits for a session state or an earlier operation; expectation steps judge what happened so
 *   far (`expectOutcome` first waits for its operation) with the functions of `expectations.ts`;
 * - a failed expectation or a `waitFor` that times out fails the scenario; the run goes on to
 *   the end so that every problem is reported (a `waitFor` timeout ends it);
 * - after the last step, wait for the operations still running (within their timeouts), and
 *   when the scenario has no `expectVerdicts` step, judge the whole trace with
 *   `FINAL_VERDICTS` (every checker passes);
 * - the whole run is limited to `timeoutMs` of scenario time.
 */

/** The `format` field of every scenario file. */
export const SCENARIO_FORMAT = 'a2a-scenario';
/** The scenario format version this harness reads. */
export const SCENARIO_VERSION = 1;

/** One day: the longest wait any step may ask for. */
const DAY_MS = 86_400_000;
const Ms = z
  .number({ error: 'expected a number of milliseconds' })
  .int('expected whole milliseconds')
  .min(0, 'expected 0 or more milliseconds')
  .max(DAY_MS, 'expected at most one day (86400000 ms)');
const PositiveMs = Ms.min(1, 'expected at least 1 millisecond');

/** A step's name, by which later steps refer to it. */
export const StepId = z
  .string({ error: 'expected a step id' })
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,39}$/,
    'expected a step id: a letter, then up to 39 letters, digits, - or _',
  );

/** Amounts are decimal strings, so no float ever carries money (DESIGN §5). */
export const DecimalAmount = z
  .string({ error: 'expected a decimal string such as "12.50"' })
  .regex(/^\d{1,15}(\.\d{1,6})?$/, 'expected a decimal string such as "12.50"');

const Currency = z
  .string({ error: 'expected a currency code such as "EUR"' })
  .regex(/^[A-Z]{3}$/, 'expected a three-letter ISO 4217 code such as "EUR"');

/** Fields every step may carry. */
const StepBase = {
  /** Names the step so that later steps (waits, expectations, references) can point at it. */
  id: StepId.optional(),
  /** Free text shown next to the step in progress output and the scenarios panel. */
  note: z.string().max(500).optional(),
};

/** Fields of every operation step. */
const OperationBase = {
  ...StepBase,
  /**
   * `true` (default): the runner waits for the operation's final outcome before the next step.
   * `false`: the operation is started and the runner moves on at once (so that a fault or an
   * Abort can hit it mid-flight); a later `waitFor` `{op}` or `expectOutcome` waits for it.
   */
  await: z.boolean().default(true),
  /**
   * How long the runner waits for the outcome, in scenario time. Default: the operation's
   * deadline derived from the scenario's policy (`operationDeadlineMs`).
   */
  timeoutMs: PositiveMs.optional(),
};

export const LoginStep = z.strictObject({ kind: z.literal('login'), ...OperationBase });
export const LogoutStep = z.strictObject({ kind: z.literal('logout'), ...OperationBase });

export const PayStep = z.strictObject({
  kind: z.literal('pay'),
  ...OperationBase,
  /** Requested amount as a decimal string in the currency's units, e.g. `"12.50"`. */
  amount: DecimalAmount,
  /** ISO 4217 code; default: the simulator's currency (`simulator.currency`, else EUR). */
  currency: Currency.optional(),
  /**
   * `SaleTransactionID.TransactionID`; default: one the runner makes up. Not checked against
   * any profile's rule here, so that a scenario can send an invalid one on purpose.
   */
  saleTransactionId: z.string().min(1).max(200).optional(),
});

export const StatusStep = z.strictObject({
  kind: z.literal('status'),
  ...OperationBase,
  /** MessageReference = this ServiceID (e.g. one the terminal never saw). */
  serviceId: z.string().min(1).max(64).optional(),
  /** MessageReference = the ServiceID of this earlier `pay` step (its last one if resent). */
  of: StepId.optional(),
  // Neither: no MessageReference — the terminal answers about its last transaction.
});

export const ReverseStep = z.strictObject({
  kind: z.literal('reverse'),
  ...OperationBase,
  /** Reverse the payment of this earlier `pay` step (its POITransactionID). */
  of: StepId.optional(),
  /** Reverse this POITransactionID.TransactionID (e.g. an unknown one). */
  poiTransactionId: z.string().min(1).max(200).optional(),
  // Neither: the last approved payment of this run.
});

export const AbortStep = z.strictObject({
  kind: z.literal('abort'),
  ...OperationBase,
  /** Abort this earlier `pay` step; default: the payment in flight. */
  of: StepId.optional(),
});

export const AdminStep = z.strictObject({
  kind: z.literal('admin'),
  ...OperationBase,
  /** `diagnosis` (default): POIStatus; `update`: the terminal updates its payment app. */
  request: z.enum(['diagnosis', 'update']).default('diagnosis'),
});

/**
 * A raw request sent on the reference client's current link, bypassing the session manager:
 * for what a correct client never does (a reused ServiceID, a second request during a
 * payment). The runner builds the header (ProtocolVersion 3.1, the class for the category,
 * Request, the ServiceID, the client's SaleID and POIID, then `header`'s overrides) and the body
 * key `<category>Request`, and waits for the response with that ServiceID.
 */
export const SendStep = z.strictObject({
  kind: z.literal('send'),
  ...StepBase,
  /** `true` (default): wait for the response (or `responseTimeoutMs`) before the next step. */
  await: z.boolean().default(true),
  /** MessageCategory, e.g. `Admin`, `TransactionStatus`, `Payment`. */
  category: z
    .string()
    .regex(/^[A-Z][A-Za-z]{1,39}$/, 'expected a nexo MessageCategory such as "Admin"'),
  /** The request body (`<category>Request`), as JSON. */
  body: z.record(z.string(), z.unknown()).default({}),
  /** MessageHeader fields to set or replace. */
  header: z.record(z.string(), z.unknown()).optional(),
  /** Use this ServiceID; default: a fresh one from the client's generator. */
  serviceId: z.string().min(1).max(64).optional(),
  /** Reuse the ServiceID of this earlier operation or `send` step. */
  reuseServiceIdOf: StepId.optional(),
  /** How long to wait for the response; none by then counts as "no response". */
  responseTimeoutMs: PositiveMs.default(5000),
});

/** `restartClient`: the POS app restarts (memory lost; journal and ServiceID state kept). */
export const RestartClientFault = z.strictObject({ fault: z.literal('restartClient') });

/** Every fault a scenario can trigger: the simulator's (exactly its FaultCommand) and the client's. */
export const ScenarioFault = z.discriminatedUnion(
  'fault',
  [...FaultCommand.options, RestartClientFault],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `unknown fault (expected one of ${[...FaultCommand.options, RestartClientFault].map((o) => o.shape.fault.value).join(', ')})`
        : undefined,
  },
);
export type ScenarioFault = z.infer<typeof ScenarioFault>;

// Every fault step of every scenario a fuzz campaign plays is read here (core only: the renderer
// parses no scenario, and compiling needs `new Function`).
const compiledFault = lazyCompiled(ScenarioFault);

/**
 * `{"kind": "fault", "fault": "busyNextLogins", "count": 3}`: the fault's own fields sit next to
 * `kind`, exactly as the control API takes them; the parsed step holds them as `command`.
 */
export const FaultStep = z
  .looseObject({ kind: z.literal('fault'), ...StepBase })
  .transform((raw, ctx) => {
    const { kind, id, note, ...fields } = raw;
    const command = compiledFault().safeParse(fields);
    if (!command.success) {
      for (const issue of command.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          const fields = issue.keys.map((key) => `"${key}"`).join(', ');
          ctx.addIssue({
            code: 'custom',
            message: `unknown field ${fields} for this fault`,
            path: [],
          });
        } else {
          // An issue without a path is about the fault's name.
          const path = issue.path.length > 0 ? issue.path : ['fault'];
          ctx.addIssue({ code: 'custom', message: issue.message, path });
        }
      }
      return z.NEVER;
    }
    return {
      kind,
      ...(id === undefined ? {} : { id }),
      ...(note === undefined ? {} : { note }),
      command: command.data,
    };
  });

export const WaitStep = z.strictObject({
  kind: z.literal('wait'),
  ...StepBase,
  /** Lets scenario time pass (virtual time moves at once). */
  ms: Ms,
});

export const WaitForStep = z.strictObject({
  kind: z.literal('waitFor'),
  ...StepBase,
  /** Wait until the client's session is in this state (done at once if it already is). */
  session: z
    .enum(SESSION_STATES, { error: `expected a session state (${SESSION_STATES.join(', ')})` })
    .optional(),
  /** Wait until this earlier operation (or `send`) has ended. */
  op: StepId.optional(),
  /** Give up (the scenario fails) after this long. */
  timeoutMs: PositiveMs.default(30_000),
});

const OneOrMore = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1)], { error: 'expected a name or a non-empty list of names' });

export const ExpectOutcomeStep = z.strictObject({
  kind: z.literal('expectOutcome'),
  ...StepBase,
  /** The operation step (waited for first if still running). */
  of: StepId,
  /** The outcome, or a list of acceptable outcomes. */
  outcome: OneOrMore(z.enum([...PAYMENT_OUTCOMES, ...OPERATION_OUTCOMES])),
  /** For a payment: its real result (`recovered` carries the result learnt through status). */
  result: z.enum(PAYMENT_RESULTS).optional(),
  /** The answer's ErrorCondition (a declined payment or operation). */
  errorCondition: z.string().min(1).optional(),
  /** For a payment: whether it was resent after TransactionStatus said NotFound. */
  resent: z.boolean().optional(),
});

export const ExpectResponseStep = z.strictObject({
  kind: z.literal('expectResponse'),
  ...StepBase,
  /** The `send` step. */
  of: StepId,
  /** `true`: no response came within the send step's `responseTimeoutMs` (a silent ignore). */
  none: z.boolean().optional(),
  /** `Response.Result` of the answer. */
  result: z.string().min(1).optional(),
  /** `Response.ErrorCondition` of the answer. */
  errorCondition: z.string().min(1).optional(),
});

/** An exact count, or bounds. */
const Whole = z
  .number({ error: 'expected a whole number, 0 or more' })
  .int('expected a whole number, 0 or more')
  .min(0, 'expected a whole number, 0 or more');
export const Count = z.union(
  [
    Whole,
    z
      .strictObject({ min: Whole.optional(), max: Whole.optional() })
      .refine((c) => c.min !== undefined || c.max !== undefined, 'expected min, max or both'),
  ],
  { error: 'expected a count (a whole number) or {"min": n, "max": m}' },
);
export type Count = z.infer<typeof Count>;

export const ExpectLedgerStep = z.strictObject({
  kind: z.literal('expectLedger'),
  ...StepBase,
  /** Only the entries of this earlier `pay` step's sale (its SaleTransactionID). */
  sale: StepId.optional(),
  /** Only the entries of this SaleTransactionID. Neither: the whole ledger of the run. */
  saleTransactionId: z.string().min(1).optional(),
  /** Entries with result approved or partial (reversed or not). */
  approvals: Count.optional(),
  /** Approvals not reversed: what the customer was charged. */
  unreversedApprovals: Count.optional(),
  declines: Count.optional(),
  reversals: Count.optional(),
  entries: Count.optional(),
});

const CheckerName = z.enum(CHECKER_NAMES, {
  error: `expected a checker name (${CHECKER_NAMES.join(', ')})`,
});

export const ExpectVerdictsStep = z.strictObject({
  kind: z.literal('expectVerdicts'),
  ...StepBase,
  /** Checkers that must have at least one failing verdict. */
  fail: z.array(CheckerName).default([]),
  /**
   * Checkers that must pass: `"all"` (default) means every checker not listed in `fail`;
   * a list means only those.
   */
  pass: z.union([z.literal('all'), z.array(CheckerName)]).default('all'),
});

const STEP_OPTIONS = [
  LoginStep,
  LogoutStep,
  PayStep,
  StatusStep,
  ReverseStep,
  AbortStep,
  AdminStep,
  SendStep,
  FaultStep,
  WaitStep,
  WaitForStep,
  ExpectOutcomeStep,
  ExpectResponseStep,
  ExpectLedgerStep,
  ExpectVerdictsStep,
] as const;

/** Every step kind, in the order the docs list them. */
export const STEP_KINDS = [
  'login',
  'logout',
  'pay',
  'status',
  'reverse',
  'abort',
  'admin',
  'send',
  'fault',
  'wait',
  'waitFor',
  'expectOutcome',
  'expectResponse',
  'expectLedger',
  'expectVerdicts',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Operation steps: the reference client's operations, each ending in one outcome. */
export const OPERATION_STEP_KINDS = [
  'login',
  'logout',
  'pay',
  'status',
  'reverse',
  'abort',
  'admin',
] as const;
export type OperationStepKind = (typeof OPERATION_STEP_KINDS)[number];

export const Step = z.discriminatedUnion('kind', STEP_OPTIONS, {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `unknown step kind (expected one of ${STEP_KINDS.join(', ')})`
      : undefined,
});
/** One parsed step. */
export type Step = z.infer<typeof Step>;
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;
export type OperationStep = StepOf<OperationStepKind>;

export const Scenario = z.strictObject({
  format: z.literal(SCENARIO_FORMAT, { error: `expected "${SCENARIO_FORMAT}"` }),
  version: z.literal(SCENARIO_VERSION, {
    error: `unsupported scenario version (this harness reads version ${SCENARIO_VERSION})`,
  }),
  /** A kebab-case id: names the run's trace file and its JUnit test case. */
  name: z
    .string({ error: 'expected a kebab-case name' })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case name such as "busy-at-start"')
    .max(80),
  /** One line for lists and progress output. */
  title: z.string().min(1).max(120),
  /** The real-world checklist item the scenario stands for, and what it shows. */
  description: z.string().min(1).max(4000),
  /** Free labels for filtering (e.g. `lifecycle`, `payment`, `negative`). */
  tags: z.array(z.string().min(1).max(40)).max(20).default([]),
  /** The simulator profile (terminal family). */
  profile: ProfileName.default('app2app'),
  /** Simulator settings over its defaults (initMs, cardMs, authMs, currency, ...). */
  simulator: SimulatorSettings.partial().default({}),
  /** Session policy over the reference client's defaults (camelCase keys). */
  policy: PartialSessionPolicy.default({}),
  /** The reference client's identity on the wire. */
  client: z
    .strictObject({
      saleId: z.string().min(1).max(64).optional(),
      poiId: z.string().min(1).max(64).optional(),
    })
    .default({}),
  /** The whole run's limit in scenario time; the scenario fails when it is reached. */
  timeoutMs: PositiveMs.default(600_000),
  steps: z.array(Step).min(1, 'expected at least one step').max(1000),
});
/** A parsed, validated scenario (defaults applied). */
export type Scenario = z.infer<typeof Scenario>;
/** A scenario as written in a file (defaults not yet applied). */
export type ScenarioInput = z.input<typeof Scenario>;
