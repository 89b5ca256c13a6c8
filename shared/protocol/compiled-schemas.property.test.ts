import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Mode } from './schema-kit';
import { compiledSchema, lenientSchemas, strictSchemas } from './schemas';
import { envelopeArb } from './testing/arbitraries';
import { mutatedArb, type Json } from './testing/mutations';

/** Hundreds of generated messages against every schema: a budget for a loaded CI machine, not a timing. */
const BUDGET_MS = 60_000;

/** The compiled fast path stands in for the runtime schema: both must give the same answer. */
function expectAgreement(compiled: z.ZodType<unknown>, runtime: z.ZodType<unknown>, input: Json) {
  const fast = compiled.safeParse(input);
  const slow = runtime.safeParse(input);
  expect(fast.success).toBe(slow.success);
  if (fast.success && slow.success) {
    expect(fast.data).toStrictEqual(slow.data);
    // Encoding sends the parsed value as text, so key order is part of the answer.
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(slow.data));
  } else {
    expect(fast.error?.issues).toStrictEqual(slow.error?.issues);
  }
}

/** Every frame schema of one mode, compiled and runtime side by side. */
function pairs(mode: Mode): [string, z.ZodType<unknown>, z.ZodType<unknown>][] {
  const runtime = mode === 'strict' ? strictSchemas : lenientSchemas;
  return [
    ['MessageHeader', compiledSchema(mode, 'MessageHeader'), runtime.MessageHeader],
    ['Response', compiledSchema(mode, 'Response'), runtime.Response],
    ...Object.keys(runtime.bodies).map((key): [string, z.ZodType<unknown>, z.ZodType<unknown>] => {
      const name = key as keyof typeof runtime.bodies;
      return [name, compiledSchema(mode, name), runtime.bodies[name]];
    }),
  ];
}

/** Each part of a message: its header and its body (whatever the schema under test). */
function parts(message: Json): Json[] {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return [message];
  const wrapped = Object.values(message)[0] ?? null;
  if (wrapped === null || typeof wrapped !== 'object' || Array.isArray(wrapped)) return [wrapped];
  return Object.values(wrapped);
}

/** Lenient decoding accepts what real terminals send: string flags, unknown keys. */
const lenientQuirksArb = envelopeArb.map((envelope): Json => {
  const text = JSON.stringify(envelope)
    .replaceAll(':true', ':"TRUE"')
    .replaceAll(':false', ':"false"')
    .replaceAll('"MessageHeader":{', '"MessageHeader":{"VendorField":[1,{"a":null}],');
  return JSON.parse(text) as Json;
});

describe.each(['lenient', 'strict'] as const)('compiled %s schemas', (mode) => {
  const schemas = pairs(mode);

  it(
    'agree with the runtime schemas on valid messages, part by part',
    () => {
      fc.assert(
        fc.property(envelopeArb, (envelope) => {
          for (const part of parts(JSON.parse(JSON.stringify(envelope)) as Json)) {
            for (const [, compiled, runtime] of schemas) expectAgreement(compiled, runtime, part);
          }
        }),
        { numRuns: 200 },
      );
    },
    BUDGET_MS,
  );

  it(
    'agree on messages with one position deleted, replaced or retyped',
    () => {
      fc.assert(
        fc.property(mutatedArb, ({ mutated }) => {
          for (const part of parts(mutated)) {
            for (const [, compiled, runtime] of schemas) expectAgreement(compiled, runtime, part);
          }
        }),
        { numRuns: 300 },
      );
    },
    BUDGET_MS,
  );

  it(
    'agree on the quirks of real terminals',
    () => {
      fc.assert(
        fc.property(lenientQuirksArb, (message) => {
          for (const part of parts(message)) {
            for (const [, compiled, runtime] of schemas) expectAgreement(compiled, runtime, part);
          }
        }),
        { numRuns: 300 },
      );
    },
    BUDGET_MS,
  );

  it(
    'agree on arbitrary JSON',
    () => {
      fc.assert(
        fc.property(fc.jsonValue() as fc.Arbitrary<Json>, (value) => {
          for (const [, compiled, runtime] of schemas) expectAgreement(compiled, runtime, value);
        }),
        { numRuns: 500 },
      );
    },
    BUDGET_MS,
  );
});
