import type { ReactNode } from 'react';
import { POS_SESSION_LABELS, type PosSessions } from './pos-sessions';

export interface PosSessionStripProps {
  readonly sessions: PosSessions;
  readonly role: 'terminal' | 'proxy';
  /** A line under the session (the proxy's added latency). */
  readonly children?: ReactNode;
}

/**
 * The strip's line in terminal and proxy roles: how many external POSes are linked and the
 * newest one's session with the cause of its last change (the cards say the rest).
 */
export function PosSessionStrip({ sessions, role, children }: PosSessionStripProps) {
  const newest = sessions.cards.at(-1);
  const live = sessions.cards.filter((c) => c.state === 'linked' || c.state === 'loggedIn');
  return (
    <section className="session-strip" aria-label="Session" data-session-role={role}>
      <h2 className="strip-title">
        Session{' '}
        <span className="ss-state strip-state">
          {live.length} of {sessions.cards.length} POS linked
        </span>
      </h2>
      <p className="strip-cause" data-strip-cause>
        {newest === undefined ? (
          `No POS yet (${role} role: the POS is external)`
        ) : (
          <>
            <span className="ss-transition">
              {newest.saleId ?? newest.link}: {POS_SESSION_LABELS[newest.state]}
            </span>{' '}
            <span className="ss-muted">—</span> {newest.last.cause}
          </>
        )}
      </p>
      {children}
    </section>
  );
}
