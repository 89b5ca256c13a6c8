import { MAX_DUPLICATE_GUARD_ENTRIES } from '@shared/protocol';
import type { DuplicateRule } from '@shared/simulator/profiles';

/**
 * Remembers which ServiceIDs each SaleID used, to answer a repeated one with "repeated
 * message". `window`: used by that SaleID within the last `windowMs`; `previous`: equal to
 * that SaleID's previous ServiceID (the nexo-core rule). Survives restarts. Holds at most
 * `capacity` entries of each kind, forgetting the oldest first, so memory stays flat whatever
 * a POS sends (README "Reliability and limits").
 */
export class DuplicateGuard {
  /** Key `saleId \0 serviceId` → monotonic time of first use; insertion order is time order. */
  private readonly used = new Map<string, number>();
  private readonly previous = new Map<string, string>();
  /**
   * No entry of `used` expires before this time, so pruning waits for it: a walk of the map on
   * every request was a visible share of each answer (README "Performance: last measured
   * values"). An expired entry still in the map is never taken for a repeat (see isRepeated).
   */
  private nextExpiry = Infinity;

  constructor(
    private readonly rule: DuplicateRule,
    private readonly windowMs: number,
    private readonly capacity: number = MAX_DUPLICATE_GUARD_ENTRIES,
  ) {}

  /** True when the ServiceID is a repeat; otherwise records it as used at `now`. */
  isRepeated(saleId: string, serviceId: string, now: number): boolean {
    let repeated: boolean;
    if (this.rule === 'window') {
      this.prune(now);
      const key = `${saleId}\u0000${serviceId}`;
      const at = this.used.get(key);
      repeated = at !== undefined && now - at < this.windowMs;
      if (!repeated) {
        if (this.used.size === 0) this.nextExpiry = now + this.windowMs;
        remember(this.used, key, now, this.capacity);
      }
    } else {
      repeated = this.previous.get(saleId) === serviceId;
    }
    if (!repeated) remember(this.previous, saleId, serviceId, this.capacity);
    return repeated;
  }

  clear(): void {
    this.used.clear();
    this.previous.clear();
    this.nextExpiry = Infinity;
  }

  private prune(now: number): void {
    if (now < this.nextExpiry) return;
    this.nextExpiry = Infinity;
    for (const [key, at] of this.used) {
      if (now - at < this.windowMs) {
        this.nextExpiry = at + this.windowMs;
        break;
      }
      this.used.delete(key);
    }
  }
}

/** Sets `key` as the newest entry, then drops the oldest ones past `capacity`. */
function remember<V>(map: Map<string, V>, key: string, value: V, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size <= capacity) return;
  for (const oldest of map.keys()) {
    map.delete(oldest);
    if (map.size <= capacity) break;
  }
}
