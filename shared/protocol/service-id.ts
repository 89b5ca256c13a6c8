import { z } from 'zod';
import { err, ok, type Result } from '../result';

/**
 * ServiceIDs pair a request with its response, and a terminal (or a TransactionStatus lookup)
 * may remember them across restarts of the POS, so a harness that restarts must never reuse
 * one. The generator counts upwards and prints the counter in base 36 (1–10 characters,
 * `0-9A-Z`). Uniqueness across restarts comes from reserving blocks: before an id from a new
 * block is used, the caller persists a state saying "everything below `reservedUntil` may
 * have been handed out"; after a restart (or a crash) counting resumes at `reservedUntil`.
 * At most one block of ids is skipped per restart, and nothing is written per id.
 *
 * This module does no IO: the caller (the core) persists the state it is handed.
 */

/** The persisted form. Counters below `reservedUntil` may already have been used. */
export interface ServiceIdState {
  readonly version: 1;
  readonly reservedUntil: number;
}

/** One issued id; when `persist` is set the caller must save it before using `id`. */
export interface ServiceIdIssue {
  readonly id: string;
  readonly persist: ServiceIdState | undefined;
}

/** Issues ServiceIDs; see the module comment for the persistence contract. */
export interface ServiceIdGenerator {
  next(): ServiceIdIssue;
  /**
   * The state covering every id issued or reserved so far. Saving it is always safe; saving
   * anything smaller mid-run would let later ids of the current block repeat after a crash.
   */
  state(): ServiceIdState;
}

/** Options of {@link createServiceIdGenerator}. */
export interface ServiceIdOptions {
  /** Ids reserved per persisted state; larger means fewer writes and more ids skipped per restart. */
  readonly blockSize?: number;
  /**
   * First counter when there is no saved state (default 1). A core may pass a value derived
   * from the wall clock so that even a lost state file is unlikely to repeat earlier ids.
   */
  readonly start?: number;
}

const RADIX = 36;
/** 36^10: the first counter whose base-36 text would need 11 characters. */
export const SERVICE_ID_LIMIT = RADIX ** 10;
const DEFAULT_BLOCK = 1000;

/** Validates a state read back from disk (untrusted input). */
export const ServiceIdStateSchema = z.strictObject({
  version: z.literal(1),
  reservedUntil: z.number().int().min(0).max(SERVICE_ID_LIMIT),
});

/** Parses a saved state; a malformed file is an expected failure, not an exception. */
export function parseServiceIdState(value: unknown): Result<ServiceIdState, string> {
  const parsed = ServiceIdStateSchema.safeParse(value);
  return parsed.success ? ok(parsed.data) : err(parsed.error.issues[0]?.message ?? 'invalid');
}

/** The text of counter `n`: base 36, upper case, 1–10 characters. */
export function formatServiceId(counter: number): string {
  return counter.toString(RADIX).toUpperCase();
}

/**
 * Creates a generator that resumes after `saved` (or starts fresh). Throws a RangeError only if
 * the 36^10 id space is exhausted, which at one id per millisecond takes over 100,000 years.
 */
export function createServiceIdGenerator(
  saved: ServiceIdState | undefined,
  options: ServiceIdOptions = {},
): ServiceIdGenerator {
  const blockSize = Math.max(1, Math.floor(options.blockSize ?? DEFAULT_BLOCK));
  // Counter 0 would print "0"; valid, but starting at 1 keeps ids visibly non-empty counters.
  let counter = Math.max(1, saved?.reservedUntil ?? Math.floor(options.start ?? 1));
  // Nothing is reserved yet in this run: the first id always asks the caller to persist.
  let reservedUntil = counter;
  return {
    next(): ServiceIdIssue {
      if (counter >= SERVICE_ID_LIMIT) throw new RangeError('ServiceID space exhausted');
      let persist: ServiceIdState | undefined;
      if (counter >= reservedUntil) {
        reservedUntil = Math.min(counter + blockSize, SERVICE_ID_LIMIT);
        persist = { version: 1, reservedUntil };
      }
      const id = formatServiceId(counter);
      counter += 1;
      return { id, persist };
    },
    state: () => ({ version: 1, reservedUntil }),
  };
}

/** ServiceID text nexo allows: 1–10 characters (the generator emits `[0-9A-Z]`). */
export function isServiceIdLength(id: string): boolean {
  return id.length >= 1 && id.length <= 10;
}

/** Ids a process draws from one wall-clock millisecond: one per salt value. */
export const SERVICE_ID_SALTS = 1296;
const EPOCH_2020_MS = Date.UTC(2020, 0, 1);

/**
 * ServiceIDs that do not repeat across processes, with nothing saved (README "Reliability and
 * limits"): each id is a millisecond slot of the wall clock since 2020, times
 * {@link SERVICE_ID_SALTS}, plus the process's salt, in base 36 (10 characters until about 2109).
 * A process takes a new slot per id (the next millisecond when it issues faster than one per
 * ms), so a run that starts after another ended draws later slots than any the other used, and
 * two runs at the same time differ by their salts unless both drew the same one.
 *
 * @param wallNow - wall time in ms since the Unix epoch
 * @param salt - this process's draw, 0 to {@link SERVICE_ID_SALTS} - 1
 */
export function createClockServiceIdGenerator(
  wallNow: () => number,
  salt: number,
): { next(): string } {
  const fixedSalt = Math.min(SERVICE_ID_SALTS - 1, Math.max(0, Math.floor(salt)));
  let lastSlot = -1;
  return {
    next() {
      const slot = Math.max(lastSlot + 1, Math.floor(wallNow() - EPOCH_2020_MS));
      lastSlot = slot;
      const counter = slot * SERVICE_ID_SALTS + fixedSalt;
      if (counter >= SERVICE_ID_LIMIT) throw new RangeError('ServiceID space exhausted');
      return formatServiceId(counter);
    },
  };
}
