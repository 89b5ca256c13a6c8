import type { ReactNode } from 'react';
import type { TracedCounters, SessionView } from '@shared/trace/view';
import { formatTraceTime } from '@shared/trace/view';
import { episodeText, type HistoryEpisode } from './session-history';
import { reasonWords, stateWords } from './session-words';

/** The counters the strip shows, with `data-counter` keys as the session panel has them. */
const STRIP_COUNTERS: readonly (readonly [keyof TracedCounters, string])[] = [
  ['logins', 'Logins'],
  ['busyRetries', 'BUSY retries'],
  ['timeouts', 'Timeouts'],
  ['retries', 'Retries'],
  ['recoveredPayments', 'Recovered'],
  ['ignoredRequests', 'Ignored'],
];

export interface SessionStripProps {
  readonly view: SessionView;
  readonly profile?: string;
  /** More facts for the facts line (the timings in force). */
  readonly facts?: ReactNode;
  /** A line under the facts (a hint about what is going on). */
  readonly children?: ReactNode;
  /** The newest episode of the session history: what the strip gives as the state's cause. */
  readonly episode?: HistoryEpisode;
}

/**
 * The session in one line that never scrolls away: the state, the last transition and its
 * cause, the payment app, and the counters a QA engineer watches while pressing faults. The root
 * is the region "Session" with `data-session-state` (README "Testing surface").
 */
export function SessionStrip({ view, profile, episode, facts, children }: SessionStripProps) {
  const last = view.lastTransition;
  const { counters } = view;
  return (
    <section className="session-strip" aria-label="Session" data-session-state={view.state}>
      <h2 className="strip-title">
        Session <span className="ss-state strip-state">{stateWords(view.state)}</span>
      </h2>
      <p className="strip-cause" data-strip-cause>
        {episode !== undefined ? (
          <>
            <span className="ss-muted">at {formatTraceTime(episode.t)}:</span>{' '}
            {episodeText(episode)}
          </>
        ) : last === undefined ? (
          'No transition yet'
        ) : (
          <>
            <span className="ss-transition">
              {stateWords(last.from)} → {stateWords(last.to)}
            </span>{' '}
            <span className="ss-muted">at {formatTraceTime(last.t)}:</span>{' '}
            {reasonWords(last.reason)}
          </>
        )}
      </p>
      <p className="strip-facts">
        <span>
          Payment app {view.peerVersion ?? 'version unknown'}
          {view.peerState === undefined ? '' : `, ${view.peerState}`}
          {profile === undefined ? '' : ` (${profile})`}
        </span>
        {STRIP_COUNTERS.map(([key, label]) => (
          <span key={key}>
            {label} <span data-counter={key}>{counters[key] ?? '—'}</span>
          </span>
        ))}
        {facts}
      </p>
      {children}
    </section>
  );
}
