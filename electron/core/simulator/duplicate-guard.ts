import type { DuplicateRule } from '@shared/simulator/profiles';

/**
 * Remembers which ServiceIDs each SaleID used, to answer a repeated one with "repeated
 * message". `window`: used by that SaleID within the last `windowMs`; `previous`: equal to
 * that SaleID's previous ServiceID (the nexo-core rule). Survives restarts.
 */
export class DuplicateGuard {
  /** Key `saleId \0 serviceId` → monotonic time of first use; insertion order is time order. */
  private readonly used = new Map<string, number>();
  private readonly previous = new Map<string, string>();

  constructor(
    private readonly rule: DuplicateRule,
    private readonly windowMs: number,
  ) {}

  /** True when the ServiceID is a repeat; otherwise records it as used at `now`. */
  isRepeated(saleId: string, serviceId: string, now: number): boolean {
    this.prune(now);
    const key = `${saleId}\u0000${serviceId}`;
    const repeated =
      this.rule === 'window' ? this.used.has(key) : this.previous.get(saleId) === serviceId;
    if (!repeated) {
      if (this.rule === 'window') this.used.set(key, now);
      this.previous.set(saleId, serviceId);
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
