import type { LinkId } from '../link/link';

/** One session: a SaleID logged in on a link. */
export interface PoiSession {
  readonly link: LinkId;
  readonly saleId: string;
  /** Wall time of the Login, ISO 8601. */
  readonly openedAt: string;
}

/** What opening a session displaced: sessions of the same link or of the same SaleID. */
export interface OpenResult {
  readonly opened: boolean;
  readonly displaced: readonly PoiSession[];
}

/**
 * The open sessions. A session belongs to one link and one SaleID: a Login replaces the link's
 * session and any session of the same SaleID on another link; a Login on a live session keeps it.
 */
export class SessionTable {
  private readonly byLink = new Map<LinkId, PoiSession>();

  open(link: LinkId, saleId: string, openedAt: string): OpenResult {
    const current = this.byLink.get(link);
    if (current?.saleId === saleId) return { opened: false, displaced: [] };
    const displaced = [...this.byLink.values()].filter(
      (s) => s.link === link || s.saleId === saleId,
    );
    for (const s of displaced) this.byLink.delete(s.link);
    this.byLink.set(link, { link, saleId, openedAt });
    return { opened: true, displaced };
  }

  /** The session a request from this link and SaleID belongs to. */
  find(link: LinkId, saleId: string): PoiSession | undefined {
    const session = this.byLink.get(link);
    return session?.saleId === saleId ? session : undefined;
  }

  ofLink(link: LinkId): PoiSession | undefined {
    return this.byLink.get(link);
  }

  close(link: LinkId): PoiSession | undefined {
    const session = this.byLink.get(link);
    this.byLink.delete(link);
    return session;
  }

  /** Forgets every session and returns them. */
  clear(): PoiSession[] {
    const all = [...this.byLink.values()];
    this.byLink.clear();
    return all;
  }

  all(): PoiSession[] {
    return [...this.byLink.values()];
  }
}
