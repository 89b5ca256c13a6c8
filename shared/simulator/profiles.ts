import { z } from 'zod';
import { REPEATED_RESPONSE_FORMS } from '../protocol/envelope';
import { MAX_IDENTIFIER_CHARS, MAX_SERVICE_ID_CHARS } from '../protocol/limits';
import { err, ok, type Result } from '../result';
import { lazyCompiled } from '../validation/compiled';

/** The terminal behaviours the simulator can play. `app2app` is the default. */
export const ProfileName = z.enum(['app2app', 'nexo', 'adyen']);
export type ProfileName = z.infer<typeof ProfileName>;

/**
 * What the payment application does with a service request that arrives without a session
 * (before Login, after Logout, after a restart or a silent reset): ignore it without a word,
 * answer Failure/LoggedOut, or process it anyway.
 */
export const NoSessionBehaviour = z.enum(['ignore', 'loggedOut', 'allow']);
export type NoSessionBehaviour = z.infer<typeof NoSessionBehaviour>;

/** The ErrorCondition of a TransactionStatus answer for a payment that is still running. */
export const StatusWhileRunning = z.enum(['InProgress', 'Busy']);
export type StatusWhileRunning = z.infer<typeof StatusWhileRunning>;

/** How TransactionStatus repeats a finished transaction (the layouts shared/protocol builds). */
export const RepeatedResponseForm = z.enum(REPEATED_RESPONSE_FORMS);
export type RepeatedResponseForm = z.infer<typeof RepeatedResponseForm>;

/**
 * Which SaleTransactionID.TransactionID values a payment may carry: `app2app` allows 1 to 35
 * alphanumeric characters, `any` any non-empty string.
 */
export const SaleTransactionIdRule = z.enum(['app2app', 'any']);
export type SaleTransactionIdRule = z.infer<typeof SaleTransactionIdRule>;

/**
 * When a ServiceID counts as repeated: `window` when the same SaleID used it within the
 * duplicate window (48 h by default, as vendors require), `previous` only when it equals that
 * SaleID's previous ServiceID (the nexo-core rule).
 */
export const DuplicateRule = z.enum(['window', 'previous']);
export type DuplicateRule = z.infer<typeof DuplicateRule>;

/** The knobs in which terminals differ; a profile is one documented set of them. */
export const ProfileKnobs = z.strictObject({
  noSession: NoSessionBehaviour,
  statusWhileRunning: StatusWhileRunning,
  repeatedResponseForm: RepeatedResponseForm,
  saleTransactionIdRule: SaleTransactionIdRule,
  duplicateRule: DuplicateRule,
  /** When true, a request whose header POIID differs from the simulator's gets MessageFormat. */
  checkPoiId: z.boolean(),
  /**
   * The longest ServiceID answered; a longer one gets MessageFormat and is not stored. nexo says
   * 10; Adyen's terminals answer the 12-character ids their POSes send.
   */
  maxServiceIdChars: z.number().int().min(1).max(MAX_IDENTIFIER_CHARS),
});
export type ProfileKnobs = z.infer<typeof ProfileKnobs>;

/** A profile: its knobs and one sentence on the terminal family it stands for. */
export interface ProfileDefinition {
  readonly name: ProfileName;
  readonly description: string;
  readonly knobs: ProfileKnobs;
}

/** Every profile, as the README's profiles table lists it. */
export const PROFILES: Readonly<Record<ProfileName, ProfileDefinition>> = {
  app2app: {
    name: 'app2app',
    description:
      'A payment app on the same device reached over App2App: silent before Login, strict sale references.',
    knobs: {
      noSession: 'ignore',
      statusWhileRunning: 'InProgress',
      repeatedResponseForm: 'wrapped',
      saleTransactionIdRule: 'app2app',
      duplicateRule: 'window',
      checkPoiId: false,
      maxServiceIdChars: MAX_SERVICE_ID_CHARS,
    },
  },
  nexo: {
    name: 'nexo',
    description:
      'A terminal that follows the nexo Retailer specification to the letter: LoggedOut before Login.',
    knobs: {
      noSession: 'loggedOut',
      statusWhileRunning: 'InProgress',
      repeatedResponseForm: 'standard',
      saleTransactionIdRule: 'any',
      duplicateRule: 'window',
      checkPoiId: false,
      maxServiceIdChars: MAX_SERVICE_ID_CHARS,
    },
  },
  adyen: {
    name: 'adyen',
    description:
      'A cloud or LAN terminal in the style of Adyen: no Login needed, Busy for a running transaction.',
    knobs: {
      noSession: 'allow',
      statusWhileRunning: 'Busy',
      repeatedResponseForm: 'wrapped',
      saleTransactionIdRule: 'any',
      duplicateRule: 'window',
      checkPoiId: false,
      maxServiceIdChars: MAX_IDENTIFIER_CHARS,
    },
  },
};

/** 48 hours: how long vendors require a ServiceID not to be reused by the same SaleID. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 48 * 60 * 60 * 1000;

const Millis = z
  .number()
  .int()
  .min(0)
  .max(24 * 60 * 60 * 1000);

/** The simulator's settings; every field has a default (see {@link DEFAULT_SIMULATOR_SETTINGS}). */
export const SimulatorSettings = z.strictObject({
  /** How long the payment application initialises after a start, restart or update. */
  initMs: Millis,
  /** How long a payment waits for the card. */
  cardMs: Millis,
  /** How long the authorisation takes. */
  authMs: Millis,
  /** The terminal currency (ISO 4217); payments in another currency get MessageFormat. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as EUR'),
  /** The POIID the simulator answers with. */
  poiId: z.string().min(1).max(64),
  /** The software version reported in LoginResponse POISoftware; `update` bumps it. */
  softwareVersion: z.string().min(1).max(40),
  /** How long a ServiceID stays "used" for the `window` duplicate rule. */
  duplicateWindowMs: z.number().int().min(0),
  /** Overrides of the profile's knobs, one by one. */
  knobs: ProfileKnobs.partial().optional(),
});
export type SimulatorSettings = z.infer<typeof SimulatorSettings>;

/** The defaults the issue names: 2 s to initialise, 1.5 s for the card, 1 s to authorise, EUR. */
export const DEFAULT_SIMULATOR_SETTINGS: SimulatorSettings = {
  initMs: 2000,
  cardMs: 1500,
  authMs: 1000,
  currency: 'EUR',
  poiId: 'A2A-SIM-001',
  softwareVersion: '1.0.0',
  duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS,
};

/**
 * Merges partial settings over the defaults and validates the result; the error names the
 * first bad field (e.g. `cardMs: Too small: expected number to be >=0`).
 */
export function resolveSimulatorSettings(
  partial: Partial<SimulatorSettings> = {},
): Result<SimulatorSettings, string> {
  const parsed = compiledSettings().safeParse({ ...DEFAULT_SIMULATOR_SETTINGS, ...partial });
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return err(`${field === '' ? 'settings' : field}: ${issue?.message ?? 'invalid'}`);
}

/** The knobs in force: the profile's, with the settings' overrides on top. */
export function effectiveKnobs(profile: ProfileName, settings: SimulatorSettings): ProfileKnobs {
  const overrides = Object.entries(settings.knobs ?? {}).filter(([, v]) => v !== undefined);
  return compiledKnobs().parse({ ...PROFILES[profile].knobs, ...Object.fromEntries(overrides) });
}

// Every simulator, one per scenario run, reads both (a fuzz campaign makes hundreds a second).
const compiledSettings = lazyCompiled(SimulatorSettings);
const compiledKnobs = lazyCompiled(ProfileKnobs);
