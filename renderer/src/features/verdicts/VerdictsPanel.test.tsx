import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { HarnessEvent, LiveVerdicts, RunInfo } from '@shared/ipc';
import { CHECKER_NAMES } from '@shared/trace/checkers';
import { buildTraceHeader } from '@shared/trace/format';
import { HarnessApiProvider } from '../../api/HarnessApiProvider';
import { connectEventStream } from '../../api/event-bridge';
import { createHarnessStore } from '../../store/harness-store';
import { HarnessStoreProvider } from '../../store/HarnessStoreProvider';
import { createFakeApi } from '../../testing/fake-api';
import { LiveTimeline } from '../timeline';
import { recoveryStory } from '../timeline/trace-fixtures';
import { LiveVerdictsPanel } from './LiveVerdictsPanel';

const TALL = { width: 1200, height: 2000 };
const AT = '2026-01-01T00:00:00.000Z';
const story = recoveryStory().events;

const run = (runId: string, role: RunInfo['role'] = 'terminal'): RunInfo => ({
  runId,
  role,
  peer: null,
  nexoUrl: 'ws://127.0.0.1:4100/nexo',
  profile: 'app2app',
  header: buildTraceHeader(
    { harnessVersion: '0.1.0', role, profile: 'app2app', policy: {} },
    Date.UTC(2026, 0, 1),
    true,
  ),
});

/**
 * Every checker passes except unique-service-ids, which names events 9 and 12 and is about 12;
 * the passing no-double-charge rests on event 4.
 */
const verdicts = (runId: string, failing = true): LiveVerdicts => ({
  runId,
  throughSeq: story.length,
  pass: !failing,
  verdicts: CHECKER_NAMES.map((checker) =>
    failing && checker === 'unique-service-ids'
      ? { checker, pass: false, message: 'ServiceID S1 used twice', events: [9, 12], focus: 12 }
      : checker === 'no-double-charge'
        ? { checker, pass: true, message: '1 sale charged once', events: [4] }
        : { checker, pass: true, message: `${checker} holds`, events: [] },
  ),
});

function setup() {
  const fake = createFakeApi({
    'events:since': () => ({
      ok: true,
      value: { runId: 'r1', events: story, lastSeq: story.length, more: false },
    }),
  });
  const store = createHarnessStore();
  connectEventStream(fake.api, store);
  render(
    <HarnessStoreProvider store={store}>
      <HarnessApiProvider api={fake.api}>
        <LiveVerdictsPanel />
        <LiveTimeline store={store} initialRect={TALL} />
      </HarnessApiProvider>
    </HarnessStoreProvider>,
  );
  const push = (...events: HarnessEvent[]) => act(() => fake.push(events));
  push(
    { type: 'hello', at: AT, runId: 'r1', lastSeq: 0 },
    { type: 'run', run: run('r1') },
    ...story.map((event) => ({ type: 'trace' as const, event })),
  );
  return { store, push, user: userEvent.setup() };
}

const panel = () => screen.getByRole('region', { name: 'Live verdicts' });
const summary = () => {
  const found = panel().querySelector('.verdicts-summary');
  if (found === null) throw new Error('no summary');
  return found;
};

describe('<LiveVerdictsPanel>', () => {
  it('waits for the first verdicts, then shows them, failing first, with their markers', () => {
    const { push } = setup();
    expect(panel()).toHaveTextContent('Waiting for the first verdicts');
    expect(panel()).toHaveTextContent('Judging the external POS');

    push({ type: 'verdicts', verdicts: verdicts('r1') });

    expect(panel()).toHaveAttribute('data-verdicts-pass', 'false');
    expect(panel()).toHaveAttribute('data-through-seq', String(story.length));
    expect(summary()).toHaveTextContent(`1 failing verdict (${story.length} events judged).`);
    const items = panel().querySelectorAll('[data-verdict]');
    expect(items).toHaveLength(CHECKER_NAMES.length);
    expect(items[0]).toHaveAttribute('data-verdict', 'unique-service-ids');
    expect(items[0]).toHaveAttribute('data-events', '9 12');
    expect(items[0]).toHaveAttribute('data-focus', '12');
    // Checkers are named in words on screen; the machine name stays in the marker.
    expect(items[0]).toHaveTextContent('Unique ServiceIDs');
    expect(items[0]).not.toHaveTextContent('unique-service-ids');
    expect(items[0]?.querySelector('[data-verdict-message]')).toHaveTextContent(
      'ServiceID S1 used twice',
    );
  });

  it('shows the event a verdict is about on the live timeline, not its first evidence', async () => {
    const { push, user, store } = setup();
    push({ type: 'verdicts', verdicts: verdicts('r1') });

    await user.click(screen.getByRole('button', { name: /^Unique ServiceIDs: failed/ }));

    const timeline = screen.getByRole('listbox', { name: 'Timeline' });
    expect(within(timeline).getByRole('option', { selected: true })).toHaveAttribute(
      'data-seq',
      '12',
    );
    expect(store.getState().timelineFollow).toBe(false);
  });

  it('lets a passing verdict show what it checked and select its evidence', async () => {
    const { push, user } = setup();
    push({ type: 'verdicts', verdicts: verdicts('r1') });

    const passing = screen.getByRole('button', { name: /^No double charge: passed/ });
    expect(passing).toHaveTextContent('1 sale charged once');
    await user.click(passing);

    const timeline = screen.getByRole('listbox', { name: 'Timeline' });
    expect(within(timeline).getByRole('option', { selected: true })).toHaveAttribute(
      'data-seq',
      '4',
    );
  });

  it('changes as the core re-judges, and hides verdicts of an older run', () => {
    const { push } = setup();
    push({ type: 'verdicts', verdicts: verdicts('r1') });
    push({ type: 'verdicts', verdicts: verdicts('r1', false) });
    expect(summary()).toHaveTextContent('Every checker passes');
    expect(panel().querySelectorAll('[data-pass="false"]')).toHaveLength(0);

    push({ type: 'run', run: run('r2', 'client') });
    expect(panel()).toHaveTextContent('Waiting for the first verdicts');
    expect(panel()).toHaveTextContent('Judging the reference client');
  });
});
