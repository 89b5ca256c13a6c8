import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { buildTraceHeader, serialiseTrace } from '@shared/trace/format';
import type { TraceEvent } from '@shared/trace/view';
import { TraceBuilder, recoveryStory } from '../timeline/trace-fixtures';
import { readTraceText } from '../traces/commands';
import { ReplayView } from './ReplayView';

const TALL = { width: 1400, height: 2000 };
const story = recoveryStory().events;
const header = buildTraceHeader(
  {
    harnessVersion: '0.1.0',
    role: 'client',
    profile: 'app2app',
    policy: { paymentTimeoutMs: 3000 },
  },
  Date.UTC(2026, 0, 1),
  true,
);

/** The story as a file and read back, exactly as the window opens one. */
function opened(events: readonly TraceEvent[] = story) {
  const trace = readTraceText('story.jsonl', serialiseTrace(header, events));
  if (!trace.ok) throw new Error(trace.error);
  return trace.value;
}

function renderReplay(onClose = vi.fn()) {
  const renderExport = vi.fn((_visible: () => readonly TraceEvent[]) => null);
  render(
    <ReplayView
      trace={opened()}
      onClose={onClose}
      renderExport={renderExport}
      initialRect={TALL}
    />,
  );
  return { onClose, renderExport, user: userEvent.setup() };
}

const scrubber = () => screen.getByRole('slider', { name: 'Replay position' });
const session = () => screen.getByRole('region', { name: 'Session' });
const list = () => screen.getByRole('listbox', { name: 'Replay timeline' });
const seqWhere = (p: (e: TraceEvent) => boolean) => story.find(p)!.seq;

describe('<ReplayView>', () => {
  it('marks the rows the failing verdicts of the trace name, as the live view does', async () => {
    const b = new TraceBuilder();
    const payment = b.request('Payment', 'P1');
    const trace = readTraceText('early.jsonl', serialiseTrace(header, b.events));
    if (!trace.ok) throw new Error(trace.error);
    render(<ReplayView trace={trace.value} onClose={vi.fn()} initialRect={TALL} />);
    const row = within(list()).getByRole('option');
    expect(row).toHaveAttribute('data-seq', String(payment.seq));
    await waitFor(() => expect(row).toHaveAttribute('data-problem', 'verdict'));
    expect(row).toHaveAccessibleName(/verdict failed: .+$/);
    expect(row.querySelector('.tl-mark-verdict svg')).not.toBeNull();
  });

  it('shows every event of the file as a row of the same timeline', () => {
    renderReplay();
    expect(within(list()).getAllByRole('option')).toHaveLength(story.length);
    expect(screen.getByText(/story\.jsonl/)).toBeVisible();
    expect(
      screen.getByText(new RegExp(`${story.length} events · client role · profile app2app`)),
    ).toBeVisible();
  });

  it('shows the session as it stood at the scrubbed point', () => {
    renderReplay();
    // Opened at the end: the payment was recovered and the session is ready.
    expect(scrubber()).toHaveValue(String(story.length));
    expect(session()).toHaveAttribute('data-session-state', 'ready');
    expect(session().querySelector('[data-counter="recoveredPayments"]')).toHaveTextContent('1');

    const busy = seqWhere((e) => e.kind === 'session' && e.to === 'busyBackoff');
    fireEvent.change(scrubber(), { target: { value: String(busy) } });
    expect(session()).toHaveAttribute('data-session-state', 'busyBackoff');
    expect(session().querySelector('[data-counter="busyRetries"]')).toHaveTextContent('1');
    expect(session().querySelector('[data-counter="recoveredPayments"]')).toHaveTextContent('0');
    expect(scrubber()).toHaveAttribute(
      'aria-valuetext',
      expect.stringContaining(`event ${busy} of`),
    );
    // Scrubbing selects the row at that point.
    expect(list().querySelector('[aria-selected="true"]')).toHaveAttribute(
      'data-seq',
      String(busy),
    );

    const recovering = seqWhere((e) => e.kind === 'session' && e.to === 'recovering');
    fireEvent.change(scrubber(), { target: { value: String(recovering) } });
    expect(session()).toHaveAttribute('data-session-state', 'recovering');
  });

  it('moves the scrubber to the row the user selects', async () => {
    const { user } = renderReplay();
    const timeout = seqWhere((e) => e.kind === 'timeout');
    await user.click(list().querySelector(`[data-seq="${timeout}"]`)!);
    expect(scrubber()).toHaveValue(String(timeout));
    expect(session()).toHaveAttribute('data-session-state', 'ready');
    expect(session().querySelector('[data-counter="timeouts"]')).toHaveTextContent('1');
  });

  it('hands the export the events the filters leave visible', async () => {
    const { renderExport, user } = renderReplay();
    await user.type(screen.getByRole('searchbox'), 'login');
    const visible = renderExport.mock.lastCall![0]();
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.length).toBeLessThan(story.length);
    expect(visible.every((e) => JSON.stringify(e).toLowerCase().includes('login'))).toBe(true);
  });

  it('closes', async () => {
    const { onClose, user } = renderReplay();
    await user.click(screen.getByRole('button', { name: 'Close replay' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('readTraceText', () => {
  const good = serialiseTrace(header, story);

  it('reads what the harness saves', () => {
    const trace = readTraceText('a.jsonl', good);
    expect(trace.ok && trace.value.events).toEqual(story);
  });

  it.each([
    [
      'a line that is not JSON',
      good.replace(/\n[^\n]*\n/, '\n{oops\n'),
      /^bad\.jsonl line 2: not JSON/,
    ],
    ['a foreign file', '{"hello":"world"}\n', /^bad\.jsonl line 1: not an a2a trace/],
    [
      'an unsupported version',
      good.replace('"version":1', '"version":7'),
      /^bad\.jsonl line 1: unsupported trace version 7/,
    ],
    ['a gap in seq', good.replace('"seq":3,', '"seq":4,'), /^bad\.jsonl line 4: seq gap/],
  ])('names the line of %s', (_what, text, message) => {
    const trace = readTraceText('bad.jsonl', text);
    expect(trace.ok).toBe(false);
    if (!trace.ok) expect(trace.error).toMatch(message);
  });
});
