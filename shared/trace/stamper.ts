import type { Clock } from '../time/clock';
import { maskCardData, maskPansInText } from '../protocol/masking';
import type { EventBody, Observer, TraceEvent } from './events';
import { serialisableEvent } from './safe-event';

/** How a trace turns producer events into trace events. */
export interface TraceStamperOptions {
  /** Source of `t` (monotonic, from the stamper's creation) and `at` (wall time). */
  readonly clock: Clock;
  /** Mask card data in every event (default true; opting out is for local debugging). */
  readonly mask?: boolean;
  /**
   * Whose view of the wire to keep. With an embedded simulator the client and the simulator
   * both observe every frame and every link change; a client-role trace keeps `['pos']`, a
   * terminal-role trace `['poi']`. Default: both.
   */
  readonly observers?: readonly Observer[];
}

/** Stamps events in call order; `undefined` for an event the observer filter leaves out. */
export interface TraceStamper {
  stamp(body: EventBody): TraceEvent | undefined;
  /** Whether {@link stamp} would keep the event (the observer filter), without stamping it. */
  keeps(body: EventBody): boolean;
  /** How many events were stamped (the last `seq`). */
  count(): number;
}

/**
 * Creates the one place that assigns `seq`, `t` and `at`, filters by observer and masks card
 * data, so the file recorder and the in-memory trace produce identical events.
 */
export function createTraceStamper(options: TraceStamperOptions): TraceStamper {
  const { clock } = options;
  const mask = options.mask ?? true;
  const observers = new Set<Observer>(options.observers ?? ['pos', 'poi']);
  const origin = clock.now();
  let seq = 0;
  let lastT = 0;
  // Events come in bursts at one wall-clock millisecond (always, in virtual time): the text of
  // the last one is kept rather than formatted again for each.
  let lastWall = Number.NaN;
  let lastAt = '';

  const keeps = (body: EventBody): boolean =>
    !((body.kind === 'message' || body.kind === 'link') && !observers.has(body.observer));

  return {
    keeps,
    stamp(body) {
      if (!keeps(body)) return undefined;
      // Rounded to microseconds for readable files; never below the previous stamp, so `t` is
      // monotonic even if a clock misbehaves.
      const t = Math.max(lastT, Math.round((clock.now() - origin) * 1000) / 1000);
      lastT = t;
      seq += 1;
      const wall = clock.wallNow();
      if (wall !== lastWall) {
        lastWall = wall;
        lastAt = new Date(wall).toISOString();
      }
      const at = lastAt;
      // Checked after the stamp is taken: an event that cannot be written out keeps its `seq`
      // as a placeholder, so no writer, push or clone ever meets it and no trace has a gap.
      return serialisableEvent<TraceEvent>({ seq, t, at, ...maskBody(body, mask) });
    },
    count: () => seq,
  };
}

/**
 * An event stamped with masking off, as {@link TraceStamper.stamp} would have stamped it with
 * masking on: the same fields in the same order, card data masked.
 */
export function maskStampedEvent(event: TraceEvent): TraceEvent {
  const { seq, t, at, ...body } = event;
  return serialisableEvent<TraceEvent>({ seq, t, at, ...maskBody(body, true) });
}

function maskBody(body: EventBody, mask: boolean): EventBody {
  if (!mask) return body;
  // Every kind, not only wire frames: an operation record's AdditionalResponse, a fault's
  // arguments or a ledger row can carry what a POS put in free text (DESIGN §5).
  if (body.kind !== 'message') return maskCardData(body);
  return {
    ...body,
    ...(body.json === undefined ? {} : { json: maskCardData(body.json) }),
    // A frame that was not JSON can still carry a card number.
    ...(body.text === undefined ? {} : { text: maskPansInText(body.text) }),
  };
}
