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

  constructor(
    private readonly rule: DuplicateRule,
    private readonly windowMs: number,
    private readonly capacity: number = MAX_DUPLICATE_GUARD_ENTRIES,
  ) {}

  /** True when the ServiceID is a repeat; otherwise records it as used at `now`. */
  isRepeated(saleId: string, serviceId: string, now: number): boolean {
    this.prune(now);
    const key = `${saleId}\u0000${serviceId}`;
    const repeated =
      this.rule === 'window' ? this.used.has(key) : this.previous.get(saleId) === serviceId;
    if (!repeated) {
      if (this.rule === 'window') remember(this.used, key, now, this.capacity);
      remember(this.previous, saleId, serviceId, this.capacity);
    }
    return repeated;
  }

  clear(): void {
    this.used.clear();
    this.previous.clear();
  }

  private prune(now: number): void {
    for (const [key, at] of this.used) {
      if (now - at < this.windowMs) break;
      this.used.delete(key);
    }
  }
}

/** Sets `key` as the newest entry, then drops the oldest ones past `capacity`. */
function remember<V>(map: Map<string, V>, key: string, value: V, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= capacity) break;
    map.delete(oldest);
  }
}
