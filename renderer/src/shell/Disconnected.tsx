import { selectMode } from '../store/selectors';
import { useHarnessStore } from '../store/use-harness-store';

/** How the window gets its core back, per mode. */
const HOW_TO_RECONNECT = {
  browser:
    'The window retries on its own. If the harness host stopped, start it again (a2a web) and open the address it prints.',
  electron: 'The window retries on its own. If it does not come back, restart the App2App Harness.',
} as const;

/** Said while the core is away: the controls are disabled and why, and how to reconnect. */
export function Disconnected() {
  const mode = useHarnessStore(selectMode);
  return (
    <div className="panel panel-error disconnected" role="alert">
      <strong>Lost the connection to the harness core.</strong> The controls are disabled until it
      is back; what is on screen stays as it was. {HOW_TO_RECONNECT[mode ?? 'browser']}
    </div>
  );
}
