import { describeRun } from '../features/role/describe-run';
import { selectAppInfo, selectRun } from '../store/selectors';
import { useHarnessStore } from '../store/use-harness-store';
import { ConnectionStatus } from './ConnectionStatus';
import { ThemeControl } from './ThemeControl';

/** Shown until the core has said its name. */
const FALLBACK_TITLE = 'App2App Harness';

/** The app bar: the product name and version the core reports, the role, and the connection. */
export function AppHeader() {
  const info = useHarnessStore(selectAppInfo);
  const run = useHarnessStore(selectRun);
  return (
    <header className="app-header">
      <div className="brand">
        <h1>{info?.productName ?? FALLBACK_TITLE}</h1>
        {info !== null && <span className="version-badge">v{info.version}</span>}
      </div>
      {run !== null && (
        <p className="role-badge" data-role={run.role}>
          {describeRun(run)}
        </p>
      )}
      <ThemeControl />
      <ConnectionStatus />
    </header>
  );
}
