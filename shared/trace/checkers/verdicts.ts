import type { CheckerName, Verdict } from './types';

/** Sorted, de-duplicated seqs, so every verdict lists its evidence the same way. */
export function seqs(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** A passing verdict. */
export function passed(
  checker: CheckerName,
  message: string,
  events: Iterable<number> = [],
): Verdict {
  return { checker, pass: true, message, events: seqs(events) };
}

/**
 * A failing verdict naming its evidence; `focus` is the event it is about when that is not the
 * earliest piece of evidence (the offending request after the link that opened the episode).
 */
export function failed(
  checker: CheckerName,
  message: string,
  events: Iterable<number>,
  focus?: number,
): Verdict {
  const sorted = seqs(events);
  return focus === undefined || focus === sorted[0]
    ? { checker, pass: false, message, events: sorted }
    : { checker, pass: false, message, events: sorted, focus };
}

/**
 * The verdicts of a checker that collected `violations`: them when there are any, otherwise one
 * passing verdict with `passMessage`.
 */
export function judge(
  checker: CheckerName,
  violations: readonly Verdict[],
  passMessage: string,
  evidence: Iterable<number> = [],
): Verdict[] {
  return violations.length > 0 ? [...violations] : [passed(checker, passMessage, evidence)];
}

/** "1 request" / "3 requests". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** How many items a verdict's text names before it counts the rest. */
export const SHOWN_IN_TEXT = 5;

/**
 * "a, b, c, d, e, …(+2849)": the first few items named, the rest counted, so a verdict's text
 * stays one readable line however long the trace (the verdict's `events` still list them all).
 */
export function listed<T>(
  items: readonly T[],
  name: (item: T) => string,
  separator = ', ',
): string {
  const shown = items.slice(0, SHOWN_IN_TEXT).map(name);
  if (items.length > SHOWN_IN_TEXT) shown.push(`…(+${items.length - SHOWN_IN_TEXT})`);
  return shown.join(separator);
}
