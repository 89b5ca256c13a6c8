import { WIRE_LABELS } from '@shared/link/endpoint';
import { formatTraceTime } from '@shared/trace/view';
import { POS_SESSION_LABELS, type PosSessionCard, type PosSessions } from './pos-sessions';
import './pos-sessions.css';

export interface PosSessionCardsProps {
  readonly sessions: PosSessions;
  /** The region's name (see `SessionPanel`). */
  readonly label: string;
  /** Whose answers the cards read: the simulator (terminal role) or the terminal (proxy role). */
  readonly role: 'terminal' | 'proxy';
}

const SOURCE = {
  terminal: 'as the simulator answered it',
  proxy: 'as the terminal’s answers through the proxy reveal it',
} as const;

function Card({ card }: { readonly card: PosSessionCard }) {
  const { last } = card;
  const name = card.saleId ?? 'SaleID not seen yet';
  return (
    <li
      className="pos-card"
      aria-label={`POS ${card.saleId ?? card.link}`}
      data-pos-link={card.link}
      data-pos-state={card.state}
      data-sale-id={card.saleId}
    >
      <div className="pos-card-head">
        <strong className="mono">{name}</strong>
        <span className={`pos-card-state pos-state-${card.state}`}>
          {POS_SESSION_LABELS[card.state]}
        </span>
      </div>
      <dl className="pos-card-facts">
        <div>
          <dt>Link</dt>
          <dd className="mono">
            {card.link}
            {card.wire === undefined ? '' : ` · ${WIRE_LABELS[card.wire]}`}
          </dd>
        </div>
        <div role="group" aria-label="Last transition">
          <dt>Last change</dt>
          <dd>
            <span className="mono">
              {last.from === undefined
                ? POS_SESSION_LABELS[last.to]
                : `${POS_SESSION_LABELS[last.from]} → ${POS_SESSION_LABELS[last.to]}`}
            </span>{' '}
            <span className="ss-muted">
              at {formatTraceTime(last.t)} (#{last.seq})
            </span>
            <br />
            {last.cause}
          </dd>
        </div>
        {card.lastIgnored !== undefined && (
          <div>
            <dt>Ignored requests</dt>
            <dd data-counter="ignoredRequests">
              {card.ignored}: last {card.lastIgnored.category ?? 'request'} (#
              {card.lastIgnored.seq}), {card.lastIgnored.reason}
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}

/**
 * One card per external POS (terminal and proxy roles): its link, SaleID, session state and the
 * last transition with its cause, newest POS first. The harness does not play the POS in these
 * roles, so there is no state machine of its own to draw. Testing surface: each card carries
 * `data-pos-link`, `data-pos-state` and `data-sale-id`.
 */
export function PosSessionCards({ sessions, label, role }: PosSessionCardsProps) {
  const cards = [...sessions.cards].reverse();
  const live = cards.filter((c) => c.state === 'linked' || c.state === 'loggedIn').length;
  return (
    <section className="ss-panel" aria-label={label} data-session-role={role}>
      <h2 className="ss-heading">
        {label}{' '}
        <span className="ss-state">
          {live} of {cards.length} POS linked
        </span>
      </h2>
      <p className="ss-muted pos-cards-source">Each external POS’s session, {SOURCE[role]}.</p>
      {cards.length === 0 ? (
        <p className="ss-muted">No POS has connected yet: give it the address shown under Role.</p>
      ) : (
        <ul className="pos-cards">
          {cards.map((card) => (
            <Card key={card.link} card={card} />
          ))}
        </ul>
      )}
    </section>
  );
}
