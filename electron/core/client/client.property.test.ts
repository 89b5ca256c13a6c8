import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_CATEGORIES, REVERSAL_REASONS, encode } from '@shared/protocol';
import type { RequestSpec, TransactionRef } from '@shared/session';
import { VirtualClock } from '@shared/time/virtual-clock';
import {
  validateAbort,
  validateAdmin,
  validatePay,
  validateReverse,
  validateStatus,
} from '../session/requests';
import { createClient } from './client';
import { memoryServiceIds } from './service-ids';

/**
 * The client sends what its typed builders make without running the strict model again (README
 * "Performance: last measured values"). These properties hold that shortcut to the model: every
 * request the edge checks let through becomes a frame that `encode` accepts, with the very text
 * `encode` would have produced.
 */

const clock = new VirtualClock(Date.UTC(2026, 0, 1));
const generated = (): TransactionRef => ({
  TransactionID: 'T1',
  TimeStamp: new Date(clock.wallNow()).toISOString(),
});

/** Text as callers type it, including the odd characters a JSON encoder must escape. */
const text = fc.string({ minLength: 0, maxLength: 40, unit: 'grapheme' });
const dateTime = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01Z'), max: new Date('2099-12-31Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  text,
);

/** A request spec per operation, from inputs that passed the same checks the manager runs. */
const specs: fc.Arbitrary<RequestSpec | undefined> = fc.oneof(
  fc.constant<RequestSpec>({ category: 'Login' }),
  fc.constant<RequestSpec>({ category: 'Logout' }),
  fc
    .record(
      {
        amountMinor: fc.oneof(
          fc.integer({ min: -5, max: 10_000_000 }),
          fc.constant(Number.MAX_SAFE_INTEGER),
          fc.double(),
        ),
        currency: fc.constantFrom('EUR', 'JPY', 'KWD', 'USD', 'eur', 'EURO', ''),
        saleTransactionId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{1,35}$/), text),
        paymentType: fc.constantFrom('Normal', 'Refund'),
      },
      { requiredKeys: ['amountMinor', 'currency'] },
    )
    .map((input): RequestSpec | undefined => {
      const pay = validatePay(input, generated);
      if (!pay.ok) return undefined;
      const { name: _name, ...rest } = pay.value;
      return { category: 'Payment', ...rest };
    }),
  fc
    .record(
      { serviceId: text, category: fc.constantFrom(...MESSAGE_CATEGORIES, 'Nope') },
      { requiredKeys: [] },
    )
    .map((input): RequestSpec | undefined => {
      const status = validateStatus(input);
      if (!status.ok) return undefined;
      const { serviceId, category } = status.value;
      return {
        category: 'TransactionStatus',
        ...(serviceId === undefined
          ? {}
          : { messageReference: { serviceId, category: category ?? 'Payment' } }),
      };
    }),
  fc
    .record(
      {
        poiTransactionId: fc.record({ TransactionID: text, TimeStamp: dateTime }),
        reason: fc.constantFrom(...REVERSAL_REASONS),
        amountMinor: fc.oneof(
          fc.integer({ min: -5, max: 10_000_000 }),
          fc.constant(Number.MAX_SAFE_INTEGER),
        ),
        currency: fc.constantFrom('EUR', 'JPY', 'KWD', 'eur'),
      },
      { requiredKeys: ['poiTransactionId'] },
    )
    .map((input): RequestSpec | undefined => {
      const reverse = validateReverse(input);
      if (!reverse.ok) return undefined;
      const { name: _name, reason, ...rest } = reverse.value;
      return { category: 'Reversal', reason: reason ?? 'MerchantCancel', ...rest };
    }),
  fc.record({ serviceId: text }).map((input): RequestSpec | undefined => {
    const abort = validateAbort(input);
    if (!abort.ok || abort.value.serviceId === undefined) return undefined;
    return {
      category: 'Abort',
      messageReference: { serviceId: abort.value.serviceId, category: 'Payment' },
      reason: 'MerchantAbort',
    };
  }),
  fc.constantFrom('diagnosis', 'update').map((kind): RequestSpec | undefined => {
    const admin = validateAdmin({ kind: kind });
    return admin.ok ? { category: 'Admin', kind: admin.value.kind } : undefined;
  }),
);

describe('the client builds only valid frames', () => {
  const client = createClient({
    clock,
    saleId: 'SALE1',
    poiId: 'POI1',
    serviceIds: memoryServiceIds(),
  });

  it('every request the edge checks accept encodes strictly to the text the client sends', () => {
    let built = 0;
    fc.assert(
      fc.property(specs, (spec) => {
        if (spec === undefined) return;
        const message = client.build(spec);
        const encoded = encode(message.envelope);
        if (!encoded.ok) throw new Error(`${encoded.error.path}: ${encoded.error.reason}`);
        expect(message.text).toBe(encoded.value);
        expect(JSON.parse(message.text)).toEqual(message.envelope);
        built += 1;
      }),
      { numRuns: 600 },
    );
    // Most generated inputs pass their checks: the property is about built frames, not refusals.
    expect(built).toBeGreaterThan(300);
  });

  it('refuses at the edge a reversal the strict model could not carry', () => {
    const ref = { TransactionID: 'P1', TimeStamp: '2026-01-01T10:00:00' };
    expect(validateReverse({ poiTransactionId: ref }).ok).toBe(false);
    expect(
      validateReverse({
        poiTransactionId: { ...ref, TimeStamp: '2026-01-01T10:00:00Z' },
        amountMinor: Number.MAX_SAFE_INTEGER,
        currency: 'EUR',
      }).ok,
    ).toBe(false);
  });

  it('refuses an identity the strict model would not send, once, when the client is made', () => {
    const make = (saleId: string) => () =>
      createClient({ clock, saleId, poiId: 'POI1', serviceIds: memoryServiceIds() });
    expect(make('')).toThrow(RangeError);
    // Only identities that passed are remembered: a bad one is refused every time.
    expect(make('')).toThrow(RangeError);
    expect(make('POS1')).not.toThrow();
    expect(make('POS1')).not.toThrow();
  });
});
