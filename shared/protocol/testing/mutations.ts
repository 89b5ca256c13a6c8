import fc from 'fast-check';
import type { Envelope } from '../envelope';
import { envelopeArb } from './arbitraries';

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every position inside a JSON value (the root excluded). */
export function positions(value: Json, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => [[...at, index], ...positions(item, [...at, index])]);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      [...at, key],
      ...positions(item, [...at, key]),
    ]);
  }
  return [];
}

export type Mutation = 'delete' | 'replace' | 'retype';

/** A copy of `root` with the value at `path` deleted, replaced, or turned into another type. */
export function mutate(
  root: Json,
  path: (string | number)[],
  mutation: Mutation,
  replacement: Json,
): Json {
  // A JSON copy: shared/ has neither the DOM's nor Node's structuredClone.
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  let parent: Json = copy;
  for (const segment of path.slice(0, -1))
    parent = (parent as Record<string | number, Json>)[segment] as Json;
  const last = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, Json> & Json[];
  const current = container[last] as Json;
  if (mutation === 'delete') {
    if (Array.isArray(container)) container.splice(last as number, 1);
    else delete container[last];
  } else if (mutation === 'replace') {
    container[last] = replacement;
  } else {
    container[last] =
      typeof current === 'string' ? 42 : typeof current === 'number' ? String(current) : 'x';
  }
  return copy;
}

/** A valid message and a copy with one position deleted, replaced or retyped. */
export const mutatedArb: fc.Arbitrary<{ original: Envelope; mutated: Json }> = envelopeArb.chain(
  (envelope) => {
    const json = JSON.parse(JSON.stringify(envelope)) as Json;
    const all = positions(json);
    return fc.record({
      original: fc.constant(envelope),
      mutated: fc
        .tuple(
          fc.integer({ min: 0, max: all.length - 1 }),
          fc.constantFrom<Mutation>('delete', 'replace', 'retype'),
          fc.jsonValue() as fc.Arbitrary<Json>,
        )
        .map(([index, mutation, replacement]) =>
          mutate(json, all[index] ?? [], mutation, replacement),
        ),
    });
  },
);
