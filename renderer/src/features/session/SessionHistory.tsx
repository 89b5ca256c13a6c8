import { formatTraceTime } from '@shared/trace/view';
import type { HistoryEpisode } from './session-history';

export interface SessionHistoryProps {
  /** The episodes to show, oldest first (they are listed newest first). */
  readonly episodes: readonly HistoryEpisode[];
  /** Older episodes the bounded history no longer holds. */
  readonly dropped?: number;
  /** Selects an event on the timeline (the cause of an episode); without it, episodes are text. */
  readonly onShow?: (seq: number) => void;
}

/**
 * The client session's transition history (README "Session history"): each episode with what
 * set it off and the states it went through, e.g. "Payment app updated to 1.0.1: session ended
 * (offline) → … → ready", newest first. Each step's tooltip holds the session manager's reason.
 * Testing surface: the list "Session history"; each item carries `data-seq` (its cause's event)
 * and `data-session-states` (the states it went through, space-separated).
 */
export function SessionHistory({ episodes, dropped = 0, onShow }: SessionHistoryProps) {
  const newestFirst = [...episodes].reverse();
  return (
    <div className="ss-history">
      <h3 className="ss-history-title">History</h3>
      {episodes.length === 0 ? (
        <p className="ss-muted">No transition yet.</p>
      ) : (
        <ol className="ss-history-list" aria-label="Session history">
          {newestFirst.map((episode) => {
            const chain = episode.steps.map((step, index) => (
              <span key={step.seq} title={`${formatTraceTime(step.t)}: ${step.reason}`}>
                {index > 0 && ' → '}
                <span className="ss-history-step" data-state={step.to}>
                  {step.label}
                </span>
              </span>
            ));
            const body = (
              <>
                <span className="ss-muted ss-history-time">{formatTraceTime(episode.t)}</span>{' '}
                <span className="ss-history-cause">{episode.cause}:</span> {chain}
              </>
            );
            return (
              <li
                key={episode.seq}
                className="ss-history-item"
                data-seq={episode.seq}
                data-session-states={episode.steps.map((step) => step.to).join(' ')}
              >
                {onShow === undefined ? (
                  body
                ) : (
                  <button
                    type="button"
                    className="ss-history-button"
                    title="Show on the timeline"
                    onClick={() => onShow(episode.seq)}
                  >
                    {body}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {dropped > 0 && (
        <p className="ss-muted">
          {dropped} earlier {dropped === 1 ? 'episode' : 'episodes'} not shown (the history shows
          the newest {episodes.length}).
        </p>
      )}
    </div>
  );
}
