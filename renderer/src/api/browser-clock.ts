import type { Clock, TimerId } from '@shared/time/clock';

/** The page's real clock (the renderer's counterpart of the core's RealClock). */
export class BrowserClock implements Clock {
  now(): number {
    return performance.now();
  }

  wallNow(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    return window.setTimeout(fn, ms) as TimerId;
  }

  clearTimeout(id: TimerId): void {
    window.clearTimeout(id);
  }
}
