import type { TracedCounters, SessionView } from '@shared/trace/view';
import { formatTraceTime } from '@shared/trace/view';
import { OpsInFlightList } from './OpsInFlightList';
import type { HistoryEpisode } from './session-history';
import { SessionHistory } from './SessionHistory';
import { reasonWords, stateWords } from './session-words';
import { PosSessionCards } from './PosSessionCards';
import type { PosSessions } from './pos-sessions';
import { StateMachineDiagram } from './StateMachineDiagram';
import type { OpTimeouts } from './session-format';
import './session.css';

export interface SessionPanelProps {
  /** The session as the events tell it: live from the store, or `sessionAt(events, seq)` in replay. */
  readonly view: SessionView;
  /** Terminal profile (app2app, nexo, adyen…). */
  readonly profile?: string;
  /** Response timeouts by operation name or category, for the countdowns. */
  readonly timeouts?: OpTimeouts;
  /** Current trace time in a live view (see {@link OpsInFlightList}). */
  readonly now?: () => number;
  /**
   * The region's name: "Session" unless a session strip already carries that name (then one
   * without "Session" in it, as Playwright matches names by substring).
   */
  readonly label?: string;
  /** The client session's history up to this view (episodes oldest first), and how many older ones were let go. */
  readonly history?: { readonly episodes: readonly HistoryEpisode[]; readonly dropped: number };
  /** Selects an event on the timeline (a history episode's cause). */
  readonly onShowEvent?: (seq: number) => void;
  /** The run's role (or the trace header's): in terminal and proxy roles the POS is external. */
  readonly role?: string;
  /** The external POSes' sessions, shown instead of the client's state machine in those roles. */
  readonly posSessions?: PosSessions;
}

const COUNTERS: readonly (readonly [keyof TracedCounters, string])[] = [
  ['logins', 'Logins'],
  ['busyRetries', 'BUSY retries'],
  ['timeouts', 'Timeouts'],
  ['retries', 'Retries'],
  ['recoveredPayments', 'Recovered payments'],
  ['ignoredRequests', 'Ignored requests'],
];

const NO_TIMEOUTS: OpTimeouts = {};

/**
 * The client's session at a glance: the state machine with the current state highlighted, why
 * it got there, the counters, the peer, and what is in flight. The root carries
 * `data-session-state` for Playwright suites (README "Testing surface for your own Playwright suites").
 */
export function SessionPanel({
  view,
  profile,
  timeouts = NO_TIMEOUTS,
  now,
  label = 'Session',
  history,
  onShowEvent,
  role,
  posSessions,
}: SessionPanelProps) {
  if ((role === 'terminal' || role === 'proxy') && posSessions !== undefined)
    return <PosSessionCards sessions={posSessions} label={label} role={role} />;
  const last = view.lastTransition;
  return (
    <section className="ss-panel" aria-label={label} data-session-state={view.state}>
      <h2 className="ss-heading">
        {label} <span className="ss-state">{stateWords(view.state)}</span>
      </h2>
      <StateMachineDiagram current={view.state} lastFrom={last?.from} />
      <p className="ss-reason" role="group" aria-label="Last transition">
        {last === undefined ? (
          'No transition yet'
        ) : (
          <>
            <span className="ss-transition">
              {stateWords(last.from)} → {stateWords(last.to)}
            </span>{' '}
            <span className="ss-muted">at {formatTraceTime(last.t)}</span>
            <br />
            {reasonWords(last.reason)}
          </>
        )}
      </p>
      {history !== undefined && (
        <SessionHistory
          episodes={history.episodes}
          dropped={history.dropped}
          onShow={onShowEvent}
        />
      )}
      {/* The group is a wrapper: a role on the <dl> itself would orphan its items. */}
      <div role="group" aria-label="Session counters">
        <dl className="ss-counters">
          {COUNTERS.map(([key, label]) => (
            <div key={key} className="ss-counter">
              <dt>{label}</dt>
              <dd data-counter={key}>{view.counters[key]}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div role="group" aria-label="Payment application">
        <dl className="ss-peer">
          <div>
            <dt>Payment app version</dt>
            <dd>{view.peerVersion ?? 'unknown'}</dd>
          </div>
          <div>
            <dt>Payment app state</dt>
            <dd>{view.peerState ?? 'unknown'}</dd>
          </div>
          <div>
            <dt>Profile</dt>
            <dd>{profile ?? 'unknown'}</dd>
          </div>
        </dl>
      </div>
      <OpsInFlightList ops={view.opsInFlight} timeouts={timeouts} viewT={view.t} now={now} />
    </section>
  );
}
