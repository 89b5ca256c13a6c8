import { useEffect, useState } from 'react';
import type { TracedOp } from '@shared/trace/view';
import { countdownText, opTimeoutMs, type OpTimeouts } from './session-format';
import { operationWords } from '../../words/operations';
import './session.css';

export interface OpsInFlightListProps {
  readonly ops: readonly TracedOp[];
  readonly timeouts: OpTimeouts;
  /** Trace `t` of the newest event folded in: countdowns never run behind it. */
  readonly viewT: number;
  /**
   * Current trace time, for a live view: while something is in flight a timer re-reads it so
   * the countdowns move between events. Omitted in replay, where time stands at `viewT`.
   */
  readonly now?: () => number;
}

const TICK_MS = 200;

/** Operations invoked and not finished, each with its countdown to the policy's timeout. */
export function OpsInFlightList({ ops, timeouts, viewT, now }: OpsInFlightListProps) {
  const [tickT, setTickT] = useState(() => now?.() ?? viewT);
  const busy = ops.length > 0;
  useEffect(() => {
    // The timer runs only while something is in flight and only for a live view.
    if (now === undefined || !busy) return;
    const id = setInterval(() => setTickT(now()), TICK_MS);
    return () => clearInterval(id);
  }, [now, busy]);
  const current = now === undefined ? viewT : Math.max(tickT, viewT);
  return (
    <section className="ss-ops" aria-label="Operations in flight">
      <h3>Operations in flight</h3>
      {busy ? (
        <ul>
          {ops.map((op) => (
            <li key={op.op} data-op={op.op}>
              <span className="ss-op-name">{operationWords(op.name)}</span>{' '}
              <span role="timer" className="ss-countdown">
                {countdownText(op, opTimeoutMs(op, timeouts), current)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ss-muted">None</p>
      )}
    </section>
  );
}
