import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventBody, TraceEvent } from './events';
import { BODY_FIELDS, readEventFast } from './fast-event';
import { parseTrace } from './reader';

const HEADER = JSON.stringify({
  format: 'a2a-trace',
  version: 1,
  harnessVersion: '0.1.0',
  createdAt: '2026-01-01T00:00:00.000Z',
  role: 'cli',
  profile: 'app2app',
  policy: {},
  masked: true,
});

const STAMP = { seq: 3, t: 12.5, at: '2026-01-01T00:00:00.012Z' } as const;

/** One event of every kind with every optional field present (nested ones too). */
const FULL: readonly Record<string, unknown>[] = [
  {
    ...STAMP,
    kind: 'message',
    observer: 'pos',
    direction: 'toPoi',
    link: 'L1',
    wire: 'tcp',
    json: { SaleToPOIRequest: { MessageHeader: { ServiceID: '1' } } },
    text: 'raw',
    leg: 'pos',
    proxied: 'forwarded',
    http: { method: 'GET', resource: '/payment', status: 206 },
    encrypted: true,
  },
  { ...STAMP, kind: 'session', from: 'linked', to: 'loggingIn', reason: 'start', link: 'L1' },
  {
    ...STAMP,
    kind: 'fault',
    name: 'approveThenDrop',
    phase: 'hit',
    args: { count: 3, nested: { a: [1] } },
    hit: { link: 'L1', category: 'Payment', serviceId: '7' },
    note: 'response dropped',
  },
  { ...STAMP, kind: 'timeout', category: 'Payment', serviceId: '7', afterMs: 3000, op: 'op-2' },
  {
    ...STAMP,
    kind: 'retry',
    category: 'Login',
    serviceId: '9',
    previousServiceId: '8',
    attempt: 2,
    reason: 'busy',
    op: 'op-1',
  },
  {
    ...STAMP,
    kind: 'op',
    op: 'op-2',
    name: 'pay',
    phase: 'ok',
    outcome: 'recovered',
    detail: { amountMinor: 1250 },
  },
  {
    ...STAMP,
    kind: 'lifecycle',
    from: 'stopped',
    to: 'initialising',
    reason: 'start',
    version: '1.0.0',
  },
  {
    ...STAMP,
    kind: 'link',
    observer: 'poi',
    link: 'L1',
    wire: 'tcp',
    change: 'closed',
    code: 1008,
    abrupt: true,
    reason: 'peer not reading',
  },
  {
    ...STAMP,
    kind: 'poiSession',
    link: 'L1',
    change: 'ignored',
    reason: 'noSession',
    saleId: 'S',
    serviceId: '7',
    category: 'Payment',
  },
  {
    ...STAMP,
    kind: 'ledger',
    change: 'recorded',
    entry: {
      saleId: 'S',
      saleTransactionId: 'T1',
      poiTransactionId: 'P1',
      serviceId: '7',
      amountMinor: 1250,
      authorisedMinor: 1250,
      currency: 'EUR',
      result: 'approved',
      errorCondition: 'Refusal',
      reversed: false,
      at: '2026-01-01T00:00:01.000Z',
    },
  },
  {
    ...STAMP,
    kind: 'security',
    observer: 'poi',
    link: 'https-1',
    wire: 'terminal-api',
    reason: 'bad-hmac',
    detail: 'the Hmac does not match the decrypted message',
    saleId: 'POS-1',
    serviceId: '7',
    category: 'Payment',
  },
];

type KeyPath = readonly [string] | readonly [string, string];

/** The keys of a sample to change, nested ones (a fault's `hit`, a ledger `entry`) included. */
function keyPaths(event: Readonly<Record<string, unknown>>): KeyPath[] {
  return Object.entries(event).flatMap(([key, value]): KeyPath[] =>
    key === 'hit' || key === 'entry'
      ? [[key], [key, 'extra'], ...Object.keys(value as object).map((k): KeyPath => [key, k])]
      : [[key]],
  );
}

/** Every key path the schema knows (objects inside optional fields included), e.g. `hit.link`. */
function schemaPaths(shape: Readonly<Record<string, z.ZodType>>, prefix = ''): string[] {
  return Object.entries(shape).flatMap(([key, schema]) => {
    const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
    const path = `${prefix}${key}`;
    return inner instanceof z.ZodObject ? [path, ...schemaPaths(inner.shape, `${path}.`)] : [path];
  });
}

function valuePaths(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = `${prefix}${key}`;
    // Records (args, detail) and free JSON hold whatever keys they like: not part of the schema.
    const schemaObject = ['hit', 'entry', 'http'].includes(key) && typeof inner === 'object';
    return schemaObject
      ? [path, ...valuePaths(inner as Record<string, unknown>, `${path}.`)]
      : [path];
  });
}

/** What zod makes of a value, as text (key order included), or undefined when it refuses it. */
function viaZod(value: unknown): string | undefined {
  const parsed = TraceEvent.safeParse(value);
  return parsed.success ? JSON.stringify(parsed.data) : undefined;
}

describe('readEventFast', () => {
  it('lists the fields of every kind in the schema’s order', () => {
    for (const option of EventBody.options) {
      const [kind, ...keys] = Object.keys(option.shape);
      expect(kind).toBe('kind');
      expect(BODY_FIELDS[option.shape.kind.value].map(([key]) => key)).toEqual(keys);
    }
  });

  it('covers every field of the schema in its samples, nested ones included', () => {
    for (const option of EventBody.options) {
      const sample = FULL.find((event) => event.kind === option.shape.kind.value);
      expect(sample, option.shape.kind.value).toBeDefined();
      const { seq: _seq, t: _t, at: _at, ...body } = sample!;
      expect(valuePaths(body).sort()).toEqual(
        schemaPaths(option.shape as Record<string, z.ZodType>).sort(),
      );
    }
  });

  it('takes a full event of every kind as it is, equal to what zod returns', () => {
    for (const event of FULL) {
      expect(readEventFast(event), String(event.kind)).toBe(event);
      expect(JSON.stringify(event)).toBe(viaZod(event));
    }
  });

  it('leaves to zod a line with unknown keys or keys out of order (zod drops or moves them)', () => {
    const ordered = { seq: 1, t: 0, at: 'x', kind: 'session', from: 'a', to: 'b', reason: 'r' };
    expect(readEventFast(ordered)).toBe(ordered);
    const extra = { ...ordered, extra: 1 };
    const shuffled = { kind: 'session', reason: 'r', to: 'b', from: 'a', at: 'x', t: 0, seq: 1 };
    const nestedExtra = { ...FULL[2], hit: { serviceId: '7', link: 'L1' } };
    for (const event of [extra, shuffled, nestedExtra]) {
      expect(viaZod(event)).toBeDefined();
      expect(readEventFast(event)).toBeUndefined();
    }
    // What the reader then returns is zod's: the keys in schema order, the unknown one gone.
    const parsed = parseTrace(`${HEADER}\n${JSON.stringify({ ...shuffled, extra: 1 })}\n`);
    expect(parsed.ok && JSON.stringify(parsed.value.events[0])).toBe(JSON.stringify(ordered));
  });

  it('leaves to zod what zod refuses', () => {
    const refused: readonly Record<string, unknown>[] = [
      { ...FULL[1], seq: 0 },
      { ...FULL[1], seq: 1.5 },
      { ...FULL[1], t: -1 },
      { ...FULL[1], t: Infinity },
      { ...FULL[4], attempt: 2 ** 53 },
      { ...FULL[0], direction: 'sideways' },
      { ...FULL[0], text: null },
      { ...FULL[5], detail: [1, 2] },
      { ...FULL[9], entry: { ...(FULL[9]!.entry as object), reversed: 'false' } },
      { ...FULL[1], kind: 'weather' },
    ];
    for (const event of refused) {
      expect(viaZod(event)).toBeUndefined();
      expect(readEventFast(event)).toBeUndefined();
    }
  });

  it('never accepts what zod refuses, and never differs from zod when it accepts', () => {
    const mutated = fc
      .constantFrom(...FULL)
      .chain((event) =>
        fc.record({
          event: fc.constant(event),
          changes: fc.array(
            fc.record({
              path: fc.constantFrom<KeyPath>(...keyPaths(event), ['extra']),
              drop: fc.boolean(),
              to: fc.jsonValue(),
            }),
            { maxLength: 3 },
          ),
        }),
      )
      .map(({ event, changes }) => {
        const value: Record<string, unknown> = { ...event };
        for (const { path, drop, to } of changes) {
          const [outer, inner] = path;
          const target =
            inner === undefined ? value : { ...(value[outer] as Record<string, unknown>) };
          const key = inner ?? outer;
          // Assigning an existing key keeps its place; a new one goes last.
          if (drop) delete target[key];
          else target[key] = to;
          if (inner !== undefined && typeof value[outer] === 'object') value[outer] = target;
        }
        // As a trace line arrives: through JSON (no undefined, -0 becomes 0).
        return JSON.parse(JSON.stringify(value)) as unknown;
      });
    fc.assert(
      fc.property(mutated, (value) => {
        const fast = readEventFast(value);
        if (fast !== undefined) {
          expect(fast).toBe(value);
          expect(JSON.stringify(fast)).toBe(viaZod(value));
        }
        if (viaZod(value) === undefined) expect(fast).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
