import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutate, positions, type Json, type Mutation } from '@shared/protocol/testing/mutations';
import { compiledScenario } from '@shared/scenario/parse';
import { Scenario } from '@shared/scenario/schema';
import { generateSchedule, scheduleInput } from './fuzz-schedule';

const folder = resolve(import.meta.dirname, '../../../resources/scenarios');
const packs = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as Json);

/** Scenario inputs as the fuzzer generates them and as the built-in packs write them. */
const inputArb: fc.Arbitrary<Json> = fc.oneof(
  fc
    .integer({ min: 1, max: 2 ** 31 })
    .map((seed) => JSON.parse(JSON.stringify(scheduleInput(generateSchedule(seed)))) as Json),
  fc.constantFrom(...packs),
);

/** One of those with a position deleted, replaced or retyped. */
const mutatedArb = inputArb.chain((input) => {
  const all = positions(input);
  return fc
    .tuple(
      fc.integer({ min: 0, max: all.length - 1 }),
      fc.constantFrom<Mutation>('delete', 'replace', 'retype'),
      fc.jsonValue() as fc.Arbitrary<Json>,
    )
    .map(([index, mutation, replacement]) =>
      mutate(input, all[index] ?? [], mutation, replacement),
    );
});

/** Generated scenarios against both parsers: a budget for a loaded CI machine, not a timing. */
const BUDGET_MS = 60_000;

function expectAgreement(input: Json) {
  const fast = compiledScenario().safeParse(input);
  const slow = Scenario.safeParse(input);
  expect(fast.success).toBe(slow.success);
  if (fast.success && slow.success) {
    expect(fast.data).toStrictEqual(slow.data);
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(slow.data));
  } else {
    expect(fast.error?.issues).toStrictEqual(slow.error?.issues);
  }
}

describe('the compiled scenario schema', () => {
  it(
    'agrees with the runtime schema on generated and built-in scenarios',
    () => {
      fc.assert(fc.property(inputArb, expectAgreement), { numRuns: 200 });
    },
    BUDGET_MS,
  );

  it(
    'agrees with the runtime schema on scenarios with one position broken',
    () => {
      fc.assert(fc.property(mutatedArb, expectAgreement), { numRuns: 500 });
    },
    BUDGET_MS,
  );
});
