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
 * so an integrator wants to know when a terminal strays from the standard. A Map of Sets, not
 * an object of arrays: a field named `constructor` or `toString` must not find an inherited
 * member, and the lookup runs for every string in every decoded message.
 */
const WATCHED_CODES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['MessageClass', new Set<string>(MESSAGE_CLASSES)],
  ['MessageCategory', new Set<string>(MESSAGE_CATEGORIES)],
  ['MessageType', new Set<string>(MESSAGE_TYPES)],
  ['Result', new Set<string>(RESULTS)],
  ['ErrorCondition', new Set<string>(ERROR_CONDITIONS)],
  ['EventToNotify', new Set<string>(EVENTS_TO_NOTIFY)],
]);

const MAX_SERVICE_ID = 10;

/**
 * Where a value sits, as a chain from the value up to the root. Decoding walks every node of
 * every message while warnings are rare, so the path is only spelled out (as segments, then
 * as a JSONPath) when a warning needs it.
 */
interface PathLink {
  readonly parent: PathLink | undefined;
  readonly segment: PropertyKey;
}

interface Pending {
  readonly value: object;
  readonly at: PathLink | undefined;
}

/**
 * Lists what lenient decoding accepted but the standard does not allow: over-long ServiceIDs
 * and unknown values of the watched code lists. Walks without recursion, so a deeply nested
 * unknown field cannot exhaust the stack. Order: depth first in document order; within an
 * object, its own string fields before anything nested in it.
 */
export function collectWarnings(root: unknown): string[] {
  const warnings: string[] = [];
  if (typeof root !== 'object' || root === null) return warnings;
  const stack: Pending[] = [{ value: root, at: undefined }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, at } = next;
    const firstChild = stack.length;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        if (typeof item === 'object' && item !== null) {
          stack.push({ value: item, at: { parent: at, segment: index } });
        }
      });
    } else if (isJsonObject(value)) {
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (typeof item === 'string') warnAbout(key, item, at, warnings);
        else if (typeof item === 'object' && item !== null) {
          stack.push({ value: item, at: { parent: at, segment: key } });
        }
      }
    }
    // Children were pushed in document order; reversed so that the stack pops them that way.
    reverseFrom(stack, firstChild);
  }
  return warnings;
}

function warnAbout(
  key: string,
  value: string,
  parent: PathLink | undefined,
  warnings: string[],
): void {
  if ((key === 'ServiceID' || key === 'DeviceID') && value.length > MAX_SERVICE_ID) {
    warnings.push(
      `${pathOf(parent, key)}: ${key} "${value}" has ${String(value.length)} characters; nexo allows 1–${String(MAX_SERVICE_ID)}`,
    );
  }
  const known = WATCHED_CODES.get(key);
  if (known && !known.has(value)) {
    warnings.push(
      `${pathOf(parent, key)}: ${key} "${value}" is not a standard nexo value (accepted)`,
    );
  }
}

function pathOf(parent: PathLink | undefined, key: string): string {
  const segments: PropertyKey[] = [key];
  for (let link = parent; link !== undefined; link = link.parent) segments.push(link.segment);
  return formatJsonPath(segments.reverse());
}

function reverseFrom<T>(items: T[], start: number): void {
  for (let i = start, j = items.length - 1; i < j; i += 1, j -= 1) {
    const item = items[i] as T;
    items[i] = items[j] as T;
    items[j] = item;
  }
}
