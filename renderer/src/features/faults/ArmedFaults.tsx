import { useId, useState } from 'react';
import type { Result } from '@shared/result';
import { describeFault, type HarnessArmedKind } from '@shared/ipc';
import { armedFaultItems, type ArmedSnapshot } from './armed-faults';

export interface ArmedFaultsProps {
  /**
   * The armed faults of the embedded simulator or (proxy role) of the proxy in the middle; null
   * when neither runs in this role.
   */
  readonly armed: ArmedSnapshot | null;
  /** An embedded simulator runs, so there is one to reset (in proxy role the terminal is real). */
  readonly canReset: boolean;
  /** Takes back one kind, or (undefined) every armed fault. */
  readonly onDisarm: (kind?: HarnessArmedKind) => Promise<Result<unknown, string>>;
  /** Back to a fresh simulator: links, sessions, ledger and armed faults gone. */
  readonly onReset: () => Promise<Result<unknown, string>>;
}

const NO_SIMULATOR = 'No payment-app simulator runs in this role.';
const RESET_TITLE =
  'The payment app starts fresh: links close, sessions, ledger and armed faults are forgotten.';
const NO_RESET_TITLE = 'No payment-app simulator runs in this role: there is none to reset.';

/**
 * What is armed and waiting for its message, with what is left of it, so presses that add up
 * show before they bite; each can be taken back, all at once, or the simulator reset.
 */
export function ArmedFaults({ armed, canReset, onDisarm, onReset }: ArmedFaultsProps) {
  const headingId = useId();
  const [problem, setProblem] = useState('');
  const items = armed === null ? [] : armedFaultItems(armed);
  const run = async (action: () => Promise<Result<unknown, string>>, what: string) => {
    const result = await action();
    setProblem(result.ok ? '' : `${what} failed: ${result.error}`);
  };
  return (
    <section className="armed-faults" aria-labelledby={headingId} data-armed-count={items.length}>
      <h2 id={headingId} className="armed-title">
        Armed
      </h2>
      <ul className="armed-list" aria-label="Armed faults">
        {items.map((item) => (
          <li key={item.kind} className="armed-item" data-armed={item.kind}>
            <span>{item.text}</span>
            <button
              type="button"
              className="armed-remove"
              aria-label={`Remove ${describeFault(item.kind).label}`}
              title={`Remove ${describeFault(item.kind).label}`}
              onClick={() => void run(() => onDisarm(item.kind), 'Remove')}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {armed !== null && items.length === 0 && <p className="armed-empty">Nothing armed.</p>}
      {armed === null && <p className="armed-empty">{NO_SIMULATOR}</p>}
      <div className="armed-actions">
        <button
          type="button"
          disabled={armed === null || items.length === 0}
          onClick={() => void run(() => onDisarm(), 'Clear armed faults')}
        >
          Clear armed faults
        </button>
        <button
          type="button"
          disabled={!canReset}
          title={canReset ? RESET_TITLE : NO_RESET_TITLE}
          onClick={() => void run(onReset, 'Reset simulator')}
        >
          Reset simulator
        </button>
      </div>
      {problem !== '' && (
        <p className="armed-problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
