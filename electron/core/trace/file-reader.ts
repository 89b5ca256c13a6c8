import { readFile, stat } from 'node:fs/promises';
import { err, type Result } from '@shared/result';
import { parseTrace, type ParsedTrace, type TraceError } from '@shared/trace/reader';

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
