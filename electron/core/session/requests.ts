import { z } from 'zod';
import { MESSAGE_CATEGORIES, REVERSAL_REASONS, minorToWire } from '@shared/protocol';
import type { OpRequest, TransactionRef } from '@shared/session';
import { err, ok, type Result } from '@shared/result';
import { lazyCompiled } from '@shared/validation/compiled';

/** What `pay()` takes: amounts in integer minor units. */
export interface PayRequest {
  readonly amountMinor: number;
  readonly currency: string;
  /** SaleTransactionID.TransactionID; generated when absent. */
  readonly saleTransactionId?: string;
  readonly paymentType?: 'Normal' | 'Refund';
}

/** What `reverse()` takes: the POITransactionID of the payment to reverse. */
export interface ReverseRequest {
  readonly poiTransactionId: TransactionRef;
  readonly reason?: (typeof REVERSAL_REASONS)[number];
  readonly amountMinor?: number;
  readonly currency?: string;
}

const Currency = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code');
const Text = z.string().min(1).max(200);

const Pay = z
  .object({
    amountMinor: z.number().int().positive(),
    currency: Currency,
    saleTransactionId: z
      .string()
      .regex(/^[A-Za-z0-9]{1,35}$/, 'at most 35 letters and digits')
      .optional(),
    paymentType: z.enum(['Normal', 'Refund']).optional(),
  })
  .refine(
    (p) => minorToWire(p.amountMinor, p.currency).ok,
    'amount cannot be carried exactly on the wire',
  );
// Every payment a scenario or the fuzzer asks for passes here.
const compiledPay = lazyCompiled(Pay);

const Reverse = z
  .object({
    // The TimeStamp goes back on the wire as nexo has it: an ISO 8601 date-time with a zone.
    poiTransactionId: z.object({
      TransactionID: Text,
      TimeStamp: z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time with a zone' }),
    }),
    reason: z.enum(REVERSAL_REASONS).optional(),
    amountMinor: z.number().int().positive().optional(),
    currency: Currency.optional(),
  })
  .refine(
    (r) =>
      r.amountMinor === undefined ||
      r.currency === undefined ||
      minorToWire(r.amountMinor, r.currency).ok,
    'amount cannot be carried exactly on the wire',
  );

const Status = z.object({
  serviceId: Text.optional(),
  category: z.enum(MESSAGE_CATEGORIES).optional(),
});
const Abort = z.object({ serviceId: Text.optional() });
const Admin = z.object({ kind: z.enum(['diagnosis', 'update']).optional() });

function problem(error: z.ZodError): string {
  const issue = error.issues[0];
  return `invalid request: ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`;
}

/** Validates a payment request from an untrusted caller (IPC, CLI, scenario). */
export function validatePay(
  request: PayRequest,
  saleTransactionId: () => TransactionRef,
): Result<Extract<OpRequest, { name: 'pay' }>, string> {
  const parsed = compiledPay().safeParse(request);
  if (!parsed.success) return err(problem(parsed.error));
  const p = parsed.data;
  const generated = saleTransactionId();
  return ok({
    name: 'pay',
    amountMinor: p.amountMinor,
    currency: p.currency,
    saleTransactionId:
      p.saleTransactionId === undefined
        ? generated
        : { ...generated, TransactionID: p.saleTransactionId },
    ...(p.paymentType !== undefined ? { paymentType: p.paymentType } : {}),
  });
}

export function validateReverse(
  request: ReverseRequest,
): Result<Extract<OpRequest, { name: 'reverse' }>, string> {
  const parsed = Reverse.safeParse(request);
  if (!parsed.success) return err(problem(parsed.error));
  const r = parsed.data;
  return ok({
    name: 'reverse',
    poiTransactionId: {
      TransactionID: r.poiTransactionId.TransactionID,
      TimeStamp: r.poiTransactionId.TimeStamp,
    },
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(r.amountMinor !== undefined ? { amountMinor: r.amountMinor } : {}),
    ...(r.currency !== undefined ? { currency: r.currency } : {}),
  });
}

export function validateStatus(request: {
  readonly serviceId?: string;
  readonly category?: string;
}): Result<Extract<OpRequest, { name: 'status' }>, string> {
  const parsed = Status.safeParse(request);
  if (!parsed.success) return err(problem(parsed.error));
  const s = parsed.data;
  return ok({
    name: 'status',
    ...(s.serviceId !== undefined ? { serviceId: s.serviceId } : {}),
    ...(s.category !== undefined ? { category: s.category } : {}),
  });
}

export function validateAbort(request: {
  readonly serviceId?: string;
}): Result<Extract<OpRequest, { name: 'abort' }>, string> {
  const parsed = Abort.safeParse(request);
  if (!parsed.success) return err(problem(parsed.error));
  return ok({
    name: 'abort',
    ...(parsed.data.serviceId !== undefined ? { serviceId: parsed.data.serviceId } : {}),
  });
}

export function validateAdmin(request: {
  readonly kind?: 'diagnosis' | 'update';
}): Result<Extract<OpRequest, { name: 'admin' }>, string> {
  const parsed = Admin.safeParse(request);
  if (!parsed.success) return err(problem(parsed.error));
  return ok({ name: 'admin', kind: parsed.data.kind ?? 'diagnosis' });
}
