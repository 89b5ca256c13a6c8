import { selectAppInfo } from '../store/selectors';
import { useHarnessStore } from '../store/use-harness-store';
import { ConnectionStatus } from './ConnectionStatus';

/** Shown until the core has said its name. */
const FALLBACK_TITLE = 'App2App Harness';

/** The app bar: the product name and version the core reports, and the connection state. */
export function AppHeader() {
  const info = useHarnessStore(selectAppInfo);
  return (
    <header className="app-header">
      <div className="brand">
        <h1>{info?.productName ?? FALLBACK_TITLE}</h1>
        {info !== null && <span className="version-badge">v{info.version}</span>}
      </div>
      <ConnectionStatus />
    </header>
  );
}
