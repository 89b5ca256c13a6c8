import type { Wire } from '@shared/link/endpoint';
import type { EventOf, TraceEvent } from '@shared/trace/events';
import { summariseMessage } from '@shared/trace/view';

/**
 * What the terminal's answers reveal about one external POS's session (terminal and proxy roles,
 * README "The proxy role"): its link is up without a session, it is logged in, its session
 * ended, or its link closed or dropped.
 */
export type PosSessionState = 'linked' | 'loggedIn' | 'sessionEnded' | 'closed' | 'lost';

/** One change of a POS's session and what caused it. */
export interface PosSessionChange {
  readonly seq: number;
  readonly t: number;
  readonly from: PosSessionState | undefined;
  readonly to: PosSessionState;
  readonly cause: string;
}

/** A request the payment application ignored because no session was open. */
export interface IgnoredRequest {
  readonly seq: number;
  readonly category: string | undefined;
  readonly reason: string;
}

/** One external POS, by its link. */
export interface PosSessionCard {
  readonly link: string;
  readonly wire: Wire | undefined;
  /** The POS's SaleID, from its first message that carried one. */
  readonly saleId: string | undefined;
  readonly state: PosSessionState;
  readonly last: PosSessionChange;
  readonly ignored: number;
  readonly lastIgnored: IgnoredRequest | undefined;
}

/** Every external POS seen in a run, in the order they first appeared. */
export interface PosSessions {
  readonly cards: readonly PosSessionCard[];
}

export const NO_POS_SESSIONS: PosSessions = { cards: [] };

/**
 * Most cards kept: a POS that reconnects gets a new card per link, and a long run must not grow
 * the panel without bound; the oldest closed cards go first.
 */
export const MAX_POS_CARDS = 50;

type Stamped<K extends TraceEvent['kind']> = EventOf<K> & Pick<TraceEvent, 'seq' | 't'>;

/** The state a link or session event leads to, and its cause in words; undefined: no change. */
function transitionOf(
  event: Stamped<'link'> | Stamped<'poiSession'>,
): { readonly to: PosSessionState; readonly cause: string } | undefined {
  if (event.kind === 'poiSession') {
    switch (event.change) {
      case 'opened':
        return { to: 'loggedIn', cause: event.reason };
      case 'closed':
        return { to: 'sessionEnded', cause: event.reason };
      case 'ignored':
        return undefined;
    }
  }
  if (event.change === 'opened') return { to: 'linked', cause: 'the POS connected' };
  const code = event.code === undefined ? '' : ` (code ${String(event.code)})`;
  return event.abrupt === true
    ? { to: 'lost', cause: event.reason ?? `the link dropped${code}` }
    : { to: 'closed', cause: event.reason ?? `the link closed${code}` };
}

function newCard(event: Pick<TraceEvent, 'seq' | 't'>, link: string): PosSessionCard {
  return {
    link,
    wire: undefined,
    saleId: undefined,
    state: 'linked',
    last: {
      seq: event.seq,
      t: event.t,
      from: undefined,
      to: 'linked',
      cause: 'the POS spoke first',
    },
    ignored: 0,
    lastIgnored: undefined,
  };
}

function withCard(
  sessions: PosSessions,
  link: string,
  event: Pick<TraceEvent, 'seq' | 't'>,
  change: (card: PosSessionCard) => PosSessionCard,
): PosSessions {
  const index = sessions.cards.findIndex((c) => c.link === link);
  if (index >= 0) {
    const cards = [...sessions.cards];
    const current = cards[index];
    if (current !== undefined) cards[index] = change(current);
    return { cards };
  }
  const cards = [...sessions.cards, change(newCard(event, link))];
  while (cards.length > MAX_POS_CARDS) {
    const closed = cards.findIndex((c) => c.state === 'closed' || c.state === 'lost');
    cards.splice(closed >= 0 ? closed : 0, 1);
  }
  return { cards };
}

/**
 * Folds one event into the cards. Only the payment application's side counts (observer `poi`:
 * the simulator in terminal role, the proxy facing the POS in proxy role); the proxy's own
 * terminal leg and the reference client's events are someone else's story.
 */
export function foldPosSession(sessions: PosSessions, event: TraceEvent): PosSessions {
  switch (event.kind) {
    case 'link': {
      if (event.observer !== 'poi') return sessions;
      const next = transitionOf(event);
      if (next === undefined) return sessions;
      return withCard(sessions, event.link, event, (card) => ({
        ...card,
        wire: event.wire ?? card.wire,
        state: next.to,
        last: { seq: event.seq, t: event.t, from: card.state, ...next },
      }));
    }
    case 'poiSession': {
      const next = transitionOf(event);
      return withCard(sessions, event.link, event, (card) => {
        const saleId = card.saleId ?? event.saleId;
        if (next === undefined) {
          return {
            ...card,
            saleId,
            ignored: card.ignored + 1,
            lastIgnored: { seq: event.seq, category: event.category, reason: event.reason },
          };
        }
        return {
          ...card,
          saleId,
          state: next.to,
          last: { seq: event.seq, t: event.t, from: card.state, ...next },
        };
      });
    }
    case 'message': {
      if (event.observer !== 'poi' || event.direction !== 'toPoi') return sessions;
      const known = sessions.cards.find((c) => c.link === event.link);
      if (known?.saleId !== undefined) return sessions;
      const saleId = summariseMessage(event).saleId;
      if (saleId === undefined) return sessions;
      return withCard(sessions, event.link, event, (card) => ({
        ...card,
        saleId,
        wire: card.wire ?? event.wire,
      }));
    }
    case 'fault':
    case 'ledger':
    case 'lifecycle':
    case 'op':
    case 'retry':
    case 'security':
    case 'session':
    case 'timeout':
      return sessions;
  }
}

/** Folds a batch of events in order. */
export function foldPosSessions(sessions: PosSessions, events: readonly TraceEvent[]): PosSessions {
  let next = sessions;
  for (const event of events) next = foldPosSession(next, event);
  return next;
}

/** How each state reads on a card. */
export const POS_SESSION_LABELS: Readonly<Record<PosSessionState, string>> = {
  linked: 'linked, no session',
  loggedIn: 'logged in',
  sessionEnded: 'session ended',
  closed: 'link closed',
  lost: 'link lost',
};
