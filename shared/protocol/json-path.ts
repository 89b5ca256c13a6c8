/** A position inside a JSON value, as a list of object keys and array indexes. */
export type JsonPathSegments = readonly PropertyKey[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats segments as a JSONPath an integrator can paste into a query tool:
 * `$.SaleToPOIRequest.MessageHeader.ServiceID`, `$.X.OutputText[3]`, `$["odd key"]`.
 */
export function formatJsonPath(segments: JsonPathSegments): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${String(segment)}]`;
    else if (typeof segment === 'symbol') path += `[${segment.toString()}]`;
    else if (IDENTIFIER.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** True when `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether the last segment of `segments` is absent from its parent in `root` while the parent
 * itself exists: the difference between "missing field" and "wrong type".
 */
export function isMissingAt(root: unknown, segments: JsonPathSegments): boolean {
  let parent: unknown = root;
  for (const segment of segments.slice(0, -1)) {
    if (typeof segment === 'symbol' || typeof parent !== 'object' || parent === null) return false;
    parent = (parent as Record<PropertyKey, unknown>)[segment];
  }
  const last = segments[segments.length - 1];
  if (last === undefined || typeof last === 'symbol') return false;
  return isJsonObject(parent) && !Object.hasOwn(parent, last);
}
