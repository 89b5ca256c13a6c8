import type { EventsPage } from '@shared/ipc';
import type { Clock } from '@shared/time/clock';
import type { EventBody, Observer, TraceEvent, TraceHeader } from '@shared/trace/events';
import { buildTraceHeader, serialiseTrace, type TraceHeaderInit } from '@shared/trace/format';
import { createTraceStamper } from '@shared/trace/stamper';

/** Options of {@link createRunTrace}. */
export interface RunTraceOptions {
  readonly runId: string;
  readonly clock: Clock;
  readonly header: TraceHeaderInit;
  /** Whose view of the wire to keep: `['pos']` in client role, `['poi']` in terminal role. */
  readonly observers: readonly Observer[];
  /** Whether events are recorded from the start. */
  readonly recording: boolean;
  /** Called with each stamped event (the live stream). */
  readonly onEvent: (event: TraceEvent) => void;
  /** Called with the new count each time an event is skipped because recording is off. */
  readonly onSkipped?: (skipped: number) => void;
}

/**
 * The trace of one run, held in memory: what the live timeline shows, what a reloaded window
 * fetches page by page, and what `trace:save` writes. Stamping goes through the shared stamper,
 * so the saved text is exactly what the file recorder would have written.
 */
export interface RunTrace {
  readonly runId: string;
  readonly header: TraceHeader;
  /** Stamps and keeps one event (dropped, and counted as skipped, while recording is off). */
  record(body: EventBody): void;
  recording(): boolean;
  /** Switching recording off starts a new count of skipped events. */
  setRecording(on: boolean): void;
  /** Events not kept since recording was last switched off (0 while recording). */
  skipped(): number;
  /** The last stamped `seq` (0 = none). */
  lastSeq(): number;
  events(): readonly TraceEvent[];
  /** Events with `seq > afterSeq`, at most `limit`. */
  since(afterSeq: number, limit: number): EventsPage;
  /** JSON Lines text of the whole run. */
  text(): string;
}

/** Creates the trace of a new run; its header is stamped with the clock's wall time now. */
export function createRunTrace(options: RunTraceOptions): RunTrace {
  const mask = true;
  const header = buildTraceHeader(options.header, options.clock.wallNow(), mask);
  const stamper = createTraceStamper({ clock: options.clock, mask, observers: options.observers });
  const events: TraceEvent[] = [];
  let recording = options.recording;
  let skipped = 0;

  return {
    runId: options.runId,
    header,
    record(body) {
      if (!recording) {
        if (!stamper.keeps(body)) return;
        skipped += 1;
        options.onSkipped?.(skipped);
        return;
      }
      const event = stamper.stamp(body);
      if (event === undefined) return;
      events.push(event);
      options.onEvent(event);
    },
    recording: () => recording,
    setRecording(on) {
      if (on === recording) return;
      recording = on;
      skipped = 0;
    },
    skipped: () => (recording ? 0 : skipped),
    lastSeq: () => events.length,
    events: () => events,
    since(afterSeq, limit) {
      // seq n sits at index n - 1: no gaps, from 1.
      const page = events.slice(afterSeq, afterSeq + limit);
      return {
        runId: options.runId,
        events: page,
        lastSeq: events.length,
        more: afterSeq + page.length < events.length,
      };
    },
    text: () => serialiseTrace(header, events),
  };
}
