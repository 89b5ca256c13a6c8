import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HarnessApiProvider } from '../api/HarnessApiProvider';
import { createHarnessStore, type HarnessStore } from '../store/harness-store';
import { createFakeApi } from '../testing/fake-api';
import { HarnessStoreProvider } from '../store/HarnessStoreProvider';
import { App } from './App';
import { formatInstant } from './format';

const info = {
  productName: 'App2App Harness',
  version: '0.7.1',
  startedAt: '2026-03-04T10:30:00.000Z',
  mode: 'browser',
} as const;

/** The value of a fact of the core summary: the <dd> after the <dt> naming it. */
function fact(name: string, scope: HTMLElement = document.body): HTMLElement {
  const term = within(scope).getByText(name, { selector: 'dt' });
  const value = term.nextElementSibling;
  if (!(value instanceof HTMLElement) || value.tagName !== 'DD')
    throw new Error(`no value for ${name}`);
  return value;
}

/** The app bar's connection status (other panels announce statuses of their own). */
const connectionStatus = () => within(screen.getByRole('banner')).getByRole('status');

function renderApp(store: HarnessStore = createHarnessStore()) {
  const view = render(
    <HarnessStoreProvider store={store}>
      <App />
    </HarnessStoreProvider>,
  );
  const root = () => view.container.firstElementChild as HTMLElement;
  return { store, root };
}

describe('<App>', () => {
  it('shows that it is connecting before the core answered', () => {
    const { root } = renderApp();
    expect(root()).toHaveAttribute('data-app-state', 'connecting');
    expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByText('Connecting to the harness core…')).toBeInTheDocument();
    expect(connectionStatus()).toHaveTextContent('Core connection: Connecting');
  });

  it('shows the product name, version, start time and mode the core reported once ready', () => {
    const { store, root } = renderApp();
    act(() => {
      store.getState().setConnection('connected');
      store.getState().setAppInfo(info);
    });

    expect(root()).toHaveAttribute('data-app-state', 'ready');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('App2App Harness');
    const core = screen.getByRole('region', { name: 'Harness core' });
    expect(fact('Version', core)).toHaveTextContent('0.7.1');
    const started = fact('Started', core);
    expect(started).toHaveTextContent(formatInstant(info.startedAt));
    expect(started.querySelector('time')).toHaveAttribute('datetime', info.startedAt);
    expect(fact('Mode', core)).toHaveTextContent('Browser mode');
    expect(connectionStatus()).toHaveTextContent('Core connection: Connected');
  });

  it('shows whether the event stream is live', () => {
    const { store } = renderApp();
    act(() => {
      store.getState().setConnection('connected');
      store.getState().setAppInfo(info);
    });
    const stream = () => fact('Event stream');
    expect(stream()).toHaveTextContent('Waiting');

    act(() => store.getState().markStreamLive('2026-03-04T10:30:01.000Z'));
    expect(stream()).toHaveTextContent(`Live since ${formatInstant('2026-03-04T10:30:01.000Z')}`);

    act(() => store.getState().setConnection('lost'));
    expect(stream()).toHaveTextContent('Waiting');
  });

  it.each([
    ['lost', 'Connection lost'],
    ['reconnecting', 'Reconnecting'],
    ['connected', 'Connected'],
  ] as const)('announces the %s connection state', (state, label) => {
    const { store } = renderApp();
    act(() => store.getState().setConnection(state));
    const status = connectionStatus();
    expect(status).toHaveTextContent(`Core connection: ${label}`);
    expect(status).toHaveAttribute('data-connection-state', state);
    expect(status).toHaveAttribute('aria-live', 'polite');
  });

  it('keeps the last known info on screen while the core is away, with every control disabled', () => {
    const { store, root } = renderApp();
    act(() => {
      store.getState().setMode('browser');
      store.getState().setConnection('connected');
      store.getState().setAppInfo(info);
    });
    expect(root()).toHaveAttribute('data-app-state', 'ready');
    expect(screen.getByRole('button', { name: 'Send payment' })).toBeEnabled();

    act(() => store.getState().setConnection('reconnecting'));
    expect(root()).toHaveAttribute('data-app-state', 'disconnected');
    expect(fact('Version')).toHaveTextContent('0.7.1');
    expect(screen.getByRole('alert')).toHaveTextContent(/Lost the connection.*a2a web/);
    expect(screen.getByRole('button', { name: 'Send payment' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Clear armed faults' })).toBeDisabled();

    act(() => store.getState().setConnection('connected'));
    expect(root()).toHaveAttribute('data-app-state', 'ready');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a start-up failure as an alert', () => {
    const { store, root } = renderApp();
    act(() => store.getState().failStartup('This page has no access token.'));
    expect(root()).toHaveAttribute('data-app-state', 'error');
    expect(screen.getByRole('alert')).toHaveTextContent('The harness could not start');
    expect(screen.getByRole('alert')).toHaveTextContent('This page has no access token.');
  });

  it('refuses to render without a store provider', () => {
    expect(() => render(<App />)).toThrow(/HarnessStoreProvider/);
  });
});

describe('the Theme control', () => {
  it('follows the system until the user picks a theme, then marks the root element', async () => {
    const { store } = renderApp();
    act(() => {
      store.getState().setConnection('connected');
      store.getState().setAppInfo(info);
    });
    const theme = screen.getByRole('combobox', { name: 'Theme' });
    expect(theme).toHaveValue('system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
    await userEvent.setup().selectOptions(theme, 'dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    await userEvent.setup().selectOptions(theme, 'system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('asks the core to remember the choice for the next start', async () => {
    const fake = createFakeApi({
      'settings:set': (change) => ({
        ok: true,
        value: { theme: change.theme ?? 'system', paneLayout: null },
      }),
    });
    const store = createHarnessStore();
    render(
      <HarnessStoreProvider store={store}>
        <HarnessApiProvider api={fake.api}>
          <App />
        </HarnessApiProvider>
      </HarnessStoreProvider>,
    );
    act(() => {
      store.getState().setConnection('connected');
      store.getState().setAppInfo(info);
    });
    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'light');
    expect(fake.requests('settings:set')).toEqual([{ theme: 'light' }]);
    expect(store.getState().theme).toBe('light');
  });
});
