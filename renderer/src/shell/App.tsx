import { Workbench } from '../features/layout/Workbench';
import { selectShellState } from '../store/selectors';
import { useHarnessStore } from '../store/use-harness-store';
import { AppHeader } from './AppHeader';
import { Disconnected } from './Disconnected';
import { StartupError } from './StartupError';

/**
 * The shell: the app bar and the workspace. `data-app-state` (connecting | ready | disconnected
 * | error) is part of the documented testing surface (README "Testing surface for your own
 * Playwright suites"). While the core is away every control is disabled (one disabled
 * fieldset), and the last view stays readable.
 */
export function App() {
  const shellState = useHarnessStore(selectShellState);
  const disconnected = shellState === 'disconnected';
  return (
    <div className="app" data-app-state={shellState}>
      <AppHeader />
      <main className="workspace" aria-busy={shellState === 'connecting'}>
        {shellState === 'error' && <StartupError />}
        {shellState === 'connecting' && <p className="notice">Connecting to the harness core…</p>}
        {disconnected && <Disconnected />}
        {(shellState === 'ready' || disconnected) && (
          <fieldset className="workspace-controls" disabled={disconnected}>
            <legend className="visually-hidden">Harness controls</legend>
            <Workbench />
          </fieldset>
        )}
      </main>
    </div>
  );
}
