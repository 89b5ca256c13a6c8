import { performance } from 'node:perf_hooks';
import type { Clock, TimerId } from '@shared/time/clock';

/** The clock of the running app: monotonic `now` from performance, wall time from Date. */
export class RealClock implements Clock {
  private readonly handles = new Map<TimerId, NodeJS.Timeout>();
  private nextId = 1;

  now(): number {
    return performance.now();
  }

  wallNow(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++ as TimerId;
    const handle = setTimeout(() => {
      this.handles.delete(id);
      fn();
    }, ms);
    this.handles.set(id, handle);
    return id;
  }

  clearTimeout(id: TimerId): void {
    const handle = this.handles.get(id);
    if (handle !== undefined) clearTimeout(handle);
    this.handles.delete(id);
  }
}
