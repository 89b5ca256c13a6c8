import type { Clock, TimerId } from './clock';

interface PendingTimer {
  readonly id: TimerId;
  readonly due: number;
  readonly order: number;
  readonly fn: () => void;
}

/**
 * A clock whose time moves only when told to. Timers fire in due order (ties in the order they
 * were set), each seeing `now()` equal to its due time, which makes runs reproducible.
 */
export class VirtualClock implements Clock {
  private current = 0;
  private nextId = 1;
  private nextOrder = 0;
  private readonly timers = new Map<TimerId, PendingTimer>();

  constructor(private readonly wallOrigin = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  wallNow(): number {
    return this.wallOrigin + this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++ as TimerId;
    this.timers.set(id, { id, due: this.current + Math.max(0, ms), order: this.nextOrder++, fn });
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.timers.delete(id);
  }

  /** Number of timers still waiting. */
  pending(): number {
    return this.timers.size;
  }

  /** Due time of the earliest waiting timer, if any. */
  nextDue(): number | undefined {
    return this.earliest()?.due;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way (including ones they set). */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `target`, firing due timers in order. */
  advanceTo(target: number): void {
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > target) break;
      this.timers.delete(next.id);
      this.current = Math.max(this.current, next.due);
      next.fn();
    }
    this.current = Math.max(this.current, target);
  }

  /** Fires the earliest timer (moving time to it). Returns false when none is waiting. */
  step(): boolean {
    const next = this.earliest();
    if (!next) return false;
    this.advanceTo(next.due);
    return true;
  }

  private earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers.values()) {
      if (!best || t.due < best.due || (t.due === best.due && t.order < best.order)) best = t;
    }
    return best;
  }
}
