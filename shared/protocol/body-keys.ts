import { MESSAGE_CATEGORIES } from './enums';

/**
 * Where a message keeps its body: the MessageHeader names it. `Payment` + `Request` is carried
 * under `PaymentRequest`, `Event` + `Notification` under `EventNotification`; the rule holds for
 * every nexo category, so an unmodelled or unknown category still finds its body.
 */
export function bodyKeyFor(category: string, type: string): string {
  return `${category}${type}`;
}

/** Envelope-level keys that are message bodies of some nexo category (modelled or not). */
const KNOWN_BODY_KEYS: ReadonlySet<string> = new Set([
  ...MESSAGE_CATEGORIES.flatMap((category) => [
    bodyKeyFor(category, 'Request'),
    bodyKeyFor(category, 'Response'),
  ]),
  'EventNotification',
]);

/** True when `key` names a nexo message body (used to spot a second body in one message). */
export function isBodyKey(key: string): boolean {
  return KNOWN_BODY_KEYS.has(key);
}

/** Wrapper of a message on the wire. */
export type WrapperKey = 'SaleToPOIRequest' | 'SaleToPOIResponse';

/**
 * The wrapper a MessageType travels in. Notifications travel as SaleToPOIRequest (nexo), and
 * an unknown MessageType has no rule (`undefined`).
 */
export function wrapperForType(type: string): WrapperKey | undefined {
  switch (type) {
    case 'Request':
    case 'Notification':
      return 'SaleToPOIRequest';
    case 'Response':
      return 'SaleToPOIResponse';
    default:
      return undefined;
  }
}
