import { err, ok, type Result } from '../result';
import { MAX_JSON_DEPTH } from './limits';

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * The deepest bracket nesting of JSON text, counted on the text itself (brackets inside strings
 * do not count), stopping as soon as `limit` is passed. Runs in one pass without building
 * anything, so it is safe on hostile input of any depth; it does not check that the text is
 * valid JSON (the parser does that afterwards).
 *
 * @returns the depth reached, or `limit + 1` when the text goes deeper than `limit`
 */
export function jsonTextDepth(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Jump over the whole string: long values cost one search, not a loop turn per character.
      const end = closingQuote(text, i + 1);
      if (end === -1) return deepest;
      i = end;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return limit + 1;
      }
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth -= 1;
    }
  }
  return deepest;
}

/** The index of the quote that ends a string starting at `from`, or -1 when it never ends. */
function closingQuote(text: string, from: number): number {
  let at = text.indexOf('"', from);
  while (at !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}

/**
 * True when `text` holds at most `limit` opening brackets, counted anywhere (inside strings too):
 * then it cannot nest deeper than `limit`. A couple of native searches per line, several times
 * cheaper than {@link jsonTextDepth}'s walk, so ordinary frames and trace lines (a few dozen
 * brackets) skip that walk and only text with many brackets pays for the exact count.
 */
function fewBrackets(text: string, limit: number): boolean {
  let count = 0;
  for (let at = text.indexOf('{'); at !== -1; at = text.indexOf('{', at + 1))
    if (++count > limit) return false;
  for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1))
    if (++count > limit) return false;
  return true;
}

/** Why JSON text was not parsed: `tooDeep` before parsing, `syntax` from the parser. */
export interface JsonTextError {
  readonly kind: 'tooDeep' | 'syntax';
  readonly message: string;
}

/**
 * `JSON.parse` behind the nesting budget: text nested deeper than `maxDepth` is refused before
 * the parser builds a structure that a later `JSON.stringify`, clone or render could not
 * handle. Never throws.
 */
export function parseJsonText(
  text: string,
  maxDepth: number = MAX_JSON_DEPTH,
): Result<unknown, JsonTextError> {
  if (!fewBrackets(text, maxDepth) && jsonTextDepth(text, maxDepth) > maxDepth) {
    return err({
      kind: 'tooDeep',
      message: `nested deeper than ${String(maxDepth)} levels`,
    });
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    return err({
      kind: 'syntax',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * {@link parseJsonText} for a frame whose JSON value its sender handed over with the text (an
 * in-memory link): the same nesting budget, checked on the value, and no second parse.
 */
export function checkJsonValue(
  value: unknown,
  maxDepth: number = MAX_JSON_DEPTH,
): Result<unknown, JsonTextError> {
  if (valueDepth(value, maxDepth) > maxDepth) {
    return err({
      kind: 'tooDeep',
      message: `nested deeper than ${String(maxDepth)} levels`,
    });
  }
  return ok(value);
}

/**
 * The nesting depth of a value that is already built (a structured-clone payload, an object
 * from another module), measured without recursion and stopping past `limit`.
 *
 * @returns the depth reached, or `limit + 1` when the value goes deeper than `limit`
 */
export function valueDepth(value: unknown, limit: number = MAX_JSON_DEPTH): number {
  let deepest = 0;
  // Two parallel stacks rather than a record per node: this runs on every event the harness
  // stamps, so it allocates nothing per value.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  // A cycle (impossible in parsed JSON) just keeps getting deeper, so the limit ends it too.
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop() ?? 0;
    if (typeof current !== 'object' || current === null) continue;
    const next = depth + 1;
    if (next > deepest) {
      deepest = next;
      if (deepest > limit) return limit + 1;
    }
    for (const key in current) {
      const child = (current as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(next);
      }
    }
  }
  return deepest;
}
