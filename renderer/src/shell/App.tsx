import { Workbench } from '../features/layout/Workbench';
import { selectAppState } from '../store/selectors';
import { useHarnessStore } from '../store/use-harness-store';
import { AppHeader } from './AppHeader';
import { StartupError } from './StartupError';

/**
 * The shell: the app bar and the workspace. `data-app-state` (connecting | ready | error) is
 * part of the documented testing surface (README "Testing surface for your own Playwright suites").
 */
export function App() {
  const appState = useHarnessStore(selectAppState);
  return (
    <div className="app" data-app-state={appState}>
      <AppHeader />
      <main className="workspace" aria-busy={appState === 'connecting'}>
        {appState === 'error' && <StartupError />}
        {appState === 'connecting' && <p className="notice">Connecting to the harness core…</p>}
        {appState === 'ready' && <Workbench />}
      </main>
    </div>
  );
}
