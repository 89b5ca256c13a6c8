import { TraceHeader, type TraceEvent } from './events';
import { stringifyEvent } from './safe-event';
import { lazyCompiled } from '../validation/compiled';

/** The `format` field of every trace header. */
export const TRACE_FORMAT = 'a2a-trace';
/** The trace format version this harness writes and reads. */
export const TRACE_VERSION = 1;

// The core builds a header per trace, one per scenario run (the renderer never builds one).
const compiledHeader = lazyCompiled(TraceHeader);

/**
 * What a producer says about a trace when it starts one; the format, version, creation time and
 * masking flag are filled in by whoever builds the header.
 */
export type TraceHeaderInit = Omit<
  TraceHeader,
  'format' | 'version' | 'createdAt' | 'masked' | 'harnessVersion'
> & {
  readonly harnessVersion: string;
};

/**
 * Builds the first line of a trace.
 *
 * @param init - role, profile, policy and the other descriptive fields
 * @param createdAtMs - wall time in ms since the Unix epoch (from `Clock.wallNow()`)
 * @param masked - whether card data in events is masked
 */
export function buildTraceHeader(
  init: TraceHeaderInit,
  createdAtMs: number,
  masked: boolean,
): TraceHeader {
  // Parsed so the keys come out in schema order, exactly as the reader returns them: a trace
  // read and saved again is byte for byte the same file.
  return compiledHeader().parse({
    ...init,
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    createdAt: new Date(createdAtMs).toISOString(),
    masked,
  });
}

/**
 * One JSON Lines line (with its newline) for a header or an event. Never throws: an event that
 * cannot be serialised is written as its placeholder (README "Reliability and limits").
 */
export function formatTraceLine(value: TraceHeader | TraceEvent): string {
  return stringifyEvent(value) + '\n';
}

/** The whole trace as JSON Lines text: what the recorder writes and what the UI saves. */
export function serialiseTrace(header: TraceHeader, events: readonly TraceEvent[]): string {
  let text = formatTraceLine(header);
  for (const event of events) text += formatTraceLine(event);
  return text;
}
