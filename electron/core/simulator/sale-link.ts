import type { Wire } from '@shared/link/endpoint';
import type { FrameMeta, Link, LinkClosed, LinkId, TerminateOptions } from '../link/link';

/** Normal closure, as WebSocket defines it (the codes every Link reports). */
const NORMAL_CLOSURE = 1000;
/** What a link reports when it was cut (a dropped link). */
const ABNORMAL_CLOSURE = 1006;
/** The simulator's server is shutting down. */
const GOING_AWAY = 1001;

/** How a sale's link ended, as the front needs it: the close, plus the drop's refuse window. */
export interface SaleLinkEnded extends LinkClosed {
  readonly refuseMs?: number;
}

/** One POS of a wire without lasting connections, known by its SaleID. */
export interface SaleLink {
  readonly saleId: string;
  readonly linkId: LinkId;
  readonly isOpen: boolean;
  /** Whether the POS's latest request came under NexoCrypto (its answers go back the same way). */
  encrypted: boolean;
  /** Hands one inbound envelope (JSON text, clear) to the payment application. */
  deliver(text: string, meta?: FrameMeta): void;
}

export interface SaleLinksOptions {
  readonly wire: Wire;
  /** Link ids are `${idPrefix}-${n}`. */
  readonly idPrefix: string;
  /** Attaches a new link to the payment application (the simulator's terminal `accept`). */
  readonly accept: (link: Link) => void;
  /** A frame the payment application sent to this sale. */
  readonly onSent: (sale: SaleLink, text: string) => void;
  /** The payment application closed or cut this sale's link (restart, drop link, shutdown). */
  readonly onEnded: (sale: SaleLink, ended: SaleLinkEnded) => void;
}

/**
 * The HTTP wires have no lasting connection: the session-bearing "link" is the POS's SaleID
 * (DESIGN §5). This table gives each SaleID one virtual server-side {@link Link}, made and
 * accepted on its first request, so the payment application sees it like any socket; what it
 * sends comes back through `onSent`, and when it closes or cuts the link (restart, drop link) the
 * front hears `onEnded` and the SaleID gets a fresh link on its next request.
 */
export class SaleLinks {
  private readonly bySale = new Map<string, VirtualSaleLink>();
  private counter = 0;

  constructor(private readonly options: SaleLinksOptions) {}

  /** The SaleID's open link, made and accepted now if it has none. */
  linkOf(saleId: string): SaleLink {
    const current = this.bySale.get(saleId);
    if (current?.isOpen) return current;
    this.counter += 1;
    const link = new VirtualSaleLink(
      `${this.options.idPrefix}-${String(this.counter)}` as LinkId,
      saleId,
      this.options,
      () => {
        if (this.bySale.get(saleId) === link) this.bySale.delete(saleId);
      },
    );
    this.bySale.set(saleId, link);
    this.options.accept(link);
    return link;
  }

  /** The SaleID's open link, without making one. */
  find(saleId: string): SaleLink | undefined {
    const link = this.bySale.get(saleId);
    return link?.isOpen ? link : undefined;
  }

  /** Closes every link (the server is shutting down). */
  closeAll(): void {
    for (const link of [...this.bySale.values()]) link.close(GOING_AWAY, 'front stopped');
  }
}

class VirtualSaleLink implements Link, SaleLink {
  private readonly messageListeners = new Set<(text: string, meta?: FrameMeta) => void>();
  encrypted = false;
  private readonly closeListeners = new Set<(closed: LinkClosed) => void>();
  private ended: LinkClosed | undefined;
  readonly wire: Wire;

  constructor(
    readonly id: LinkId,
    readonly saleId: string,
    private readonly options: SaleLinksOptions,
    private readonly forget: () => void,
  ) {
    this.wire = options.wire;
  }

  get linkId(): LinkId {
    return this.id;
  }

  get isOpen(): boolean {
    return this.ended === undefined;
  }

  deliver(text: string, meta?: FrameMeta): void {
    if (!this.isOpen) return;
    for (const fn of [...this.messageListeners]) fn(text, meta);
  }

  send(text: string): void {
    if (this.isOpen) this.options.onSent(this, text);
  }

  close(code = NORMAL_CLOSURE, reason = ''): void {
    this.end({ code, reason, abrupt: false });
  }

  terminate(options: TerminateOptions = {}): void {
    this.end({ code: ABNORMAL_CLOSURE, reason: '', abrupt: true }, options.refuseMs);
  }

  onMessage(fn: (text: string, meta?: FrameMeta) => void): () => void {
    this.messageListeners.add(fn);
    return () => this.messageListeners.delete(fn);
  }

  onClose(fn: (closed: LinkClosed) => void): () => void {
    if (this.ended) {
      const ended = this.ended;
      queueMicrotask(() => fn(ended));
      return () => undefined;
    }
    this.closeListeners.add(fn);
    return () => this.closeListeners.delete(fn);
  }

  private end(closed: LinkClosed, refuseMs?: number): void {
    if (this.ended) return;
    this.ended = closed;
    this.forget();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    this.messageListeners.clear();
    for (const fn of listeners) fn(closed);
    this.options.onEnded(this, { ...closed, ...(refuseMs === undefined ? {} : { refuseMs }) });
  }
}
