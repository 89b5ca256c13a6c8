import type { VirtualClock } from '@shared/time/virtual-clock';
import type { EventBody, EventSink } from '@shared/trace/events';

/** Anything that reports events: the session manager, the simulator. */
export interface EventSource {
  onEvent(fn: EventSink): () => void;
}

/** One recorded event with the virtual time it happened at. */
export interface Stamped {
  readonly t: number;
  readonly event: EventBody;
}

interface LinkSide {
  open: boolean;
  sent: number;
  received: number;
}

/**
 * Runs a client and a simulator in virtual time over real IO (a WebSocket on loopback or an
 * in-memory link), test-only. Between two steps of the clock it waits, by yielding to the event
 * loop (never by sleeping), until every frame either side sent has arrived and both sides agree
 * on which links are open; then it fires the next timer. Links are paired by opening order
 * (the manager dials one link at a time).
 */
export class VirtualRun {
  readonly events: Stamped[] = [];
  private readonly pos: LinkSide[] = [];
  private readonly poi: LinkSide[] = [];
  private readonly posIds = new Map<string, LinkSide>();
  private readonly poiIds = new Map<string, LinkSide>();
  private readonly off: (() => void)[] = [];

  constructor(
    private readonly clock: VirtualClock,
    client: EventSource,
    simulator: EventSource,
    private readonly dialing: () => boolean,
  ) {
    this.off.push(client.onEvent((e) => this.record('pos', e)));
    this.off.push(simulator.onEvent((e) => this.record('poi', e)));
  }

  private record(side: 'pos' | 'poi', event: EventBody): void {
    this.events.push({ t: this.clock.now(), event });
    const sides = side === 'pos' ? this.pos : this.poi;
    const ids = side === 'pos' ? this.posIds : this.poiIds;
    if (event.kind === 'link' && event.observer === side) {
      if (event.change === 'opened') {
        const entry = { open: true, sent: 0, received: 0 };
        sides.push(entry);
        ids.set(event.link, entry);
      } else {
        const entry = ids.get(event.link);
        if (entry) entry.open = false;
      }
    }
    if (event.kind === 'message' && event.observer === side) {
      const entry = ids.get(event.link);
      if (!entry) return;
      const outbound = (side === 'pos') === (event.direction === 'toPoi');
      if (outbound) entry.sent += 1;
      else entry.received += 1;
    }
  }

  /** True when nothing is in flight between the two sides. */
  quiet(): boolean {
    if (this.dialing() || this.pos.length !== this.poi.length) return false;
    return this.pos.every((p, i) => {
      const q = this.poi[i]!;
      if (!p.open && !q.open) return true; // frames in flight on a dead link are lost, not late
      return p.open === q.open && p.sent === q.received && q.sent === p.received;
    });
  }

  /** Yields to the event loop until {@link quiet}. */
  async settle(): Promise<void> {
    for (let turn = 0; turn < 200_000; turn++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.quiet()) return;
    }
    throw new Error(
      `IO never settled: pos ${JSON.stringify(this.pos)} poi ${JSON.stringify(this.poi)}`,
    );
  }

  /** Alternates settling IO and firing the next timer until `condition` holds. */
  async until(condition: () => boolean, what = 'the condition', maxSteps = 5_000): Promise<void> {
    for (let i = 0; i < maxSteps; i++) {
      await this.settle();
      if (condition()) return;
      if (!this.clock.step())
        throw new Error(`stuck at t=${this.clock.now()} waiting for ${what}: no timer left`);
    }
    throw new Error(`${what} did not happen within ${maxSteps} clock steps`);
  }

  /** Awaits a promise while driving the clock. */
  async finish<T>(promise: Promise<T>, what = 'the operation'): Promise<T> {
    let done = false;
    let value: T | undefined;
    void promise.then((v) => {
      done = true;
      value = v;
    });
    await this.until(() => done, what);
    return value as T;
  }

  /** The `to` state of every session transition, in order. */
  states(): string[] {
    return this.events.flatMap(({ event }) => (event.kind === 'session' ? [event.to] : []));
  }

  /** Events of one kind. */
  of<K extends EventBody['kind']>(kind: K): Extract<EventBody, { kind: K }>[] {
    return this.events.flatMap(({ event }) =>
      event.kind === kind ? [event as Extract<EventBody, { kind: K }>] : [],
    );
  }

  /** Categories of the requests the POS sent, in order (Login, Payment, ...). */
  sentCategories(): string[] {
    return this.events.flatMap(({ event }) => {
      if (event.kind !== 'message' || event.observer !== 'pos' || event.direction !== 'toPoi')
        return [];
      const header = (
        event.json as { SaleToPOIRequest?: { MessageHeader?: { MessageCategory?: string } } }
      ).SaleToPOIRequest?.MessageHeader;
      return header?.MessageCategory ? [header.MessageCategory] : [];
    });
  }

  /** Virtual times at which the POS sent requests of `category`. */
  sentAt(category: string): number[] {
    return this.events.flatMap(({ t, event }) => {
      if (event.kind !== 'message' || event.observer !== 'pos' || event.direction !== 'toPoi')
        return [];
      const header = (
        event.json as { SaleToPOIRequest?: { MessageHeader?: { MessageCategory?: string } } }
      ).SaleToPOIRequest?.MessageHeader;
      return header?.MessageCategory === category ? [t] : [];
    });
  }

  dispose(): void {
    for (const off of this.off) off();
  }
}
