import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createStore } from 'zustand/vanilla';
import type { TraceEvent } from '@shared/trace/view';
import type { Verdict } from '@shared/trace/checkers';
import { LiveTimeline } from './LiveTimeline';
import { createTimelineSlice, type TimelineSlice } from './timeline-slice';
import { TraceBuilder, recoveryStory } from './trace-fixtures';

/** Tall enough for every row of the recovery story (happy-dom has no layout of its own). */
const TALL = { width: 1200, height: 2000 };

function setup(events: readonly TraceEvent[], rect = TALL) {
  const store = createStore<TimelineSlice>()((...args) => createTimelineSlice(...args));
  store.getState().appendTimelineEvents(events);
  const copyText = vi.fn((_text: string) => Promise.resolve());
  const user = userEvent.setup();
  render(<LiveTimeline store={store} initialRect={rect} copyText={copyText} />);
  const list = screen.getByRole('listbox', { name: 'Timeline' });
  return { store, copyText, user, list };
}

function options(list: HTMLElement): HTMLElement[] {
  return within(list).queryAllByRole('option');
}

function rowOf(list: HTMLElement, seq: number): HTMLElement {
  const row = list.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
  if (row === null) throw new Error(`row ${seq} is not rendered`);
  return row;
}

/** Unfolds the chips behind "Filters" when they are folded (they start folded). */
function unfoldChips(): void {
  const toggle = screen.getByRole('button', { name: /^Filters/ });
  if (toggle.getAttribute('aria-expanded') !== 'true') fireEvent.click(toggle);
}

/** The chip of `label` in a filter group: its name is the label and its count. */
function chip(group: string, label: string): HTMLElement {
  unfoldChips();
  const chips = within(screen.getByRole('group', { name: group }));
  return chips.getByRole('button', { name: new RegExp(`^${label} \\d+$`) });
}

/** happy-dom lays nothing out: makes every cut-able cell narrower than its text (restore it after). */
function cutEveryCell() {
  return vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.classList.contains('tl-cut') ? 100 : 0;
  });
}

function selectedSeq(list: HTMLElement): string | null {
  return list.querySelector('[aria-selected="true"]')?.getAttribute('data-seq') ?? null;
}

const story = recoveryStory().events;
const seqOf = (predicate: (event: TraceEvent) => boolean): number => {
  const event = story.find(predicate);
  if (event === undefined) throw new Error('no such event in the story');
  return event.seq;
};
const busyResponseSeq = 7;
const secondLoginRequestSeq = seqOf(
  (e) => e.kind === 'message' && JSON.stringify(e.json).includes('"ServiceID":"S2"'),
);

describe('Timeline rows', () => {
  it('renders one option per event with the testing-surface attributes', () => {
    const { list } = setup(story);
    expect(options(list)).toHaveLength(story.length);
    const busy = rowOf(list, busyResponseSeq);
    expect(busy).toHaveAttribute('data-kind', 'message');
    expect(busy).toHaveAttribute('data-category', 'Login');
    expect(busy).toHaveAttribute('data-direction', 'toPos');
    expect(busy).toHaveAttribute('data-service-id', 'S1');
    const session = rowOf(list, 8);
    expect(session).toHaveAttribute('data-kind', 'session');
    expect(session).not.toHaveAttribute('data-direction');
    expect(session).not.toHaveAttribute('data-category');
    const fault = list.querySelector('[data-kind="fault"]');
    expect(fault).toHaveAttribute('data-category', 'Payment');
    expect(fault).toHaveAttribute('data-service-id', 'S3');
    for (const kind of ['timeout', 'op', 'lifecycle', 'link']) {
      expect(list.querySelector(`[data-kind="${kind}"]`)).not.toBeNull();
    }
  });

  it('shows time, category, type, ServiceID, result, error condition and latency', () => {
    const { list } = setup(story);
    const busy = rowOf(list, busyResponseSeq);
    expect(busy).toHaveTextContent('00:00.025');
    expect(busy).toHaveTextContent('Login Response');
    expect(busy).toHaveTextContent('#S1');
    expect(busy).toHaveTextContent('Failure / Busy');
    expect(busy).toHaveTextContent('15 ms');
    // The name is the visible text (so it reads as it looks), with the arrow said in words.
    expect(busy).toHaveAccessibleName(
      '00:00.025 payment application to POS Login Response #S1 Failure / Busy 15 ms',
    );
    // The request has no latency of its own (no column drawn); its arrow points to the payment
    // application.
    const request = rowOf(list, 6);
    expect(request.querySelector('.tl-latency')).toBeNull();
    expect(request).not.toHaveAccessibleName(/after/);
    expect(request.querySelector('.tl-flow-message')).toHaveClass('tl-rightward');
    expect(rowOf(list, 8)).toHaveTextContent('logging in → waiting after BUSY');
    expect(rowOf(list, 8)).toHaveTextContent('login answered Busy');
    expect(list.querySelector('[data-kind="fault"]')).toHaveTextContent(
      'Approve then lose response: took effect',
    );
  });

  it('virtualises: 10,000 events render a screenful of options, not 10,000', async () => {
    const b = new TraceBuilder();
    for (let i = 1; i <= 5000; i++) {
      b.at(i * 10).request('Payment', `P${i}`);
      b.at(i * 10 + 3).response('Payment', `P${i}`, 'Success');
    }
    const { list, user } = setup(b.events, { width: 1200, height: 560 });
    const rendered = options(list);
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(100);
    expect(rendered[0]).toHaveAttribute('aria-setsize', '10000');
    // happy-dom has no layout: give the list the scroll geometry a browser would compute.
    const sizer = list.querySelector<HTMLElement>('.tl-sizer')!;
    Object.defineProperty(list, 'clientHeight', { value: 560 });
    Object.defineProperty(list, 'scrollHeight', { get: () => parseFloat(sizer.style.height) });
    list.focus();
    await user.keyboard('{Home}');
    expect(selectedSeq(list)).toBe('1');
    await user.keyboard('{End}');
    // The list scrolled to the end; happy-dom keeps scrollTop but, unlike a browser, fires no
    // scroll event for it, so the test fires the one a browser would.
    expect(list.scrollTop).toBe(10_000 * 28 - 560);
    fireEvent.scroll(list);
    expect(selectedSeq(list)).toBe('10000');
    expect(options(list).length).toBeLessThan(100);
    expect(rowOf(list, 10000)).toHaveAttribute('aria-posinset', '10000');
  });

  it('shows rows appended while it is open', () => {
    const { store, list } = setup(story.slice(0, 5));
    expect(options(list)).toHaveLength(5);
    act(() => store.getState().appendTimelineEvents(story.slice(5)));
    expect(options(list)).toHaveLength(story.length);
    expect(screen.getByText(`${story.length} events`)).toBeInTheDocument();
  });
});

describe('Timeline filters', () => {
  it('narrows by category', async () => {
    const { list, user } = setup(story);
    await user.click(chip('Categories', 'Login'));
    expect(chip('Categories', 'Login')).toHaveAttribute('aria-pressed', 'false');
    expect(list.querySelector('[data-category="Login"]')).toBeNull();
    expect(list.querySelector('[data-category="Payment"]')).not.toBeNull();
    expect(list.querySelector('[data-kind="session"]')).not.toBeNull();
    await user.click(chip('Categories', 'Login'));
    expect(list.querySelector('[data-category="Login"]')).not.toBeNull();
  });

  it('narrows by direction', async () => {
    const { list, user } = setup(story);
    await user.click(chip('Directions', 'To POS'));
    expect(list.querySelector('[data-direction="toPos"]')).toBeNull();
    expect(list.querySelector('[data-direction="toPoi"]')).not.toBeNull();
  });

  it('narrows by kind', async () => {
    const { list, user } = setup(story);
    await user.click(chip('Kinds', 'Messages'));
    await user.click(chip('Kinds', 'Operations'));
    const shown = options(list).map((row) => row.getAttribute('data-kind'));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toContain('message');
    expect(shown).not.toContain('op');
    expect(shown).toContain('session');
    expect(screen.getByText(`${shown.length} of ${story.length} events`)).toBeInTheDocument();
  });

  it('narrows by text search', async () => {
    const { list, user } = setup(story);
    await user.type(screen.getByRole('searchbox', { name: 'Search timeline' }), 'recovered');
    const shown = options(list).map((row) => row.getAttribute('data-seq'));
    expect(shown).toEqual([String(story.length - 1), String(story.length)]);
    await user.clear(screen.getByRole('searchbox', { name: 'Search timeline' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search timeline' }), 'zzz-nothing');
    expect(options(list)).toHaveLength(0);
    expect(screen.getByText('No events match the filters.')).toBeInTheDocument();
  });

  it('toggles follow and pause', async () => {
    const { store, user } = setup(story);
    const follow = screen.getByRole('button', { name: 'Follow newest' });
    expect(follow).toHaveAttribute('aria-pressed', 'true');
    await user.click(follow);
    expect(follow).toHaveAttribute('aria-pressed', 'false');
    expect(store.getState().timelineFollow).toBe(false);
  });
});

describe('Timeline keyboard', () => {
  it('moves the selection with the arrows, Home and End', async () => {
    const { list, user } = setup(story);
    list.focus();
    await user.keyboard('{ArrowDown}');
    expect(selectedSeq(list)).toBe('1');
    expect(list).toHaveAttribute('aria-activedescendant', rowOf(list, 1).id);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(selectedSeq(list)).toBe('3');
    await user.keyboard('{ArrowUp}');
    expect(selectedSeq(list)).toBe('2');
    await user.keyboard('{End}');
    expect(selectedSeq(list)).toBe(String(story.length));
    await user.keyboard('{ArrowDown}');
    expect(selectedSeq(list)).toBe(String(story.length));
    await user.keyboard('{Home}{ArrowUp}');
    expect(selectedSeq(list)).toBe('1');
  });

  it('skips rows hidden by the filters and stops following on an older row', async () => {
    const { list, user, store } = setup(story);
    await user.click(chip('Kinds', 'Messages'));
    list.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    // Seq 1 is a lifecycle row, 2 a session row, 3 a link row: none is a message.
    expect(selectedSeq(list)).toBe('2');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    const selected = story[Number(selectedSeq(list)) - 1];
    expect(selected?.kind).not.toBe('message');
    expect(store.getState().timelineFollow).toBe(false);
  });
});

describe('Detail pane', () => {
  it('shows the pretty JSON of the selected row and copies it', async () => {
    const { list, user, copyText } = setup(story);
    await user.click(rowOf(list, secondLoginRequestSeq));
    const pane = screen.getByRole('region', { name: 'Event detail' });
    expect(within(pane).getByRole('heading')).toHaveTextContent(
      `#${secondLoginRequestSeq} Login Request`,
    );
    const json = within(pane).getByRole('region', { name: 'JSON' });
    expect(json).toHaveTextContent('"ServiceID": "S2"');
    await user.click(within(pane).getByRole('button', { name: 'Copy JSON' }));
    expect(copyText).toHaveBeenCalledWith(json.textContent);
    expect(within(pane).getByRole('status')).toHaveTextContent('Copied');
  });

  it('jumps from a request to its response and back', async () => {
    const { list, user } = setup(story);
    await user.click(rowOf(list, secondLoginRequestSeq));
    const pane = screen.getByRole('region', { name: 'Event detail' });
    await user.click(within(pane).getByRole('button', { name: 'Jump to response' }));
    const responseSeq = secondLoginRequestSeq + 1;
    expect(selectedSeq(list)).toBe(String(responseSeq));
    expect(within(pane).getByRole('heading')).toHaveTextContent(`#${responseSeq} Login Response`);
    expect(within(pane).getByText('15 ms')).toBeInTheDocument();
    await user.click(within(pane).getByRole('button', { name: 'Jump to request' }));
    expect(selectedSeq(list)).toBe(String(secondLoginRequestSeq));
  });

  it('jumps from a fault to the message it hit', async () => {
    const { list, user } = setup(story);
    const fault = list.querySelector<HTMLElement>('[data-kind="fault"]')!;
    await user.click(fault);
    const pane = screen.getByRole('region', { name: 'Event detail' });
    await user.click(within(pane).getByRole('button', { name: 'Jump to message' }));
    const hit = rowOf(list, Number(selectedSeq(list)));
    expect(hit).toHaveAttribute('data-category', 'Payment');
    expect(hit).toHaveAttribute('data-kind', 'message');
    expect(hit).toHaveTextContent('Payment Request');
  });

  it('says when a request has no response yet', async () => {
    const { list, user } = setup(story);
    // The payment request S3 lost its response (approve then drop).
    const payment = list.querySelector<HTMLElement>(
      '[data-category="Payment"][data-kind="message"]',
    )!;
    await user.click(payment);
    const pane = screen.getByRole('region', { name: 'Event detail' });
    expect(within(pane).getByRole('button', { name: 'Jump to response' })).toBeDisabled();
    expect(within(pane).getByText('No response yet')).toBeInTheDocument();
  });

  it('says when the selected row is hidden by the filters', async () => {
    const { list, user } = setup(story);
    await user.click(rowOf(list, busyResponseSeq));
    await user.click(chip('Categories', 'Login'));
    const pane = screen.getByRole('region', { name: 'Event detail' });
    expect(within(pane).getByText('This row is hidden by the current filters.')).toBeVisible();
  });
});

describe('Timeline filter bar', () => {
  it('names each chip with its count and shows only the kinds that occur', () => {
    setup(story);
    expect(chip('Kinds', 'Messages')).toHaveAccessibleName('Messages 10');
    expect(chip('Kinds', 'Session transitions')).toHaveAccessibleName('Session transitions 8');
    expect(chip('Directions', 'To POS')).toHaveAccessibleName('To POS 5');
    expect(chip('Categories', 'Payment')).toHaveAccessibleName('Payment 3');
    const kinds = within(screen.getByRole('group', { name: 'Kinds' }));
    expect(kinds.queryByRole('button', { name: /^Ledger/ })).toBeNull();
  });

  it('folds the chips behind "Filters", which counts the chips released', async () => {
    const { list, user } = setup(story);
    const toggle = screen.getByRole('button', { name: 'Filters' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('group', { name: 'Kinds' })).toBeNull();
    // Search and "only problems" stay on the bar.
    expect(screen.getByRole('searchbox', { name: 'Search timeline' })).toBeVisible();
    expect(screen.getByRole('button', { name: /^Only problems \d+$/ })).toBeVisible();

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(chip('Categories', 'Login'));
    await user.click(chip('Kinds', 'Faults'));
    expect(toggle).toHaveAccessibleName('Filters (2 active)');
    await user.click(toggle);
    expect(screen.queryByRole('group', { name: 'Categories' })).toBeNull();
    // Folding the chips keeps their effect.
    expect(options(list).some((row) => row.getAttribute('data-category') === 'Login')).toBe(false);
    expect(screen.getByRole('button', { name: 'Filters (2 active)' })).toBeVisible();
  });

  it('keeps only the problems: faults, timeouts, failures', async () => {
    const { list, user } = setup(story);
    const problems = screen.getByRole('button', { name: 'Only problems 3' });
    await user.click(problems);
    expect(problems).toHaveAttribute('aria-pressed', 'true');
    expect(options(list).map((row) => row.getAttribute('data-kind'))).toEqual([
      'message',
      'fault',
      'timeout',
    ]);
    await user.click(problems);
    expect(options(list)).toHaveLength(story.length);
  });

  it('switches to the compact list and back, kept in the store', async () => {
    const { list, user, store } = setup(story);
    const compact = screen.getByRole('button', { name: 'Compact' });
    expect(compact).toHaveAttribute('aria-pressed', 'false');
    expect(rowOf(list, busyResponseSeq)).toHaveClass('tl-row-flow');
    await user.click(compact);
    expect(store.getState().timelineMode).toBe('compact');
    expect(rowOf(list, busyResponseSeq)).toHaveClass('tl-row-compact');
    expect(rowOf(list, busyResponseSeq)).toHaveAccessibleName(
      '00:00.025 msg payment application to POS Login Response #S1 Failure / Busy 15 ms',
    );
    expect(screen.queryByText('Payment app')).toBeNull();
    await user.click(compact);
    expect(rowOf(list, busyResponseSeq)).toHaveClass('tl-row-flow');
  });
});

describe('Flow view', () => {
  it('names the lanes and draws each message from its sender to its receiver', () => {
    const { list } = setup(story);
    expect(screen.getByText('POS')).toBeInTheDocument();
    expect(screen.getByText('Payment app')).toBeInTheDocument();
    expect(rowOf(list, 6).querySelector('.tl-flow-message')).toHaveClass('tl-rightward');
    expect(rowOf(list, busyResponseSeq).querySelector('.tl-flow-message')).toHaveClass(
      'tl-leftward',
    );
    // Anything else is a dot on its lane.
    expect(rowOf(list, 8).querySelector('.tl-flow-mark')).not.toBeNull();
    expect(rowOf(list, 8).querySelector('.tl-flow-message')).toBeNull();
  });

  it('joins a request to its response with a pairing line', () => {
    const { list } = setup(story);
    expect(rowOf(list, 6).querySelector('.tl-rail-start')).not.toBeNull();
    expect(rowOf(list, busyResponseSeq).querySelector('.tl-rail-end')).not.toBeNull();
    // The lost payment has no response, so no line starts on it.
    const payment = list.querySelector('[data-category="Payment"][data-kind="message"]')!;
    expect(payment.querySelector('.tl-rail-start')).toBeNull();
  });

  it('colours the band by the session state in force', () => {
    const { list } = setup(story);
    expect(rowOf(list, 6)).toHaveAttribute('data-band', 'loggingIn');
    expect(rowOf(list, story.length)).toHaveAttribute('data-band', 'ready');
  });

  it('marks the message a fault hit and a timeout waited for, in its name too', () => {
    const { list } = setup(story);
    const payment = list.querySelector<HTMLElement>(
      '[data-category="Payment"][data-kind="message"]',
    )!;
    expect(payment.querySelector('.tl-mark-fault')).not.toBeNull();
    expect(payment.querySelector('.tl-mark-timeout')).not.toBeNull();
    expect(payment).toHaveAccessibleName(
      /Payment Request #S3 fault: Approve then lose response: took effect timeout: Timeout Payment/,
    );
  });

  it('marks the rows a failing verdict names and keeps them among the problems', async () => {
    const store = createStore<TimelineSlice>()((...args) => createTimelineSlice(...args));
    store.getState().appendTimelineEvents(story);
    const verdicts: Verdict[] = [
      { checker: 'login-before-requests', pass: false, message: 'sent before login', events: [3] },
      { checker: 'unique-service-ids', pass: true, message: 'all unique', events: [4] },
    ];
    const user = userEvent.setup();
    render(<LiveTimeline store={store} initialRect={TALL} verdicts={verdicts} />);
    const list = screen.getByRole('listbox', { name: 'Timeline' });
    expect(rowOf(list, 3)).toHaveAttribute('data-problem', 'verdict');
    expect(rowOf(list, 3)).toHaveAccessibleName(/verdict failed: sent before login$/);
    expect(rowOf(list, 4)).not.toHaveAttribute('data-problem');
    await user.click(screen.getByRole('button', { name: 'Only problems 4' }));
    expect(options(list).map((row) => row.getAttribute('data-seq'))).toContain('3');
    await user.click(rowOf(list, 3));
    const pane = screen.getByRole('region', { name: 'Event detail' });
    expect(within(pane).getByText('sent before login')).toBeInTheDocument();
  });

  it('shows a cut row in full on hover', async () => {
    const { list, user } = setup(story);
    const scrollWidth = cutEveryCell();
    try {
      await user.hover(rowOf(list, busyResponseSeq));
      await user.hover(rowOf(list, busyResponseSeq).querySelector('.tl-tip-anchor')!);
      const tip = await screen.findByRole('tooltip');
      expect(tip).toHaveTextContent('Login Response #S1 (payment application to POS)');
      expect(tip).toHaveTextContent('Failure / Busy · 15 ms');
    } finally {
      scrollWidth.mockRestore();
    }
  });

  it('shows the cut text of the selected row when the keyboard moves to it', async () => {
    const { list, user } = setup(story);
    const scrollWidth = cutEveryCell();
    try {
      act(() => list.focus());
      await user.keyboard('{Home}');
      const first = await screen.findByRole('tooltip');
      expect(first).toHaveTextContent(options(list)[0]!.querySelector('.tl-title')!.textContent);
      await user.keyboard('{End}');
      const last = story.at(-1)!.seq;
      expect(selectedSeq(list)).toBe(String(last));
      await waitFor(() =>
        expect(screen.getByRole('tooltip')).toHaveTextContent(
          rowOf(list, last).querySelector('.tl-title')!.textContent,
        ),
      );
      // Leaving the list takes the tooltip away.
      act(() => list.blur());
      await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
    } finally {
      scrollWidth.mockRestore();
    }
  });
});

describe('Timeline pending requests', () => {
  const pendingStory = () => {
    const b = new TraceBuilder();
    b.at(1000);
    const login = b.request('Login', 'L1');
    b.at(1010);
    b.response('Login', 'L1', 'Success');
    b.at(2000);
    const payment = b.request('Payment', 'P1');
    return { events: b.events, login, payment };
  };

  it('draws an open pairing line on a live request without its answer, with the time it waited', () => {
    const { events, login, payment } = pendingStory();
    const store = createStore<TimelineSlice>()((...args) => createTimelineSlice(...args));
    store.getState().appendTimelineEvents(events);
    render(<LiveTimeline store={store} initialRect={TALL} now={() => payment.t + 1500} />);
    const list = screen.getByRole('listbox', { name: 'Timeline' });
    const row = rowOf(list, payment.seq);
    expect(row).toHaveAttribute('data-pending', 'waiting');
    expect(row.querySelector('.tl-rail-open.tl-rail-waiting')).not.toBeNull();
    expect(row).toHaveAccessibleName(/Payment Request #P1 waiting 1\.5 s$/);
    // An answered request has its closed line and no open one.
    expect(rowOf(list, login.seq)).not.toHaveAttribute('data-pending');
    expect(rowOf(list, login.seq).querySelector('.tl-rail-open')).toBeNull();
  });

  it('says "no response" where nothing will answer any more: a timeout gave the request up', () => {
    const b = new TraceBuilder();
    const payment = b.request('Payment', 'P1');
    b.at(5000);
    b.add({ kind: 'timeout', op: 'pay', category: 'Payment', serviceId: 'P1', afterMs: 5000 });
    const { list } = setup(b.events);
    const row = rowOf(list, payment.seq);
    expect(row).toHaveAttribute('data-pending', 'unanswered');
    expect(row).toHaveAccessibleName(/no response/);
  });
});
