import { checkerNamed, verdictFocus, type Verdict } from '@shared/trace/checkers';
import { checkerTitle, verdictStatusWord } from './checker-words';
import './verdicts.css';

export interface VerdictListProps {
  readonly verdicts: readonly Verdict[];
  /** Accessible name of the list, e.g. "Verdicts of busy-at-start". */
  readonly label: string;
  /**
   * Shows the event a verdict is about ({@link verdictFocus}) in a timeline; without it,
   * verdicts are text.
   */
  readonly onShow?: (verdict: Verdict, seq: number) => void;
}

/** `#12, #15 and 3 more` */
function evidenceText(events: readonly number[]): string {
  const shown = events.slice(0, 3).map((seq) => `#${seq}`);
  const more = events.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/**
 * Verdicts, failing ones first, each linked to its events, the checker named in words and a
 * passing verdict saying what it checked. Testing surface (stable, in the README): every
 * verdict carries `data-verdict` (the checker), `data-pass` (`true`/`false`), `data-events`
 * (its seqs, space-separated) and `data-focus` (the seq a click selects); its message is the
 * text of `[data-verdict-message]`. A verdict with events is a button named
 * "<checker title>: passed|failed …" that shows the event it is about.
 */
export function VerdictList({ verdicts, label, onShow }: VerdictListProps) {
  // Failing first, keeping the checkers' order within each group.
  const ordered = [...verdicts.filter((v) => !v.pass), ...verdicts.filter((v) => v.pass)];
  return (
    <ul className="verdict-list" aria-label={label}>
      {ordered.map((verdict, index) => {
        const status = verdict.pass ? 'pass' : 'fail';
        const focus = verdictFocus(verdict);
        const title = checkerTitle(verdict.checker);
        const content = (
          <>
            <span className="verdict-mark" aria-hidden="true">
              {verdict.pass ? '✓' : '✗'}
            </span>
            <span className="verdict-checker">{title}</span>
            <span className="verdict-status">{verdictStatusWord(verdict.pass)}</span>
            <span className="verdict-message" data-verdict-message="">
              {verdict.message}
            </span>
            {verdict.events.length > 0 && (
              <span className="verdict-events mono">{evidenceText(verdict.events)}</span>
            )}
          </>
        );
        return (
          <li
            key={`${verdict.checker}-${String(index)}`}
            className={`verdict verdict-${status}`}
            data-verdict={verdict.checker}
            data-pass={verdict.pass}
            data-events={verdict.events.join(' ')}
            data-focus={focus}
            title={checkerNamed(verdict.checker).description}
          >
            {onShow !== undefined && focus !== undefined ? (
              <button
                type="button"
                className="verdict-button"
                aria-label={`${title}: ${verdictStatusWord(verdict.pass)}. ${verdict.message}. Show event #${String(focus)} in the timeline`}
                onClick={() => onShow(verdict, focus)}
              >
                {content}
              </button>
            ) : (
              <div className="verdict-body">{content}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
