import { selectStartupError } from '../store/selectors';
import { useHarnessStore } from '../store/use-harness-store';

/** Why the shell could not start, and what to do about it. */
export function StartupError() {
  const message = useHarnessStore(selectStartupError);
  return (
    <div className="panel panel-error" role="alert">
      <h2>The harness could not start</h2>
      <p>{message}</p>
    </div>
  );
}
