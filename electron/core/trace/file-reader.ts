import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { err, ok, type Result } from '@shared/result';
import type { TraceEvent, TraceHeader } from '@shared/trace/events';
import {
  createTraceLineReader,
  parseTrace,
  type ParsedTrace,
  type TraceError,
  type TraceWarning,
} from '@shared/trace/reader';

/** A trace file that could not be read at all (missing, a folder, too large). */
export interface TraceUnreadable {
  readonly kind: 'unreadable';
  readonly reason: string;
}

export type TraceFileError = TraceError | TraceUnreadable;

/**
 * Larger than any trace a person opens; keeps one file from exhausting memory (V8 strings stop
 * near 512 MiB anyway).
 */
export const MAX_TRACE_BYTES = 256 * 1024 * 1024;

/** Reads and parses a trace file (see `parseTrace` for what is tolerated and what is not). */
export async function readTraceFile(
  path: string,
  maxBytes = MAX_TRACE_BYTES,
): Promise<Result<ParsedTrace, TraceFileError>> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) return unreadable(`${path} is not a file`);
    if (info.size > maxBytes) {
      return unreadable(`${path} is ${info.size} bytes, over the ${maxBytes}-byte limit`);
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    return unreadable(
      `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseTrace(text);
}

function unreadable(reason: string): Result<never, TraceUnreadable> {
  return err({ kind: 'unreadable', reason });
}

/** What streaming a trace file found besides its events. */
export interface StreamedTrace {
  readonly header: TraceHeader;
  readonly events: number;
  readonly warnings: readonly TraceWarning[];
}

/**
 * Reads a trace file a chunk at a time and hands each event to `onEvent` as its line is read
 * (the header first, to `onHeader`), so memory holds one chunk and what the consumer keeps,
 * whatever the file size. The same rules as {@link readTraceFile}; the first error stops the
 * read. A single line over `maxLineBytes` is refused rather than buffered.
 */
export async function streamTraceFile(
  path: string,
  onHeader: (header: TraceHeader) => void,
  onEvent: (event: TraceEvent) => void,
  maxLineBytes = MAX_TRACE_BYTES,
): Promise<Result<StreamedTrace, TraceFileError>> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return unreadable(`${path} is not a file`);
  } catch (error) {
    return unreadable(`cannot read ${path}: ${reasonOf(error)}`);
  }
  const reader = createTraceLineReader();
  let events = 0;
  let headerSeen = false;
  const take = (read: Result<TraceEvent | undefined, TraceError>): TraceError | undefined => {
    if (!read.ok) return read.error;
    const header = reader.header();
    if (!headerSeen && header !== undefined) {
      headerSeen = true;
      onHeader(header);
    }
    if (read.value !== undefined) {
      events++;
      onEvent(read.value);
    }
    return undefined;
  };
  let rest = '';
  try {
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    for await (const chunk of stream as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      if (rest.length > maxLineBytes) {
        stream.destroy();
        return unreadable(`${path} has a line over the ${maxLineBytes}-byte limit`);
      }
      for (const line of lines) {
        const problem = take(reader.line(line));
        if (problem !== undefined) {
          stream.destroy();
          return err(problem);
        }
      }
    }
  } catch (error) {
    return unreadable(`cannot read ${path}: ${reasonOf(error)}`);
  }
  const problem = take(reader.end(rest));
  if (problem !== undefined) return err(problem);
  const header = reader.header();
  // `end` fails when no header was read; this only narrows the type.
  if (header === undefined) return unreadable(`${path} has no header`);
  return ok({ header, events, warnings: reader.warnings() });
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
