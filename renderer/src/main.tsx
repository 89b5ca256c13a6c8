import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserClock } from './api/browser-clock';
import { HarnessApiProvider } from './api/HarnessApiProvider';
import { selectAdapter } from './api/select-adapter';
import { App } from './shell/App';
import { startHarness } from './features/app/commands';
import { createHarnessStore } from './store/harness-store';
import { HarnessStoreProvider } from './store/HarnessStoreProvider';
import './styles.css';

const store = createHarnessStore();
const adapter = selectAdapter(window, {
  clock: new BrowserClock(),
  random: Math.random,
  onProtocolError: (message) => console.warn(`HarnessApi: ${message}`),
});
if (adapter.ok) startHarness(adapter.value, store);
else store.getState().failStartup(adapter.error);

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <HarnessStoreProvider store={store}>
      <HarnessApiProvider api={adapter.ok ? adapter.value.api : null}>
        <App />
      </HarnessApiProvider>
    </HarnessStoreProvider>
  </StrictMode>,
);
