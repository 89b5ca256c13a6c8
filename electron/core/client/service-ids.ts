import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createClockServiceIdGenerator,
  createServiceIdGenerator,
  parseJsonText,
  parseServiceIdState,
  type ServiceIdGenerator,
  type ServiceIdState,
} from '@shared/protocol';
import { err, ok, type Result } from '@shared/result';

/**
 * Where the client takes its ServiceIDs from. Every id is new: never handed out before, also
 * not across restarts of the client when the source is persisted ({@link fileServiceIds}).
 */
export interface ServiceIdSource {
  next(): string;
}

/** ServiceIDs kept in memory: unique for the life of the source (and of every client using it). */
export function memoryServiceIds(start?: number): ServiceIdSource {
  const generator = createServiceIdGenerator(undefined, start === undefined ? {} : { start });
  return { next: () => generator.next().id };
}

/**
 * ServiceIDs unique across processes with nothing saved: a wall-clock slot per id plus a salt
 * drawn once (see `createClockServiceIdGenerator`). What a run without a data folder uses, so
 * that consecutive `a2a exec` runs never reuse an id within the duplicate window.
 */
export function clockServiceIds(wallNow: () => number, salt: number): ServiceIdSource {
  return createClockServiceIdGenerator(wallNow, salt);
}

/** Writes `text` to `path` atomically (a crash leaves the old or the new file, never half). */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { flush: true });
  renameSync(temp, path);
}

function readState(path: string): Result<ServiceIdState | undefined, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(undefined);
    return err(`cannot read ${path}: ${(error as Error).message}`);
  }
  const value = parseJsonText(text);
  if (!value.ok) return err(`${path} is not JSON: ${value.error.message}`);
  const parsed = parseServiceIdState(value.value);
  return parsed.ok ? ok(parsed.value) : err(`${path}: ${parsed.error}`);
}

/**
 * ServiceIDs that stay unique across restarts of the client: the generator's reservation
 * state lives in `path` and is written (atomically, synchronously) before an id of a new
 * block is used. Without a saved state the counter starts from the wall clock, so even a lost
 * state file is unlikely to repeat earlier ids.
 */
export function fileServiceIds(
  path: string,
  wallNow: () => number = Date.now,
): Result<ServiceIdSource, string> {
  const saved = readState(path);
  if (!saved.ok) return saved;
  // Seconds since 2020 in base 36 stay within 6–7 characters for decades.
  const start = Math.floor((wallNow() - Date.UTC(2020, 0, 1)) / 1000) * 1000;
  const generator: ServiceIdGenerator = createServiceIdGenerator(saved.value, {
    start: Math.max(1, start),
  });
  return ok({
    next(): string {
      const issue = generator.next();
      if (issue.persist) writeFileAtomic(path, JSON.stringify(issue.persist));
      return issue.id;
    },
  });
}
