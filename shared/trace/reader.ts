import type { z } from 'zod';
import { parseJsonText } from '../protocol/json-depth';
import { MAX_CARRIER_JSON_DEPTH } from '../protocol/limits';
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
  const lines = text.split('\n');
  // What follows the last newline: '' when the file is complete, else a last line with no end.
  const rest = lines.pop() ?? '';
  const reader = createTraceLineReader();
  const events: TraceEvent[] = [];
  for (const line of lines) {
    const read = reader.line(line);
    if (!read.ok) return read;
    if (read.value !== undefined) events.push(read.value);
  }
  const last = reader.end(rest);
  if (!last.ok) return last;
  if (last.value !== undefined) events.push(last.value);
  const header = reader.header();
  // `end` fails when no header was read, so this is only a guard for the type.
  if (header === undefined) return corrupt(1, 'empty trace: the header line is missing');
  return ok({ header, events, warnings: reader.warnings() });
}

/**
 * Reads a trace a line at a time, by the rules of {@link parseTrace}, so a file can be judged
 * as it streams in without holding its text or its events (`a2a check`).
 */
export interface TraceLineReader {
  /** One line that ended with a newline (the newline not included): its event, if it has one. */
  line(text: string): Result<TraceEvent | undefined, TraceError>;
  /**
   * The end of the file: `rest` is what follows the last newline ('' for a complete file). A
   * last line with no newline that is not JSON is a torn write, dropped with a warning.
   */
  end(rest: string): Result<TraceEvent | undefined, TraceError>;
  /** The header, once its line was read. */
  header(): TraceHeader | undefined;
  /** What was tolerated so far. */
  warnings(): readonly TraceWarning[];
}

export function createTraceLineReader(): TraceLineReader {
  let lineNo = 0;
  let header: TraceHeader | undefined;
  let previous: TraceEvent | undefined;
  const warnings: TraceWarning[] = [];

  const readHeaderLine = (raw: string, torn: boolean): Result<undefined, TraceError> => {
    const text = stripCr(raw.replace(/^\uFEFF/, ''));
    if (text.trim() === '') return corrupt(1, 'empty trace: the header line is missing');
    const json = parseJson(text);
    if (!json.ok) {
      return corrupt(
        1,
        torn ? 'the header line is incomplete' : `header is not JSON (${json.error})`,
      );
    }
    const read = readHeader(json.value);
    if (!read.ok) return corrupt(1, read.error);
    header = read.value;
    return ok(undefined);
  };

  const readLine = (raw: string, torn: boolean): Result<TraceEvent | undefined, TraceError> => {
    lineNo++;
    if (lineNo === 1) return readHeaderLine(raw, torn);
    const line = stripCr(raw);
    if (isBlank(line)) {
      warnings.push({ line: lineNo, reason: 'blank line skipped' });
      return ok(undefined);
    }
    // Parsed here rather than through parseJson: an event line is the hot path of a long
    // trace's open, and one result per line is enough.
    const json = parseJsonText(line, MAX_CARRIER_JSON_DEPTH);
    if (!json.ok) {
      if (torn) {
        warnings.push({ line: lineNo, reason: 'torn last line dropped (incomplete write)' });
        return ok(undefined);
      }
      return corrupt(lineNo, `not JSON (${json.error.message})`);
    }
    const event = readEvent(json.value);
    if (!event.ok) return corrupt(lineNo, event.error);
    const order = checkOrder(previous, event.value);
    if (order !== undefined) return corrupt(lineNo, order);
    previous = event.value;
    return ok(event.value);
  };

  return {
    line: (text) => readLine(text, false),
    end(rest) {
      const last = rest === '' ? ok(undefined) : readLine(rest, true);
      if (last.ok && header === undefined) {
        return corrupt(1, 'empty trace: the header line is missing');
      }
      return last;
    },
    header: () => header,
    warnings: () => warnings,
  };
}

function corrupt(line: number, reason: string): Result<never, TraceError> {
  return err({ kind: 'corrupt', line, reason });
}

/** Only whitespace: an event line starts with `{`, so most lines are told at their first character. */
function isBlank(line: string): boolean {
  return line.length === 0 || (line.charCodeAt(0) !== 0x7b && line.trim() === '');
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** A line nested past the JSON budget is refused before it is parsed (README "Reliability and limits"). */
function parseJson(line: string): Result<unknown, string> {
  const parsed = parseJsonText(line, MAX_CARRIER_JSON_DEPTH);
  return parsed.ok ? ok(parsed.value) : err(parsed.error.message);
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
