import { WIRES } from '../link/endpoint';
import type { EventKind, TraceEvent } from './events';

/**
 * A hand-written check for trace events, for files of 100,000 lines. zod builds a new object per
 * event (schema key order, unknown keys dropped, records copied); a line the recorder wrote is
 * already that object, so this check accepts a parsed line as it is when it holds exactly what
 * the schema accepts, in the schema's key order, and nothing else. Anything else yields
 * `undefined` and the caller asks zod, which decides and words the error. Its tests prove
 * "accepted here ⇒ zod returns an equal object with the same key order", and that its field
 * lists follow the schema.
 */

/** A test of one field's value, true when zod would accept it. */
type Check = (value: unknown) => boolean;

/** One field: its key, its check, and whether it may be absent. */
type Field = readonly [key: string, check: Check, optional: boolean];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const string: Check = (v) => typeof v === 'string';
const boolean: Check = (v) => typeof v === 'boolean';
// zod 4 numbers are finite (JSON.parse turns 1e999 into Infinity); `.int()` means a safe integer.
const number: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const int: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v);
const unknownValue: Check = () => true;

function oneOf(...values: readonly string[]): Check {
  const allowed = new Set(values);
  return (v) => typeof v === 'string' && allowed.has(v);
}

/** `z.record(z.string(), z.unknown())`: zod copies it key by key, so a plain object is equal. */
const record: Check = (v) => isRecord(v) && !Object.prototype.hasOwnProperty.call(v, '__proto__');

/**
 * True when `value` has the `fields` (each optional one may be absent) in their order and no
 * other key: then zod's output for it is an equal object with the same key order.
 */
function matches(value: Record<string, unknown>, fields: readonly Field[]): boolean {
  let next = 0;
  for (const key of Object.keys(value)) {
    // Skip the optional fields this value does not have; a required one missing ends the match.
    while (next < fields.length && fields[next]![0] !== key) {
      if (!fields[next]![2]) return false;
      next += 1;
    }
    const field = fields[next];
    // An unknown key, or a known one out of order: zod would drop or move it.
    if (field === undefined || !field[1](value[key])) return false;
    next += 1;
  }
  for (; next < fields.length; next++) if (!fields[next]![2]) return false;
  return true;
}

function object(fields: readonly Field[]): Check {
  return (v) => isRecord(v) && matches(v, fields);
}

const req = (key: string, check: Check): Field => [key, check, false];
const opt = (key: string, check: Check): Field => [key, check, true];

const observer = oneOf('pos', 'poi');
const wire = oneOf(...WIRES);

/** The fields of each event kind after `kind`, in the schema's order (see `events.ts`). */
export const BODY_FIELDS: { readonly [K in EventKind]: readonly Field[] } = {
  message: [
    req('observer', observer),
    req('direction', oneOf('toPoi', 'toPos')),
    req('link', string),
    opt('wire', wire),
    opt('json', unknownValue),
    opt('text', string),
    opt('leg', oneOf('pos', 'terminal')),
    opt('proxied', oneOf('forwarded', 'dropped', 'synthesised', 'swallowed')),
    opt('http', object([req('method', string), req('resource', string), opt('status', int)])),
    opt('encrypted', boolean),
  ],
  session: [req('from', string), req('to', string), req('reason', string), opt('link', string)],
  fault: [
    req('name', string),
    req('phase', oneOf('armed', 'hit', 'applied', 'disarmed')),
    opt('args', record),
    opt('hit', object([opt('link', string), opt('category', string), opt('serviceId', string)])),
    opt('note', string),
  ],
  timeout: [
    req('category', string),
    req('serviceId', string),
    req('afterMs', number),
    opt('op', string),
  ],
  retry: [
    req('category', string),
    req('serviceId', string),
    req('previousServiceId', string),
    req('attempt', int),
    req('reason', string),
    opt('op', string),
  ],
  op: [
    req('op', string),
    req('name', string),
    req('phase', oneOf('invoke', 'ok', 'fail', 'info')),
    opt('outcome', string),
    opt('detail', record),
  ],
  lifecycle: [
    req('from', string),
    req('to', string),
    req('reason', string),
    req('version', string),
  ],
  link: [
    req('observer', observer),
    req('link', string),
    opt('wire', wire),
    req('change', oneOf('opened', 'closed')),
    opt('code', int),
    opt('abrupt', boolean),
    opt('reason', string),
  ],
  security: [
    req('observer', observer),
    opt('link', string),
    opt('wire', wire),
    req('reason', string),
    req('detail', string),
    opt('saleId', string),
    opt('serviceId', string),
    opt('category', string),
  ],
  poiSession: [
    req('link', string),
    req('change', oneOf('opened', 'closed', 'ignored')),
    req('reason', string),
    opt('saleId', string),
    opt('serviceId', string),
    opt('category', string),
  ],
  ledger: [
    req('change', oneOf('recorded', 'reversed')),
    req(
      'entry',
      object([
        req('saleId', string),
        req('saleTransactionId', string),
        req('poiTransactionId', string),
        req('serviceId', string),
        req('amountMinor', int),
        req('authorisedMinor', int),
        req('currency', string),
        req('result', oneOf('approved', 'partial', 'declined')),
        opt('errorCondition', string),
        req('reversed', boolean),
        req('at', string),
      ]),
    ),
  ],
};

const STAMP_FIELDS: readonly Field[] = [
  req('seq', (v) => int(v) && (v as number) > 0),
  req('t', (v) => number(v) && (v as number) >= 0),
  req('at', string),
];

const EVENT_FIELDS: ReadonlyMap<string, readonly Field[]> = new Map(
  (Object.keys(BODY_FIELDS) as EventKind[]).map((kind) => [
    kind,
    [...STAMP_FIELDS, req('kind', unknownValue), ...BODY_FIELDS[kind]],
  ]),
);

/**
 * Takes one parsed JSON line as a trace event without zod, or returns `undefined` when zod must
 * decide (the value is invalid, or differs from zod's output in keys or key order).
 *
 * @param value - one line of a trace, already `JSON.parse`d
 * @returns `value` itself, typed, when `TraceEvent.parse` would return an equal object
 */
export function readEventFast(value: unknown): TraceEvent | undefined {
  if (!isRecord(value) || typeof value.kind !== 'string') return undefined;
  const fields = EVENT_FIELDS.get(value.kind);
  // The field tables mirror the schema (their tests hold them to it), so this is a TraceEvent.
  return fields !== undefined && matches(value, fields) ? (value as TraceEvent) : undefined;
}
