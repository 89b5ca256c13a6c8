import type { Clock } from '../time/clock';
import type { EventSink, Observer, TraceEvent, TraceHeader } from './events';
import { buildTraceHeader, serialiseTrace, type TraceHeaderInit } from './format';
import { createTraceStamper, maskStampedEvent } from './stamper';

/** Options of an in-memory trace; the same stamping rules as the file recorder. */
export interface MemoryTraceOptions {
  readonly clock: Clock;
  readonly header: TraceHeaderInit;
  /** Mask card data (default true). */
  readonly mask?: boolean;
  /**
   * When card data is masked: as each event is recorded (default), or only in the text
   * (`toText`), for a trace whose events are read in-process and written out rarely — a
   * scenario run, whose checkers read every event but whose text is wanted only for a failure
   * or a trace folder (README "Performance: last measured values"). The text is the same either
   * way; `events()` then holds the frames as their producers made them.
   */
  readonly maskWhen?: 'record' | 'write';
  /** Whose view of the wire to keep (default both). */
  readonly observers?: readonly Observer[];
}

/** A trace held in memory: what the UI shows, saves as a file, and the tests read. */
export interface MemoryTrace {
  readonly header: TraceHeader;
  /** Stamps and keeps one event; usable directly as an {@link EventSink}. */
  readonly record: EventSink;
  /** The events so far, in order. */
  events(): readonly TraceEvent[];
  /** The whole trace as JSON Lines text, byte for byte what the file recorder would write. */
  toText(): string;
}

/** Creates an in-memory trace whose header is stamped with the clock's wall time now. */
export function createMemoryTrace(options: MemoryTraceOptions): MemoryTrace {
  const mask = options.mask ?? true;
  const onWrite = mask && options.maskWhen === 'write';
  const header = buildTraceHeader(options.header, options.clock.wallNow(), mask);
  const stamper = createTraceStamper({
    clock: options.clock,
    mask: mask && !onWrite,
    observers: options.observers,
  });
  const events: TraceEvent[] = [];
  return {
    header,
    record: (body) => {
      const event = stamper.stamp(body);
      if (event !== undefined) events.push(event);
    },
    events: () => events,
    toText: () => serialiseTrace(header, onWrite ? events.map(maskStampedEvent) : events),
  };
}
