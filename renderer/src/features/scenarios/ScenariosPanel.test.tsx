import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type {
  HarnessEvent,
  ScenarioBatch,
  ScenarioCatalogue,
  ScenarioProgress,
  ScenarioReport,
} from '@shared/ipc';
import { CHECKER_NAMES, type Verdict } from '@shared/trace/checkers';
import { buildTraceHeader } from '@shared/trace/format';
import { HarnessApiProvider } from '../../api/HarnessApiProvider';
import { connectEventStream } from '../../api/event-bridge';
import { createHarnessStore } from '../../store/harness-store';
import { HarnessStoreProvider } from '../../store/HarnessStoreProvider';
import { createFakeApi, type FakeHandlers } from '../../testing/fake-api';
import { recoveryStory } from '../timeline/trace-fixtures';
import { LiveScenariosPanel } from './LiveScenariosPanel';
import { ScenarioTraceSwitch } from './ScenarioTraceSwitch';

const TALL = { width: 1200, height: 2000 };
const AT = '2026-01-01T00:00:00.000Z';
const header = buildTraceHeader(
  {
    harnessVersion: '0.1.0',
    role: 'scenario',
    profile: 'app2app',
    policy: {},
    scenario: 'busy-at-start',
  },
  Date.UTC(2026, 0, 1),
  true,
);
const story = recoveryStory().events;

const catalogue: ScenarioCatalogue = {
  scenarios: [
    {
      name: 'busy-at-start',
      title: 'BUSY right after start',
      description: 'The payment app is still starting.',
      tags: ['login'],
      profile: 'app2app',
      steps: 4,
      source: 'builtIn',
    },
    {
      name: 'login-first',
      title: 'Login comes first',
      description: 'Nothing before Login.',
      tags: ['session'],
      profile: 'app2app',
      steps: 3,
      source: 'builtIn',
    },
  ],
  problems: [],
};

const passing = (checker: Verdict['checker']): Verdict => ({
  checker,
  pass: true,
  message: `${checker} holds`,
  events: [],
});

/** busy-at-start failed: its no-double-charge verdict names events 5 and 8. */
const failed: ScenarioReport = {
  name: 'busy-at-start',
  title: 'BUSY right after start',
  pass: false,
  failures: ['step 2 (expectOutcome p1): expected approved, got unknown'],
  steps: [
    { index: 0, kind: 'login', description: 'login', status: 'passed', at: 0, ms: 10 },
    {
      index: 1,
      kind: 'pay',
      id: 'p1',
      description: 'pay 12.50 [p1]',
      status: 'passed',
      at: 10,
      ms: 5,
    },
    {
      index: 2,
      kind: 'expectOutcome',
      description: 'expect p1 approved',
      status: 'failed',
      message: 'expected approved, got unknown',
      at: 15,
      ms: 0,
    },
  ],
  verdicts: CHECKER_NAMES.map((checker) =>
    checker === 'no-double-charge'
      ? { checker, pass: false, message: '2 approvals for sale S1', events: [5, 8] }
      : passing(checker),
  ),
  events: story.length,
  durationMs: 1500,
  wallMs: 12,
  seed: 1,
};

const batchOf = (results: readonly ScenarioReport[], running: boolean): ScenarioBatch => ({
  batchId: 'b1',
  names: ['busy-at-start'],
  running,
  current: null,
  results,
  startedAt: AT,
  finishedAt: running ? null : AT,
});

function setup(handlers: FakeHandlers = {}) {
  const fake = createFakeApi({
    'scenarios:list': () => ({ ok: true, value: catalogue }),
    'scenarios:trace': (r) => ({
      ok: true,
      value: {
        batchId: r.batchId,
        name: r.name,
        header,
        events: story.filter((e) => e.seq > r.afterSeq).slice(0, r.limit ?? 10),
        lastSeq: story.length,
        more: story.some((e) => e.seq > r.afterSeq + (r.limit ?? 10)),
      },
    }),
    ...handlers,
  });
  const store = createHarnessStore();
  connectEventStream(fake.api, store);
  render(
    <HarnessStoreProvider store={store}>
      <HarnessApiProvider api={fake.api}>
        <ScenarioTraceSwitch initialRect={TALL}>
          <p>live centre</p>
        </ScenarioTraceSwitch>
        <LiveScenariosPanel />
      </HarnessApiProvider>
    </HarnessStoreProvider>,
  );
  const push = (...events: HarnessEvent[]) => act(() => fake.push(events));
  const progress = (...items: ScenarioProgress[]) =>
    push(...items.map((p) => ({ type: 'scenarios' as const, progress: p })));
  push({ type: 'hello', at: AT, runId: 'r1', lastSeq: 0 });
  return { fake, store, push, progress, user: userEvent.setup() };
}

const panel = () => screen.getByRole('region', { name: 'Scenarios' });
const row = (name: string) => {
  const found = panel().querySelector<HTMLElement>(`[data-scenario="${name}"]`);
  if (found === null) throw new Error(`no row for ${name}`);
  return found;
};

describe('<LiveScenariosPanel>', () => {
  it('lists the scenarios once the stream is live, each with its own Run button', async () => {
    setup();
    expect(await screen.findByRole('button', { name: 'Run busy-at-start' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Run login-first' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Run selected' })).toBeDisabled();
    expect(panel()).toHaveAttribute('data-scenarios-state', 'idle');
    expect(screen.getByRole('progressbar', { name: 'Scenario progress' })).toHaveAttribute(
      'aria-valuenow',
      '0',
    );
  });

  it('runs one scenario, shows its progress, its failing step and its verdicts', async () => {
    const { fake, progress, user } = setup();
    fake.hold();
    await user.click(await screen.findByRole('button', { name: 'Run busy-at-start' }));
    expect(fake.requests('scenarios:run')).toEqual([{ names: ['busy-at-start'] }]);
    expect(panel()).toHaveAttribute('data-scenarios-state', 'running');
    expect(screen.getByRole('button', { name: 'Run all' })).toBeDisabled();

    progress(
      { kind: 'started', batchId: 'b1', names: ['busy-at-start'], startedAt: AT },
      { kind: 'running', batchId: 'b1', index: 0, name: 'busy-at-start' },
    );
    expect(row('busy-at-start')).toHaveAttribute('data-status', 'running');
    progress(
      { kind: 'result', batchId: 'b1', index: 0, result: failed },
      { kind: 'finished', batchId: 'b1', passed: 0, failed: 1, finishedAt: AT },
    );
    const bar = screen.getByRole('progressbar', { name: 'Scenario progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '1');
    expect(bar).toHaveAttribute('aria-valuemax', '1');
    expect(bar).toHaveAttribute(
      'aria-valuetext',
      'Last run: 1 of 1 scenarios, 0 passed, 1 failed.',
    );
    expect(row('busy-at-start')).toHaveAttribute('data-status', 'failed');

    // The single scenario's result is unfolded: failing step, then verdicts, failing first.
    const result = row('busy-at-start').querySelector('[data-scenario-result="busy-at-start"]');
    expect(result).toHaveAttribute('data-pass', 'false');
    expect(
      within(row('busy-at-start')).getByRole('list', { name: 'Failures of busy-at-start' }),
    ).toHaveTextContent('step 2 (expectOutcome p1): expected approved, got unknown');
    const verdicts = within(row('busy-at-start')).getByRole('list', {
      name: 'Verdicts of busy-at-start',
    });
    const items = verdicts.querySelectorAll('[data-verdict]');
    expect(items).toHaveLength(CHECKER_NAMES.length);
    expect(items[0]).toHaveAttribute('data-verdict', 'no-double-charge');
    expect(items[0]).toHaveAttribute('data-pass', 'false');
    expect(items[0]).toHaveAttribute('data-events', '5 8');

    act(() => fake.release());
    await waitFor(() => expect(panel()).toHaveAttribute('data-scenarios-state', 'done'));
  });

  it('opens a verdict’s evidence: the run’s trace in the centre, its first event selected', async () => {
    const { progress, user, fake } = setup({
      'scenarios:run': () => ({ ok: true, value: batchOf([failed], false) }),
    });
    progress({ kind: 'snapshot', batch: batchOf([failed], false) });
    // A batch of one (a page opened after `a2a web --scenario`) shows its result unfolded.
    expect(await screen.findByRole('button', { name: 'BUSY right after start' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );

    await user.click(
      within(row('busy-at-start')).getByRole('button', { name: /^No double charge: failed/ }),
    );

    const pane = await screen.findByRole('region', { name: 'Scenario trace of busy-at-start' });
    expect(pane).toHaveAttribute('data-status', 'ready');
    // Fetched in pages of the default size (this fake pages by 10).
    expect(fake.requests('scenarios:trace').length).toBeGreaterThan(1);
    expect(screen.queryByText('live centre')).not.toBeVisible();
    const timeline = within(pane).getByRole('listbox', { name: 'Scenario timeline' });
    const selected = within(timeline).getByRole('option', { selected: true });
    expect(selected).toHaveAttribute('data-seq', '5');

    // Another verdict of the same run only moves the selection (nothing is fetched again).
    const calls = fake.requests('scenarios:trace').length;
    await user.click(within(pane).getByRole('button', { name: /^No double charge: failed/ }));
    expect(fake.requests('scenarios:trace')).toHaveLength(calls);

    await user.click(within(pane).getByRole('button', { name: 'Close scenario trace' }));
    expect(screen.queryByRole('region', { name: /^Scenario trace/ })).toBeNull();
    expect(screen.getByText('live centre')).toBeVisible();
  });

  it('runs the ticked scenarios, or all of them', async () => {
    const { fake, user } = setup({
      'scenarios:run': () => ({ ok: true, value: batchOf([], false) }),
    });
    await user.click(await screen.findByRole('checkbox', { name: 'Select login-first' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select busy-at-start' }));
    await user.click(screen.getByRole('button', { name: 'Run selected (2)' }));
    await user.click(screen.getByRole('button', { name: 'Run all' }));
    expect(fake.requests('scenarios:run')).toEqual([
      { names: ['login-first', 'busy-at-start'] },
      { names: 'all' },
    ]);
  });

  it('says why a run did not start', async () => {
    const { user } = setup({
      'scenarios:run': () => ({
        ok: false,
        error: { kind: 'unavailable', message: 'a scenario batch is running (3 of 24 done)' },
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Run all' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not run: a scenario batch is running (3 of 24 done)',
    );
    expect(panel()).toHaveAttribute('data-scenarios-state', 'idle');
  });

  it('shows files that could not be loaded, and a list that failed with a retry', async () => {
    let answer: 'fail' | 'ok' = 'fail';
    const { user } = setup({
      'scenarios:list': () =>
        answer === 'fail'
          ? { ok: false, error: { kind: 'disconnected', message: 'socket closed' } }
          : {
              ok: true,
              value: { ...catalogue, problems: ['/x/broken.json: steps[0]: kind missing'] },
            },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(/Could not list the scenarios/);
    answer = 'ok';
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('1 file was not loaded')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run login-first' })).toBeEnabled();
  });

  it('keeps each scenario’s result when another runs, with a run history per scenario', async () => {
    const { progress, user } = setup();
    await screen.findByRole('button', { name: 'Run busy-at-start' });
    const batch = (batchId: string, result: ScenarioReport) =>
      progress(
        { kind: 'started', batchId, names: [result.name], startedAt: AT },
        { kind: 'result', batchId, index: 0, result },
        { kind: 'finished', batchId, passed: 0, failed: 0, finishedAt: AT },
      );
    const loginFirst: ScenarioReport = {
      ...failed,
      name: 'login-first',
      pass: true,
      failures: [],
      verdicts: CHECKER_NAMES.map(passing),
    };
    batch('b1', failed);
    batch('b2', loginFirst);

    // Running login-first left busy-at-start's result where it was.
    expect(row('busy-at-start')).toHaveAttribute('data-status', 'failed');
    expect(row('login-first')).toHaveAttribute('data-status', 'passed');
    await user.click(within(row('busy-at-start')).getByRole('button', { name: /BUSY/ }));
    const kept = row('busy-at-start').querySelector('[data-scenario-result="busy-at-start"]');
    expect(kept).toHaveAttribute('data-pass', 'false');
    // Its trace went with its batch: the window says so instead of failing to fetch it.
    expect(
      within(row('busy-at-start')).getByRole('button', { name: 'Open trace of busy-at-start' }),
    ).toBeDisabled();
    expect(row('busy-at-start')).toHaveTextContent('keeps the traces of its last batch only');

    batch('b3', { ...failed, pass: true, failures: [], verdicts: CHECKER_NAMES.map(passing) });
    expect(row('busy-at-start')).toHaveAttribute('data-status', 'passed');
    const history = within(row('busy-at-start')).getByRole('list', {
      name: 'Runs of busy-at-start',
    });
    const runs = within(history).getAllByRole('listitem');
    expect(runs.map((r) => r.getAttribute('data-batch-id'))).toEqual(['b3', 'b1']);
    expect(runs[1]).toHaveTextContent('failed · 2/3 steps · 1 failing verdict');

    await user.click(within(runs[1]!).getByRole('button'));
    expect(row('busy-at-start')).toHaveTextContent('Showing an earlier run.');
    expect(
      row('busy-at-start').querySelector('[data-scenario-result="busy-at-start"]'),
    ).toHaveAttribute('data-pass', 'false');
  });
});
