import { selectConnection } from '../store/selectors';
import { useHarnessStore } from '../store/use-harness-store';
import { CONNECTION_LABELS } from './format';

/** The state of the HarnessApi connection, announced politely when it changes. */
export function ConnectionStatus() {
  const connection = useHarnessStore(selectConnection);
  return (
    <p
      className="connection"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-connection-state={connection}
    >
      <span className="visually-hidden">Core connection: </span>
      <span className="connection-dot" aria-hidden="true" />
      {CONNECTION_LABELS[connection]}
    </p>
  );
}
