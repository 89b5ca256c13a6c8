import {
  ERROR_CONDITIONS,
  EVENTS_TO_NOTIFY,
  MESSAGE_CATEGORIES,
  MESSAGE_CLASSES,
  MESSAGE_TYPES,
  RESULTS,
} from './enums';
import { formatJsonPath, isJsonObject } from './json-path';

/**
 * Code lists whose unknown values deserve a warning: they steer the request/response pattern,
 * so an integrator wants to know when a terminal strays from the standard.
 */
const WATCHED_CODES: Readonly<Record<string, readonly string[]>> = {
  MessageClass: MESSAGE_CLASSES,
  MessageCategory: MESSAGE_CATEGORIES,
  MessageType: MESSAGE_TYPES,
  Result: RESULTS,
  ErrorCondition: ERROR_CONDITIONS,
  EventToNotify: EVENTS_TO_NOTIFY,
};

const MAX_SERVICE_ID = 10;

/**
 * Lists what lenient decoding accepted but the standard does not allow: over-long ServiceIDs
 * and unknown values of the watched code lists. Walks without recursion, so a deeply nested
 * unknown field cannot exhaust the stack.
 */
export function collectWarnings(root: unknown): string[] {
  const warnings: string[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: PropertyKey[] };
    const children: { value: unknown; path: PropertyKey[] }[] = [];
    if (Array.isArray(value)) {
      value.forEach((item, index) => children.push({ value: item, path: [...path, index] }));
    } else if (isJsonObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        const at = [...path, key];
        if (typeof item === 'string') warnAbout(key, item, formatJsonPath(at), warnings);
        children.push({ value: item, path: at });
      }
    }
    // Reversed so that the stack pops children in document order.
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const child = children[i];
      if (child && typeof child.value === 'object' && child.value !== null) stack.push(child);
    }
  }
  return warnings;
}

function warnAbout(key: string, value: string, path: string, warnings: string[]): void {
  if ((key === 'ServiceID' || key === 'DeviceID') && value.length > MAX_SERVICE_ID) {
    warnings.push(
      `${path}: ${key} "${value}" has ${String(value.length)} characters; nexo allows 1–${String(MAX_SERVICE_ID)}`,
    );
  }
  const known = WATCHED_CODES[key];
  if (known && !known.includes(value)) {
    warnings.push(`${path}: ${key} "${value}" is not a standard nexo value (accepted)`);
  }
}
