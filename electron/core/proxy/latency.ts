import type { LatencySummary } from '@shared/proxy/faults';

/** How many recent samples a direction keeps: enough for a stable p99, flat in memory. */
export const LATENCY_SAMPLES = 4096;

/** Time the proxy added to messages going one way, over the most recent samples. */
export class LatencySamples {
  private readonly samples: number[] = [];
  private next = 0;
  private total = 0;

  add(ms: number): void {
    this.total += 1;
    if (this.samples.length < LATENCY_SAMPLES) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % LATENCY_SAMPLES;
  }

  summary(): LatencySummary {
    if (this.samples.length === 0) return { count: 0, medianMs: null, p99Ms: null };
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = (q: number): number =>
      sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
    const round = (ms: number): number => Math.round(ms * 1000) / 1000;
    return { count: this.total, medianMs: round(rank(0.5)), p99Ms: round(rank(0.99)) };
  }
}
