import { valueDepth } from '../protocol/json-depth';
import { MAX_JSON_DEPTH } from '../protocol/limits';

/**
 * The nesting an event may have: a payload within the JSON budget plus the event object and
 * the field that holds it.
 */
const MAX_EVENT_DEPTH = MAX_JSON_DEPTH + 2;

/** `JSON.stringify` that answers `undefined` instead of throwing. */
export function trySerialise(value: unknown): string | undefined {
  try {
    const text = JSON.stringify(value);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Why {@link trySerialise} failed on a value, in words for a placeholder. */
export function whyNotSerialisable(value: unknown): string {
  if (valueDepth(value, MAX_EVENT_DEPTH) > MAX_EVENT_DEPTH)
    return `nested deeper than ${String(MAX_JSON_DEPTH)} levels`;
  try {
    JSON.stringify(value);
    return 'not JSON';
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/**
 * What is left of an event that cannot be written out: its scalar fields and every field that
 * serialises on its own, plus a `text` naming the reason (a `message` keeps its direction and
 * link, so the timeline still shows a row where the frame was). The stamp is kept, so a trace
 * never has a gap.
 */
export function placeholderEvent<E extends object>(event: E, reason: string): E {
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(event)) {
    if (typeof field !== 'object' || field === null) kept[key] = field;
    else if (
      valueDepth(field, MAX_JSON_DEPTH) <= MAX_JSON_DEPTH &&
      trySerialise(field) !== undefined
    )
      kept[key] = field;
  }
  if (kept.kind === 'message') {
    delete kept.json;
    kept.text = `[event not recorded: ${reason}]`;
  }
  return kept as E;
}

/**
 * The event itself when it can be serialised, otherwise its {@link placeholderEvent}. Checks
 * nesting with a walk that cannot overflow, so a hostile value never reaches `JSON.stringify`.
 */
export function serialisableEvent<E extends object>(event: E): E {
  if (valueDepth(event, MAX_EVENT_DEPTH) > MAX_EVENT_DEPTH)
    return placeholderEvent(event, `nested deeper than ${String(MAX_JSON_DEPTH)} levels`);
  return event;
}

/**
 * `JSON.stringify` of one event that never throws: an event that cannot be serialised becomes
 * its placeholder (with the reason) instead of an exception or a missing line.
 */
export function stringifyEvent(event: object): string {
  const text = trySerialise(event);
  if (text !== undefined) return text;
  return JSON.stringify(placeholderEvent(event, whyNotSerialisable(event)));
}
