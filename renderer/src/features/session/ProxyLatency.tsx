import type { ProxyInfo } from '@shared/ipc';
import './session.css';

export interface ProxyLatencyProps {
  /** The time the proxy adds per direction, as the core last pushed it. */
  readonly latency: ProxyInfo['latency'];
}

type Direction = keyof ProxyInfo['latency'];

/** The directions in the order a request and its response travel. */
const DIRECTIONS: readonly (readonly [Direction, string])[] = [
  ['toTerminal', 'POS → terminal'],
  ['toPos', 'terminal → POS'],
];

/** Milliseconds at the precision that matters: sub-millisecond figures keep their hundredths. */
export function latencyText(ms: number): string {
  if (ms < 0.01) return '< 0.01 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en')} ms`;
}

const HOW =
  'Time the proxy adds to each message it forwards, over the recent messages each way ' +
  '(README "The proxy role"). A response held by Delay responses counts its delay.';

/**
 * The time the proxy adds, median and p99 per direction, in the session strip of proxy role
 * (README "Proxy role in the window"): the figures `GET /control/state` gives, kept live.
 */
export function ProxyLatency({ latency }: ProxyLatencyProps) {
  return (
    <div className="strip-facts proxy-latency" role="group" aria-label="Added latency" title={HOW}>
      <span className="proxy-latency-title">Added latency</span>
      {DIRECTIONS.map(([direction, words]) => {
        const { count, medianMs, p99Ms } = latency[direction];
        return (
          <span
            key={direction}
            data-latency={direction}
            data-count={count}
            data-median-ms={medianMs ?? undefined}
            data-p99-ms={p99Ms ?? undefined}
          >
            {words}{' '}
            {medianMs === null || p99Ms === null
              ? 'no message yet'
              : `median ${latencyText(medianMs)}, p99 ${latencyText(p99Ms)}`}
          </span>
        );
      })}
    </div>
  );
}
