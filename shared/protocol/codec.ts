import { err, ok, type Result } from '../result';
import { parseJsonText } from './json-depth';
import type { Envelope } from './envelope';
import { validateEnvelope, type ValidationError } from './validate';
import { collectWarnings } from './warnings';

/** A message that decoded, with what leniency let through. */
export interface Decoded {
  readonly envelope: Envelope;
  /** Deviations from the standard that were accepted (over-long ServiceID, unknown codes, ...). */
  readonly warnings: readonly string[];
}

/**
 * Why text is not a nexo message: `notJson` (not parseable), `notEnvelope` (JSON, but not a
 * SaleToPOIRequest/SaleToPOIResponse object), `invalid` (an envelope with a wrong field).
 * `path` is a JSONPath (`$` for the whole text); `header` is set when the MessageHeader itself
 * was valid.
 */
export interface DecodeError extends Omit<ValidationError, 'kind'> {
  readonly kind: 'notJson' | ValidationError['kind'];
}

/** Why an envelope may not be sent (strict rules); same shape as a decode error. */
export type EncodeError = ValidationError;

/**
 * Decodes one nexo message from its JSON text, leniently (DESIGN §5). Never throws: every
 * failure, including text that is not JSON or nests deeper than the budget, is a value.
 */
export function decode(text: string): Result<Decoded, DecodeError> {
  // Nesting past the budget is refused before a structure is built (README "Reliability and
  // limits"), like text that is not JSON at all.
  const value = parseJsonText(text);
  if (!value.ok)
    return err({ kind: 'notJson', path: '$', reason: `not JSON: ${value.error.message}` });
  return decodeValue(value.value);
}

/** {@link decode} for a value that is already parsed JSON (e.g. a trace line's payload). */
export function decodeValue(value: unknown): Result<Decoded, DecodeError> {
  const validated = validateEnvelope(value, 'lenient');
  if (!validated.ok) return validated;
  return ok(new LazyDecoded(validated.value.envelope, validated.value.notes));
}

/**
 * The warnings walk visits every node, and only a person reading a decode wants its result
 * (`a2a decode`); the client and the simulator read the envelope alone, so it runs on demand.
 * A class rather than an object literal with a getter: V8 makes such a literal slowly, and
 * every frame of both sides is decoded (README "Performance: last measured values").
 */
class LazyDecoded implements Decoded {
  private collected: readonly string[] | undefined;

  constructor(
    readonly envelope: Envelope,
    private readonly notes: readonly string[],
  ) {}

  get warnings(): readonly string[] {
    this.collected ??= [...collectWarnings(this.envelope), ...this.notes];
    return this.collected;
  }
}

/**
 * Encodes an envelope to JSON text after checking it against the strict model: only modelled
 * fields, known code values, real booleans, amounts that fit their currency. (ServiceIDs over
 * 10 characters pass so that a terminal can echo its POS's ids; see `schemaKit.serviceId`.)
 *
 * Returns a Result rather than throwing because the simulator's fault injection and scenario
 * files can legitimately produce envelopes the strict model refuses; callers that built the
 * envelope from typed constructors may use {@link encodeOrThrow}.
 */
export function encode(envelope: Envelope): Result<string, EncodeError> {
  const validated = validateEnvelope(envelope, 'strict');
  if (!validated.ok) return validated;
  return ok(JSON.stringify(validated.value.envelope));
}

/** Thrown by {@link encodeOrThrow}: a programming error in code that builds messages. */
export class EncodeFailure extends Error {
  constructor(readonly detail: EncodeError) {
    super(`cannot encode nexo message: ${detail.path}: ${detail.reason}`);
    this.name = 'EncodeFailure';
  }
}

/** {@link encode} for envelopes built by the typed constructors, where a failure is a bug. */
export function encodeOrThrow(envelope: Envelope): string {
  const encoded = encode(envelope);
  if (!encoded.ok) throw new EncodeFailure(encoded.error);
  return encoded.value;
}
