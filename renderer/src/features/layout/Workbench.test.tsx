import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  describeFault,
  HARNESS_FAULT_NAMES,
  type FaultAvailability,
  type OperationResult,
  type RunInfo,
  type SessionInfo,
} from '@shared/ipc';
import { DEFAULT_POLICY, type SessionPolicy } from '@shared/session/policy';
import { timingPreset } from '@shared/session/timing-presets';
import type { SimulatorStateSnapshot } from '@shared/simulator/control';
import { DEFAULT_SIMULATOR_SETTINGS, effectiveKnobs } from '@shared/simulator/profiles';
import { buildTraceHeader, serialiseTrace } from '@shared/trace/format';
import { HarnessApiProvider } from '../../api/HarnessApiProvider';
import { connectEventStream } from '../../api/event-bridge';
import { createHarnessStore } from '../../store/harness-store';
import { HarnessStoreProvider } from '../../store/HarnessStoreProvider';
import { createFakeApi, type FakeHandlers } from '../../testing/fake-api';
import { recoveryStory } from '../timeline/trace-fixtures';
import { Workbench } from './Workbench';

const header = buildTraceHeader(
  { harnessVersion: '0.1.0', role: 'client', profile: 'app2app', policy: {} },
  Date.UTC(2026, 0, 1),
  true,
);
const story = recoveryStory().events;

const faults: FaultAvailability[] = HARNESS_FAULT_NAMES.map((fault) => ({
  fault,
  ...describeFault(fault),
  enabled: fault !== 'restartClient',
  ...(fault === 'restartClient' ? { reason: 'Terminal role: there is no POS app here.' } : {}),
}));

function terminalRun(): RunInfo {
  return {
    runId: 'r1',
    role: 'terminal',
    peer: null,
    nexoUrl: 'ws://127.0.0.1:45678/nexo',
    profile: 'app2app',
    header,
  };
}

function setup(handlers: FakeHandlers = {}) {
  const fake = createFakeApi(handlers);
  const store = createHarnessStore();
  connectEventStream(fake.api, store);
  store.getState().setMode('browser');
  render(
    <HarnessStoreProvider store={store}>
      <HarnessApiProvider api={fake.api}>
        <Workbench />
      </HarnessApiProvider>
    </HarnessStoreProvider>,
  );
  return { fake, store, user: userEvent.setup() };
}

const file = (name: string, text: string) =>
  new File([text], name, { type: 'application/x-ndjson' });

describe('<Workbench>', () => {
  it('keeps session, faults and armed faults in one strip above the panes', () => {
    setup();
    const strip = screen.getByRole('complementary', { name: 'Session and faults' });
    expect(within(strip).getByRole('region', { name: 'Session' })).toBeVisible();
    expect(within(strip).getByRole('toolbar', { name: 'Faults' })).toBeVisible();
    expect(within(strip).getByRole('list', { name: 'Armed faults' })).toBeInTheDocument();
    const details = screen.getByRole('complementary', { name: 'Session details and verdicts' });
    expect(within(details).getByRole('region', { name: 'State machine' })).toBeVisible();
    const centre = screen.getByRole('region', { name: 'Timeline' });
    expect(within(centre).getByRole('listbox', { name: 'Timeline' })).toBeInTheDocument();
    const right = screen.getByRole('complementary', { name: 'Requests, ledger and role' });
    expect(within(right).getByRole('region', { name: 'Requests' })).toBeVisible();
    expect(within(right).getByRole('group', { name: 'Ledger at a glance' })).toBeVisible();
    expect(within(right).getByRole('region', { name: 'Role' })).toBeVisible();
    // The panes are resizable from the keyboard too: one separator between each two.
    expect(screen.getAllByRole('separator')).toHaveLength(2);
  });

  it('shows the armed faults the core pushes, and clears them through faults:disarm', async () => {
    const armed = {
      busyNextLogins: 6,
      dropNextResponse: [],
      delayResponses: {},
      approveThenDrop: false,
      restartDuringPayment: null,
      nextPaymentOutcome: null,
    };
    const { fake, user } = setup({
      'faults:disarm': () => ({
        ok: true,
        value: { role: 'client', peer: null, simulator: null, nexoUrl: null },
      }),
    });
    const simulator: SimulatorStateSnapshot = {
      lifecycle: 'ready',
      version: '1.0.0',
      profile: 'app2app',
      knobs: effectiveKnobs('app2app', DEFAULT_SIMULATOR_SETTINGS),
      settings: DEFAULT_SIMULATOR_SETTINGS,
      links: [],
      sessions: [],
      payment: null,
      faults: armed,
      ledgerSize: 0,
      listening: null,
    };
    act(() =>
      fake.push([
        { type: 'simulator', simulator: { role: 'client', peer: null, simulator, nexoUrl: null } },
      ]),
    );
    const list = screen.getByRole('list', { name: 'Armed faults' });
    expect(within(list).getByRole('listitem')).toHaveTextContent('BUSY next logins — 6 left');
    await user.click(screen.getByRole('button', { name: 'Clear armed faults' }));
    expect(fake.requests('faults:disarm')).toEqual([{}]);
  });

  it("in proxy role shows the proxy's armed faults and its added latency in the strip", async () => {
    const { fake, user } = setup({
      'faults:disarm': () => ({
        ok: true,
        value: { role: 'proxy', peer: null, simulator: null, nexoUrl: null },
      }),
    });
    act(() =>
      fake.push([
        {
          type: 'run',
          run: {
            runId: 'p1',
            role: 'proxy',
            peer: null,
            nexoUrl: null,
            profile: null,
            proxy: {
              listen: { wire: 'tcp', port: 0 },
              listenUrl: 'tcp://127.0.0.1:7778',
              upstream: 'ws://127.0.0.1:8080/nexo',
            },
            header: { ...header, role: 'proxy' },
          },
        },
        {
          type: 'simulator',
          simulator: {
            role: 'proxy',
            peer: null,
            simulator: null,
            nexoUrl: null,
            proxy: {
              faults: {
                busyNextLogins: 0,
                ignoreNextRequests: 1,
                dropNextResponse: [],
                delayResponses: {},
                approveThenDrop: true,
              },
              latency: {
                toTerminal: { count: 4, medianMs: 0.3, p99Ms: 0.8 },
                toPos: { count: 4, medianMs: 0.2, p99Ms: 0.6 },
              },
            },
          },
        },
      ]),
    );
    const strip = screen.getByRole('complementary', { name: 'Session and faults' });
    const latency = within(strip).getByRole('group', { name: 'Added latency' });
    expect(latency).toHaveTextContent('POS → terminal median 0.30 ms, p99 0.80 ms');
    expect(latency).toHaveTextContent('terminal → POS median 0.20 ms, p99 0.60 ms');
    const list = within(strip).getByRole('list', { name: 'Armed faults' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((i) => i.textContent),
    ).toEqual([
      expect.stringContaining('Approve then lose response — the next payment'),
      expect.stringContaining('Ignore next requests — 1 left'),
    ]);
    expect(within(strip).getByRole('button', { name: 'Reset simulator' })).toBeDisabled();
    await user.click(within(strip).getByRole('button', { name: 'Remove Ignore next requests' }));
    expect(fake.requests('faults:disarm')).toEqual([{ armed: 'ignoreNextRequests' }]);
  });

  it('shows the timings in force in the session strip, and a hint while a recovery would be slow', () => {
    const { fake } = setup();
    const session = (policy: SessionPolicy): SessionInfo => ({
      role: 'client',
      connected: true,
      peer: { kind: 'embedded' },
      peerVersion: '1.0.0',
      profile: 'app2app',
      state: 'ready',
      reason: 'Login Success',
      dialing: false,
      counters: {
        logins: 1,
        loginAttempts: 1,
        busyRetries: 0,
        timeouts: 0,
        retries: 0,
        recoveredPayments: 0,
        reconnects: 0,
        ignoredRequests: 0,
      },
      loginAttempts: 0,
      ops: [],
      queued: 0,
      policy,
    });
    const simulator: SimulatorStateSnapshot = {
      lifecycle: 'ready',
      version: '1.0.0',
      profile: 'app2app',
      knobs: effectiveKnobs('app2app', DEFAULT_SIMULATOR_SETTINGS),
      settings: DEFAULT_SIMULATOR_SETTINGS,
      links: [],
      sessions: [],
      payment: null,
      faults: {
        busyNextLogins: 0,
        dropNextResponse: [],
        delayResponses: {},
        approveThenDrop: true,
        restartDuringPayment: null,
        nextPaymentOutcome: null,
      },
      ledgerSize: 0,
      listening: null,
    };
    act(() =>
      fake.push([
        { type: 'session', session: session(DEFAULT_POLICY) },
        { type: 'simulator', simulator: { role: 'client', peer: null, simulator, nexoUrl: null } },
      ]),
    );
    const strip = screen.getByRole('region', { name: 'Session' });
    expect(within(strip).getByText('Timings Realistic')).toHaveAttribute(
      'data-timing-preset',
      'realistic',
    );
    expect(within(strip).getByText(/given up on only after 2 min/)).toBeVisible();

    act(() =>
      fake.push([
        {
          type: 'session',
          session: session({ ...DEFAULT_POLICY, ...timingPreset('fastQa').timings }),
        },
      ]),
    );
    expect(within(strip).getByText('Timings Fast for QA')).toBeVisible();
    expect(within(strip).queryByText(/given up on only after/)).toBeNull();
  });

  it('streams the core’s events into the timeline and the session panel', () => {
    const { fake } = setup();
    act(() =>
      fake.push([
        { type: 'hello', at: '2026-01-01T00:00:00.000Z', runId: 'r1', lastSeq: 0 },
        ...story.map((event) => ({ type: 'trace' as const, event })),
      ]),
    );
    expect(screen.getByRole('region', { name: 'Session' })).toHaveAttribute(
      'data-session-state',
      'ready',
    );
    expect(screen.getByText(`${story.length} events`)).toBeVisible();
  });

  it('opens the ledger at full width; a recovered payment is marked and selects its request', async () => {
    const { fake, store, user } = setup();
    act(() =>
      fake.push([
        { type: 'hello', at: '2026-01-01T00:00:00.000Z', runId: 'r1', lastSeq: 0 },
        ...story.map((event) => ({ type: 'trace' as const, event })),
      ]),
    );
    act(() =>
      store.getState().setLedger([
        {
          saleId: 'POS-1',
          saleTransactionId: 'T1',
          poiTransactionId: 'POI-000001',
          serviceId: 'S3',
          amountMinor: 1250,
          authorisedMinor: 1250,
          currency: 'EUR',
          result: 'approved',
          reversed: false,
          at: '2026-01-01T00:00:02.500Z',
        },
      ]),
    );
    await user.click(screen.getByRole('button', { name: 'Open ledger' }));
    const centre = screen.getByRole('region', { name: 'Timeline' });
    const ledger = within(centre).getByRole('region', { name: /^Ledger/ });
    const [row] = within(ledger).getAllByRole('row').slice(1);
    expect(row).toHaveAttribute('data-recovered', 'true');
    expect(row).toHaveTextContent('POI-000001');

    await user.click(within(row!).getByRole('button', { name: /Show the messages/ }));
    const request = story.find(
      (e) => e.kind === 'message' && JSON.stringify(e.json).includes('"PaymentRequest"'),
    )!;
    // The timeline is back in the centre with the request selected (its response is paired
    // with it in the detail pane); rows render once the list has a size, so ask the store.
    expect(within(centre).getByRole('listbox', { name: 'Timeline' })).toBeInTheDocument();
    expect(store.getState().timelineSelectedSeq).toBe(request.seq);
    expect(store.getState().centreView).toBe('live');
  });

  it('applies faults the core allows, and shows the terminal address in terminal role', async () => {
    const { fake, user } = setup({
      'faults:apply': (r) => ({
        ok: true,
        value: { fault: r.fault, message: 'BUSY next logins: armed' },
      }),
    });
    act(() =>
      fake.push([
        { type: 'run', run: terminalRun() },
        { type: 'faults', faults },
      ]),
    );
    expect(screen.getByRole('button', { name: 'Restart POS app' })).toBeDisabled();
    // The reasons are one "why?" away, so the bar stays two rows.
    await user.click(screen.getByRole('button', { name: /unavailable here: why\?$/ }));
    expect(screen.getByText('Terminal role: there is no POS app here.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'BUSY next logins' }));
    expect(fake.requests('faults:apply')).toEqual([{ fault: 'busyNextLogins', count: 3 }]);
    expect(await screen.findByText('BUSY next logins: armed')).toBeVisible();

    expect(screen.getByText('ws://127.0.0.1:45678/nexo', { selector: 'code' })).toBeVisible();
    expect(screen.getByText('Terminal role on ws://127.0.0.1:45678/nexo')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Send payment' })).toBeDisabled();
  });

  it('sends a payment and shows its outcome under the Pay button', async () => {
    const outcome: OperationResult = {
      op: 'op-1',
      name: 'pay',
      kind: 'approved',
      phase: 'ok',
      summary: 'approved 12.50 EUR',
      serviceIds: ['S3'],
      amount: '12.50',
      authorisedAmount: '12.50',
      currency: 'EUR',
    };
    const { fake, user } = setup({ 'requests:pay': () => ({ ok: true, value: outcome }) });
    await user.click(screen.getByRole('button', { name: 'Send payment' }));
    expect(fake.requests('requests:pay')).toEqual([
      { amount: '12.50', currency: 'EUR', paymentType: 'Normal' },
    ]);
    expect(await screen.findByText('Payment 12.50 EUR approved')).toBeVisible();
  });

  it('switches role through simulator:configure', async () => {
    const { fake, user } = setup({
      'simulator:configure': () => ({
        ok: true,
        value: { role: 'terminal', peer: null, simulator: null, nexoUrl: null },
      }),
    });
    const role = screen.getByRole('form', { name: 'Role' });
    await user.click(within(role).getByRole('radio', { name: /Terminal/ }));
    const port = within(role).getByRole('spinbutton', { name: 'Listening port' });
    await user.clear(port);
    await user.type(port, '4100');
    await user.click(within(role).getByRole('button', { name: 'Apply role' }));
    expect(fake.requests('simulator:configure')).toEqual([
      { role: 'terminal', port: 4100, profile: 'app2app' },
    ]);
  });

  it('asks before Apply role throws away a run with events; focus goes back to the button', async () => {
    const { fake, user } = setup({
      'simulator:configure': () => ({
        ok: true,
        value: { role: 'terminal', peer: null, simulator: null, nexoUrl: null },
      }),
    });
    act(() =>
      fake.push([
        { type: 'hello', at: '2026-01-01T00:00:00.000Z', runId: 'r1', lastSeq: 0 },
        ...story.map((event) => ({ type: 'trace' as const, event })),
      ]),
    );
    const role = screen.getByRole('form', { name: 'Role' });
    const apply = within(role).getByRole('button', { name: 'Apply role' });
    await user.click(apply);
    const dialog = await screen.findByRole('alertdialog', { name: 'Start a new run?' });
    expect(dialog).toHaveTextContent(`the ${String(story.length)} events of this run`);
    await user.click(within(dialog).getByRole('button', { name: 'Keep this run' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.requests('simulator:configure')).toEqual([]);
    expect(await screen.findByText('Not applied: this run is kept.')).toBeVisible();
    expect(apply).toHaveFocus();

    await user.click(apply);
    await user.click(await screen.findByRole('button', { name: 'Start a new run' }));
    expect(fake.requests('simulator:configure')).toHaveLength(1);
  });

  it('toggles recording', async () => {
    const { fake, user } = setup({
      'trace:setRecording': (r) => ({
        ok: true,
        value: { runId: 'r1', recording: r.on, skipped: 0, events: 0, header },
      }),
    });
    act(() => fake.push([{ type: 'recording', recording: true, skipped: 0 }]));
    const record = screen.getByRole('button', { name: 'Record trace' });
    expect(record).toHaveAttribute('aria-pressed', 'true');
    const follow = screen.getByRole('button', { name: 'Follow newest' });
    expect(follow).toHaveAttribute('aria-pressed', 'true');
    await user.click(record);
    expect(fake.requests('trace:setRecording')).toEqual([{ on: false }]);
    expect(record).toHaveAttribute('aria-pressed', 'false');

    // Paused: said plainly, with what was skipped; the timeline no longer claims to follow.
    const paused = screen.getByText(/^Recording paused:/).closest('p');
    expect(paused).toHaveTextContent('new events are not kept');
    expect(paused).toHaveTextContent('None skipped yet.');
    expect(follow).toHaveAttribute('aria-pressed', 'false');
    act(() => fake.push([{ type: 'recording', recording: false, skipped: 7 }]));
    expect(paused).toHaveTextContent('7 events skipped so far.');

    act(() => fake.push([{ type: 'recording', recording: true, skipped: 0 }]));
    expect(screen.queryByText(/^Recording paused:/)).toBeNull();
    expect(follow).toHaveAttribute('aria-pressed', 'true');
  });

  it('opens a trace file into the replay view, and back to live', async () => {
    const { user } = setup();
    await user.upload(
      screen.getByLabelText('Open trace file'),
      file('story.jsonl', serialiseTrace(header, story)),
    );
    const replay = await screen.findByRole('slider', { name: 'Replay position' });
    expect(replay).toHaveValue(String(story.length));
    expect(document.querySelector('[data-replay-events]')).toHaveAttribute(
      'data-replay-events',
      String(story.length),
    );
    await user.click(screen.getByRole('button', { name: 'Live timeline' }));
    expect(screen.queryByRole('slider', { name: 'Replay position' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Replay: story.jsonl' }));
    expect(screen.getByRole('slider', { name: 'Replay position' })).toBeVisible();
  });

  it('says which line of a corrupt trace file is wrong', async () => {
    const { user } = setup();
    const text = serialiseTrace(header, story).replace(/\n[^\n]*\n/, '\n{"seq": oops\n');
    await user.upload(screen.getByLabelText('Open trace file'), file('broken.jsonl', text));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Could not open the trace: broken\.jsonl line 2: not JSON/,
    );
    expect(screen.queryByRole('slider', { name: 'Replay position' })).toBeNull();
  });
});
