import type { KnownErrorCondition } from '@shared/protocol/enums';

/**
 * How the window says a nexo ErrorCondition; the code itself follows in brackets where it is
 * shown, since integrators search logs for it. `satisfies` keeps every standard value covered;
 * a terminal's own value shows as it is.
 */
const ERROR_CONDITION_WORDS = {
  Aborted: 'aborted',
  Busy: 'busy',
  Cancel: 'cancelled',
  DeviceOut: 'device out of order',
  InProgress: 'still in progress',
  InsertedCard: 'card left in the reader',
  InvalidCard: 'invalid card',
  LoggedOut: 'no session (logged out)',
  MessageFormat: 'invalid message',
  NotAllowed: 'not allowed',
  NotFound: 'not found',
  PaymentRestriction: 'payment restriction',
  Refusal: 'refused',
  UnavailableDevice: 'device unavailable',
  UnavailableService: 'service unavailable',
  UnreachableHost: 'host unreachable',
  WrongPIN: 'wrong PIN',
} as const satisfies Record<KnownErrorCondition, string>;

/** "refused" for Refusal; an unknown code as it is. */
export function errorConditionWords(code: string): string {
  return Object.hasOwn(ERROR_CONDITION_WORDS, code)
    ? ERROR_CONDITION_WORDS[code as KnownErrorCondition]
    : code;
}

/**
 * The refusal reason a terminal put in AdditionalResponse (`key=value&...`), in words:
 * `refusalReason=210 Not enough balance` → "not enough balance", else `message=NOT_ENOUGH_BALANCE`
 * → "not enough balance"; undefined when it says neither.
 */
export function refusalReasonWords(additionalResponse: string | undefined): string | undefined {
  if (additionalResponse === undefined) return undefined;
  // Free text (no key=value pairs) is the reason as the terminal wrote it.
  if (!additionalResponse.includes('=')) return additionalResponse.trim() || undefined;
  const fields = new Map<string, string>();
  for (const part of additionalResponse.split('&')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at), part.slice(at + 1));
  }
  const reason = fields.get('refusalReason')?.replace(/^\d+\s*/, '');
  const message = fields.get('message')?.replace(/_/g, ' ');
  const words = (reason ?? message)?.trim();
  return words === undefined || words === '' ? undefined : words.toLowerCase();
}

/**
 * Why something was declined: "not enough balance (Refusal)", "refused (Refusal)", or the
 * reason alone when there is no code.
 */
export function declineWords(
  errorCondition: string | undefined,
  additionalResponse?: string,
): string {
  const reason = refusalReasonWords(additionalResponse);
  if (errorCondition === undefined) return reason ?? 'no reason given';
  const words = reason ?? errorConditionWords(errorCondition);
  // A terminal's own code with no words for it is said once.
  return words === errorCondition ? errorCondition : `${words} (${errorCondition})`;
}
