import type { z } from 'zod';
import { err, ok, type Result } from '../result';
import { EventBody, TraceEvent, TraceHeader } from './events';
import { readEventFast } from './fast-event';
import { TRACE_FORMAT, TRACE_VERSION } from './format';

/** Why a trace could not be read, and on which 1-based line. */
export interface TraceError {
  readonly kind: 'corrupt';
  readonly line: number;
  readonly reason: string;
}

/** Something the reader tolerated (a torn last line, a blank line), with its 1-based line. */
export interface TraceWarning {
  readonly line: number;
  readonly reason: string;
}

/** A trace as read: its header, its events in order, and what was tolerated on the way. */
export interface ParsedTrace {
  readonly header: TraceHeader;
  readonly events: readonly TraceEvent[];
  readonly warnings: readonly TraceWarning[];
}

/** `line 7: seq gap: expected 6, found 8` — for one-line CLI errors and UI messages. */
export function describeTraceError(error: TraceError): string {
  return `line ${error.line}: ${error.reason}`;
}

const KNOWN_KINDS: ReadonlySet<string> = new Set(EventBody.options.map((o) => o.shape.kind.value));

/**
 * Parses a JSON Lines trace. A torn last line (no newline after it and not valid JSON: what a
 * crash in the middle of a write leaves) is dropped with a warning, because the recorder's
 * contract is "a crash loses at most the last batch". Anything else that is wrong — text that is
 * not JSON, a schema mismatch, a gap or reordering in `seq`, time going backwards, an unknown
 * format or version — is an error naming the line, because a silently repaired trace would let
 * a checker judge a story that did not happen.
 */
export function parseTrace(text: string): Result<ParsedTrace, TraceError> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  // A complete file ends with a newline, which leaves one empty segment after it.
  const complete = lines[lines.length - 1] === '';
  if (complete) lines.pop();
  const warnings: TraceWarning[] = [];
  const lastIndex = lines.length - 1;

  const headerText = stripCr(lines[0] ?? '');
  if (lines.length === 0 || headerText.trim() === '') {
    return corrupt(1, 'empty trace: the header line is missing');
  }
  const headerJson = parseJson(headerText);
  if (!headerJson.ok) {
    const torn = !complete && lastIndex === 0;
    return corrupt(
      1,
      torn ? 'the header line is incomplete' : `header is not JSON (${headerJson.error})`,
    );
  }
  const header = readHeader(headerJson.value);
  if (!header.ok) return corrupt(1, header.error);

  const events: TraceEvent[] = [];
  let previous: TraceEvent | undefined;
  for (let index = 1; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = stripCr(lines[index] ?? '');
    if (line.trim() === '') {
      warnings.push({ line: lineNo, reason: 'blank line skipped' });
      continue;
    }
    const json = parseJson(line);
    if (!json.ok) {
      if (!complete && index === lastIndex) {
        warnings.push({ line: lineNo, reason: 'torn last line dropped (incomplete write)' });
        break;
      }
      return corrupt(lineNo, `not JSON (${json.error})`);
    }
    const event = readEvent(json.value);
    if (!event.ok) return corrupt(lineNo, event.error);
    const order = checkOrder(previous, event.value);
    if (order !== undefined) return corrupt(lineNo, order);
    events.push(event.value);
    previous = event.value;
  }
  return ok({ header: header.value, events, warnings });
}

function corrupt(line: number, reason: string): Result<never, TraceError> {
  return err({ kind: 'corrupt', line, reason });
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function parseJson(line: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(line) as unknown);
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readHeader(value: unknown): Result<TraceHeader, string> {
  if (!isRecord(value)) return err('header is not a JSON object');
  // Format and version first: a foreign file deserves that answer, not a list of missing fields.
  if (value.format !== TRACE_FORMAT) {
    return err(`not an a2a trace (format ${JSON.stringify(value.format) ?? 'missing'})`);
  }
  if (value.version !== TRACE_VERSION) {
    return err(
      `unsupported trace version ${JSON.stringify(value.version) ?? 'missing'} (this harness reads version ${TRACE_VERSION})`,
    );
  }
  const parsed = TraceHeader.safeParse(value);
  return parsed.success ? ok(parsed.data) : err(`header ${describeIssues(parsed.error)}`);
}

function readEvent(value: unknown): Result<TraceEvent, string> {
  // A big trace is mostly valid lines: the fast reader takes those (the same output as zod's),
  // and zod judges the rest, so every error is still worded by the schema.
  const fast = readEventFast(value);
  if (fast !== undefined) return ok(fast);
  if (!isRecord(value)) return err('event is not a JSON object');
  if (typeof value.kind === 'string' && !KNOWN_KINDS.has(value.kind)) {
    return err(`unknown event kind ${JSON.stringify(value.kind)}`);
  }
  const parsed = TraceEvent.safeParse(value);
  return parsed.success ? ok(parsed.data) : err(describeIssues(parsed.error));
}

function checkOrder(previous: TraceEvent | undefined, event: TraceEvent): string | undefined {
  const expected = (previous?.seq ?? 0) + 1;
  if (event.seq < expected) {
    return `seq ${event.seq} out of order (expected ${expected})`;
  }
  if (event.seq > expected) return `seq gap: expected ${expected}, found ${event.seq}`;
  if (previous !== undefined && event.t < previous.t) {
    return `time goes backwards: t=${event.t} after t=${previous.t}`;
  }
  return undefined;
}

function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'does not match the trace schema';
  const path = issue.path.map(String).join('.');
  return `${path === '' ? 'event' : path}: ${issue.message}`;
}
