import { z } from 'zod';

/** Payment phases of the simulator, in order. */
export const PaymentPhase = z.enum(['waitingForCard', 'authorising']);
export type PaymentPhase = z.infer<typeof PaymentPhase>;

/** Outcomes that `nextPaymentOutcome` can force, beating the magic-amount table. */
export const PaymentOutcomeOverride = z.enum([
  'approved',
  'insufficientFunds',
  'cardBlocked',
  'expired',
  'invalidCard',
  'wrongPin',
  'partial',
  'unreachableHost',
]);
export type PaymentOutcomeOverride = z.infer<typeof PaymentOutcomeOverride>;

const Category = z.string().min(1).max(40);

/**
 * Every simulator fault and lifecycle operation, by its exact operation name. The same schema
 * validates the control API's `POST /control/faults` body, the HarnessApi's fault calls and
 * scenario steps, so a fault means one thing wherever it is triggered.
 */
export const FaultCommand = z.discriminatedUnion('fault', [
  z.strictObject({ fault: z.literal('restart') }),
  z.strictObject({ fault: z.literal('update') }),
  z.strictObject({
    fault: z.literal('dropLink'),
    linkId: z.string().min(1).default('all'),
    /** How long an HTTP front then refuses the POS (README "Faults by wire"; default 3000). */
    dropMs: z.number().int().min(0).max(600_000).optional(),
  }),
  z.strictObject({ fault: z.literal('resetSessions') }),
  z.strictObject({ fault: z.literal('busyNextLogins'), count: z.number().int().min(1).max(1000) }),
  z.strictObject({ fault: z.literal('dropNextResponse'), category: Category.optional() }),
  z.strictObject({
    fault: z.literal('delayResponses'),
    ms: z.number().int().min(0).max(600_000),
    category: Category.optional(),
  }),
  z.strictObject({ fault: z.literal('approveThenDrop') }),
  z.strictObject({
    fault: z.literal('restartDuringPayment'),
    phase: PaymentPhase.default('authorising'),
  }),
  z.strictObject({ fault: z.literal('nextPaymentOutcome'), outcome: PaymentOutcomeOverride }),
]);
export type FaultCommand = z.infer<typeof FaultCommand>;
/** A fault command as a caller may write it: fields with defaults (`linkId`, `phase`) may be left out. */
export type FaultCommandInput = z.input<typeof FaultCommand>;
export type FaultName = FaultCommand['fault'];

/** The fault names, in the order the UI and the docs list them. */
export const FAULT_NAMES: readonly FaultName[] = FaultCommand.options.map(
  (o) => o.shape.fault.value,
);
