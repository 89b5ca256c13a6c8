import type { z } from 'zod';
import { err, ok, type Result } from '../result';
import { bodyKeyFor, isBodyKey, wrapperForType, type WrapperKey } from './body-keys';
import { isModelledBody, type Envelope, type MessageHeader } from './envelope';
import { formatJsonPath, isJsonObject, isMissingAt } from './json-path';
import { UNKNOWN_FIELD, type Mode } from './schema-kit';
import { compiledSchema } from './schemas';

/** Why a value is not an acceptable nexo message. */
export interface ValidationError {
  /** `notEnvelope`: not `{SaleToPOIRequest|SaleToPOIResponse: {...}}` at all; `invalid`: it is, but a field is wrong. */
  readonly kind: 'notEnvelope' | 'invalid';
  /** JSONPath of the offending value, e.g. `$.SaleToPOIRequest.MessageHeader.ServiceID`. */
  readonly path: string;
  readonly reason: string;
  /**
   * The MessageHeader when it was valid and a later part was not, so a terminal can still
   * answer Failure/MessageFormat to the right ServiceID.
   */
  readonly header?: MessageHeader;
}

/** A validated envelope and the notes about what leniency let through. */
export interface Validated {
  readonly envelope: Envelope;
  /** Messages that are not errors (e.g. an unmodelled body kept as is). */
  readonly notes: readonly string[];
}

const WRAPPERS = ['SaleToPOIRequest', 'SaleToPOIResponse'] as const satisfies readonly WrapperKey[];

/**
 * Checks that `value` is one nexo message and returns it in its normalised form (lenient:
 * string booleans become booleans). The order of checks makes the first error the useful one:
 * wrapper, header, header/wrapper agreement, body presence, body content, extra fields.
 */
export function validateEnvelope(value: unknown, mode: Mode): Result<Validated, ValidationError> {
  if (!isJsonObject(value)) {
    return err(notEnvelope([], 'expected an object with SaleToPOIRequest or SaleToPOIResponse'));
  }
  const hasRequest = Object.hasOwn(value, WRAPPERS[0]);
  const hasResponse = Object.hasOwn(value, WRAPPERS[1]);
  if (!hasRequest && !hasResponse) {
    return err(notEnvelope([], 'expected an object with SaleToPOIRequest or SaleToPOIResponse'));
  }
  const wrapper = hasRequest ? WRAPPERS[0] : WRAPPERS[1];
  if (hasRequest && hasResponse) {
    return err(notEnvelope([], 'has both SaleToPOIRequest and SaleToPOIResponse; expected one'));
  }
  const message = value[wrapper];
  if (!isJsonObject(message)) return err(notEnvelope([wrapper], 'expected an object'));
  if (mode === 'strict') {
    const extra = Object.keys(value).find((key) => key !== wrapper);
    if (extra !== undefined) return err(invalid([extra], UNKNOWN_FIELD));
  }

  const headerResult = parseAt(
    compiledSchema(mode, 'MessageHeader') as z.ZodType<MessageHeader>,
    message.MessageHeader,
    value,
    [wrapper, 'MessageHeader'],
  );
  if (!headerResult.ok) return headerResult;
  const header = headerResult.value;
  const fail = (segments: PropertyKey[], reason: string) =>
    err<ValidationError>({ ...invalid(segments, reason), header });

  const expectedWrapper = wrapperForType(header.MessageType);
  if (expectedWrapper !== undefined && expectedWrapper !== wrapper) {
    return fail(
      [wrapper, 'MessageHeader', 'MessageType'],
      `MessageType ${header.MessageType} travels in ${expectedWrapper}, not in ${wrapper}`,
    );
  }

  const bodyKey = bodyKeyFor(header.MessageCategory, header.MessageType);
  if (!Object.hasOwn(message, bodyKey)) {
    const otherBodies = Object.keys(message).filter((key) => isBodyKey(key));
    const found = otherBodies.length > 0 ? `; found ${otherBodies.join(', ')}` : '';
    return fail(
      [wrapper, bodyKey],
      `missing body ${bodyKey} (MessageCategory ${header.MessageCategory} with MessageType ${header.MessageType})${found}`,
    );
  }
  const second = secondBody(message, bodyKey);
  if (second !== undefined) {
    return fail(
      [wrapper, second],
      `a message carries one body; the MessageHeader names ${bodyKey}`,
    );
  }

  const notes: string[] = [];
  const rawBody = message[bodyKey];
  let body: unknown;
  if (isModelledBody(bodyKey)) {
    // Indexed by a union key the schema type is a union too; its output is checked by zod.
    const schema = compiledSchema(mode, bodyKey);
    const parsed = parseAt(schema, rawBody, value, [wrapper, bodyKey]);
    if (!parsed.ok) return err({ ...parsed.error, header });
    body = parsed.value;
  } else if (mode === 'strict') {
    return fail([wrapper, bodyKey], `${bodyKey} is not part of the nexo model the harness encodes`);
  } else {
    const kept = keepUnmodelled(rawBody, header.MessageType, mode, value, [wrapper, bodyKey]);
    if (!kept.ok) return err({ ...kept.error, header });
    body = kept.value;
    notes.push(`${formatJsonPath([wrapper, bodyKey])}: ${bodyKey} is not modelled; kept as sent`);
  }

  if (mode === 'strict') {
    const extra = Object.keys(message).find((key) => key !== 'MessageHeader' && key !== bodyKey);
    if (extra !== undefined) return fail([wrapper, extra], UNKNOWN_FIELD);
  }

  // Rebuilt in the sender's key order; fields beside header and body (SecurityTrailer) kept.
  const normalised: Record<string, unknown> = {};
  for (const key in message) {
    if (!Object.hasOwn(message, key)) continue;
    const item = key === 'MessageHeader' ? header : key === bodyKey ? body : message[key];
    // Parsed JSON may hold an own `__proto__` key: define it, as a copy does, never assign it.
    if (key === '__proto__') Object.defineProperty(normalised, key, ownField(item));
    else normalised[key] = item;
  }
  // Copied key by key rather than as `{ ...value, [wrapper]: normalised }`: on Node 20's V8 a
  // literal that opens with a spread costs microseconds, on every frame of both sides (README
  // "Performance: last measured values").
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = key === wrapper ? normalised : value[key];
    if (key === '__proto__') Object.defineProperty(copy, key, ownField(item));
    else copy[key] = item;
  }
  return ok({ envelope: copy as unknown as Envelope, notes });
}

/** The first key of `message` besides `bodyKey` that names a message body, if any. */
function secondBody(
  message: Readonly<Record<string, unknown>>,
  bodyKey: string,
): string | undefined {
  for (const key in message) {
    if (key !== bodyKey && Object.hasOwn(message, key) && isBodyKey(key)) return key;
  }
  return undefined;
}

/** A property as an object literal or `Object.fromEntries` would create it. */
function ownField(value: unknown): PropertyDescriptor {
  return { value, writable: true, enumerable: true, configurable: true };
}

/** An unmodelled body is kept as an object; a response still has to carry a valid Response. */
function keepUnmodelled(
  raw: unknown,
  type: string,
  mode: Mode,
  root: unknown,
  at: PropertyKey[],
): Result<Readonly<Record<string, unknown>>, ValidationError> {
  if (!isJsonObject(raw)) return err(invalid(at, 'expected an object'));
  if (type !== 'Response') return ok(raw);
  const response = parseAt(compiledSchema(mode, 'Response'), raw.Response, root, [
    ...at,
    'Response',
  ]);
  if (!response.ok) return response;
  return ok({ ...raw, Response: response.value });
}

/** Parses `input` (found at `at` inside `root`) and reports the first issue with its full path. */
function parseAt<T>(
  schema: z.ZodType<T>,
  input: unknown,
  root: unknown,
  at: PropertyKey[],
): Result<T, ValidationError> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const segments = [...at, ...(issue?.path ?? [])];
  // zod reports unknown keys on the object; the integrator wants the key's own path.
  if (issue?.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    return err(invalid([...segments, issue.keys[0]], UNKNOWN_FIELD));
  }
  const reason = isMissingAt(root, segments)
    ? `missing required field ${String(segments[segments.length - 1])}`
    : (issue?.message ?? 'invalid');
  return err(invalid(segments, reason));
}

function notEnvelope(segments: PropertyKey[], reason: string): ValidationError {
  return { kind: 'notEnvelope', path: formatJsonPath(segments), reason };
}

function invalid(segments: PropertyKey[], reason: string): ValidationError {
  return { kind: 'invalid', path: formatJsonPath(segments), reason };
}
