import { z } from 'zod';
import type { Open } from './enums';

/**
 * How a schema treats what the standard does not allow.
 * - `lenient` (decoding what a peer sent, DESIGN §5): unknown fields are kept, unknown code
 *   values are accepted as strings, `"true"`/`"false"` strings count as booleans, ServiceIDs
 *   longer than 10 characters pass (the codec warns).
 * - `strict` (encoding what the harness sends): only modelled fields, only known code values,
 *   real booleans, zoned date-times, amounts that fit their currency, nexo-mandatory fields.
 */
export type Mode = 'lenient' | 'strict';

/** The message shown for a field the strict model does not know. */
export const UNKNOWN_FIELD = 'unknown field: encoding sends only fields the nexo model knows';

const FLAG_TEXT = /^(true|false)$/i;

/**
 * Builders that give one schema definition both behaviours. Each returns the lenient static
 * type, so the decoded and the encoded model share one TypeScript type.
 */
export function schemaKit(mode: Mode) {
  const strict = mode === 'strict';
  // `catchall(never)` is how zod spells a strict object (it reports `unrecognized_keys`, which
  // the codec turns into UNKNOWN_FIELD at the key's path); `catchall(unknown)` a loose one.
  // Declaring it as ZodType<unknown> keeps one static type (with an index signature) for both.
  const rest: z.ZodType<unknown> = strict ? z.never() : z.unknown();

  return {
    mode,
    /** True when encoding: rules nexo states but real terminals break apply only then. */
    strict,

    /** An object of known fields; extra fields kept (lenient) or refused (strict). */
    obj<S extends z.core.$ZodLooseShape>(shape: S) {
      return z.object(shape).catchall(rest);
    },

    /** A nexo code list: known values only when strict, any string when lenient. */
    code<const T extends readonly [string, ...string[]]>(values: T): z.ZodType<Open<T[number]>> {
      return strict ? z.enum(values) : z.string();
    },

    /** A boolean; lenient also takes the strings real terminals send (`"true"`, `"False"`). */
    flag(): z.ZodType<boolean> {
      if (strict) return z.boolean();
      return z.union(
        [
          z.boolean(),
          z
            .string()
            .regex(FLAG_TEXT)
            .transform((text) => text.toLowerCase() === 'true'),
        ],
        { error: 'expected a boolean (or the string "true" or "false")' },
      );
    },

    /**
     * ServiceID and DeviceID. nexo says 1–10 characters, but both modes accept longer ids:
     * a terminal must echo the ServiceID its POS chose (the recorded Adyen requests use 12
     * characters), so refusing to encode it would make answering impossible. Decoding warns
     * about over-long ids; ids the harness originates come from the generator (1–10).
     */
    serviceId(): z.ZodType<string> {
      return z.string().min(1, 'must not be empty');
    },

    /** An ISO 8601 date-time; strict requires a zone (`Z` or `+hh:mm`), lenient any text. */
    dateTime(): z.ZodType<string> {
      return strict ? z.iso.datetime({ offset: true }) : z.string();
    },

    /** A wire amount: a JSON number; strict also requires it to be finite and not negative. */
    amount(): z.ZodType<number> {
      return strict ? z.number().nonnegative() : z.number();
    },

    /** An ISO 4217 alphabetic currency code (strict: three capital letters). */
    currency(): z.ZodType<string> {
      return strict
        ? z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR')
        : z.string();
    },
  };
}

/** The helpers returned by {@link schemaKit}. */
export type SchemaKit = ReturnType<typeof schemaKit>;

/** Adds a "missing required field" issue for each listed key that is absent. */
export function requireKeys(
  value: Readonly<Record<string, unknown>>,
  ctx: { addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string }): void },
  keys: readonly string[],
): void {
  for (const key of keys) {
    if (value[key] === undefined) {
      ctx.addIssue({ code: 'custom', path: [key], message: `missing required field ${key}` });
    }
  }
}
