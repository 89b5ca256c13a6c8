import { z } from 'zod';
import { LedgerEntry } from '../trace/events';
import { PaymentOutcomeOverride, PaymentPhase } from './faults';
import { ProfileKnobs, ProfileName, SimulatorSettings } from './profiles';

/**
 * The shapes of the simulator's control API (`/control/*`) and of its in-process `state()`,
 * so tests, the UI and external tools read one documented contract.
 */

/** The lifecycle of the payment application. */
export const SimulatorLifecycle = z.enum(['stopped', 'initialising', 'ready']);
export type SimulatorLifecycle = z.infer<typeof SimulatorLifecycle>;

/** One open link, with the session it carries if any. */
export const LinkSnapshot = z.object({
  id: z.string(),
  /** Wall time the link was accepted, ISO 8601. */
  openedAt: z.string(),
  saleId: z.string().optional(),
});
export type LinkSnapshot = z.infer<typeof LinkSnapshot>;

/** One open session: a link and a SaleID that logged in on it. */
export const SessionSnapshot = z.object({
  link: z.string(),
  saleId: z.string(),
  openedAt: z.string(),
});
export type SessionSnapshot = z.infer<typeof SessionSnapshot>;

/** The payment that is running, if any (one at a time). */
export const PaymentSnapshot = z.object({
  link: z.string(),
  saleId: z.string(),
  serviceId: z.string(),
  saleTransactionId: z.string(),
  poiTransactionId: z.string(),
  phase: PaymentPhase,
  amountMinor: z.number().int(),
  currency: z.string(),
});
export type PaymentSnapshot = z.infer<typeof PaymentSnapshot>;

/** The faults that are armed and waiting for their message. */
export const ArmedFaultsSnapshot = z.object({
  busyNextLogins: z.number().int(),
  /** One entry per armed `dropNextResponse`: its category, or null for "any category". */
  dropNextResponse: z.array(z.string().nullable()),
  /** Response delays in force by category; the key `*` applies to every category. */
  delayResponses: z.record(z.string(), z.number().int()),
  approveThenDrop: z.boolean(),
  restartDuringPayment: PaymentPhase.nullable(),
  nextPaymentOutcome: PaymentOutcomeOverride.nullable(),
});
export type ArmedFaultsSnapshot = z.infer<typeof ArmedFaultsSnapshot>;

/** One kind of armed fault (a key of {@link ArmedFaultsSnapshot}): what a remove button takes back. */
export const ArmedFaultKind = ArmedFaultsSnapshot.keyof();
export type ArmedFaultKind = z.infer<typeof ArmedFaultKind>;

/** Where the simulator listens, once `listen()` ran. */
export const ListeningSnapshot = z.object({
  port: z.number().int(),
  nexoUrl: z.string(),
  controlUrl: z.string(),
  /** `tcp://HOST:PORT` when the nexo-over-TCP front runs. */
  tcpUrl: z.string().optional(),
  httpUrl: z.string().optional(),
});

/** `GET /control/state` and `Simulator.state()`. */
export const SimulatorStateSnapshot = z.object({
  lifecycle: SimulatorLifecycle,
  /** The software version reported in LoginResponse POISoftware. */
  version: z.string(),
  profile: ProfileName,
  knobs: ProfileKnobs,
  settings: SimulatorSettings,
  links: z.array(LinkSnapshot),
  sessions: z.array(SessionSnapshot),
  payment: PaymentSnapshot.nullable(),
  faults: ArmedFaultsSnapshot,
  ledgerSize: z.number().int(),
  listening: ListeningSnapshot.nullable(),
});
export type SimulatorStateSnapshot = z.infer<typeof SimulatorStateSnapshot>;

/** `GET /control/ledger`. */
export const LedgerResponse = z.object({ entries: z.array(LedgerEntry) });
export type LedgerResponse = z.infer<typeof LedgerResponse>;

/** The answer of a successful `POST /control/faults` or `POST /control/reset`. */
export const ControlOk = z.object({ ok: z.literal(true) });

/** Every control API error (400, 401, 404, 405, 413): one clear message. */
export const ControlError = z.object({ error: z.string() });
export type ControlError = z.infer<typeof ControlError>;
