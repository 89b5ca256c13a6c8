/** Opaque handle of a scheduled callback. */
export type TimerId = number & { readonly __brand: 'TimerId' };

/**
 * Time as the harness sees it. Injected everywhere so the same code runs in real time (the app,
 * the CLI) and in virtual time (tests, scenario runs, the fuzzer).
 */
export interface Clock {
  /** Monotonic milliseconds since an arbitrary origin; never goes backwards. */
  now(): number;
  /** Wall-clock milliseconds since the Unix epoch (for `at` stamps and DateTime fields). */
  wallNow(): number;
  /** Runs `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}
