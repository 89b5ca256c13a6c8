import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createStore } from 'zustand/vanilla';
import { SESSION_STATES } from '@shared/session/states';
import { createSessionReplay, sessionAt } from '@shared/trace/view';
import { TraceBuilder, recoveryStory } from '../timeline/trace-fixtures';
import { LiveSessionPanel } from './LiveSessionPanel';
import { SessionPanel } from './SessionPanel';
import { SessionStrip } from './SessionStrip';
import { EMPTY_HISTORY, foldSessionHistoryEvents } from './session-history';
import { createSessionSlice, type SessionSlice } from './session-slice';

const story = recoveryStory().events;
const timeoutSeq = story.find((event) => event.kind === 'timeout')!.seq;

function panel(): HTMLElement {
  return screen.getByRole('region', { name: 'Session' });
}

function counter(name: string): string | null {
  return panel().querySelector(`[data-counter="${name}"]`)?.textContent ?? null;
}

function currentNodes(): string[] {
  const diagram = screen.getByRole('list', { name: 'Session state machine' });
  return within(diagram)
    .getAllByRole('listitem')
    .filter((node) => node.getAttribute('aria-current') === 'step')
    .map((node) => node.getAttribute('data-state') ?? '');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SessionPanel', () => {
  it('draws every state and highlights the current one', () => {
    render(<SessionPanel view={sessionAt(story)} profile="app2app" />);
    expect(panel()).toHaveAttribute('data-session-state', 'ready');
    const diagram = screen.getByRole('list', { name: 'Session state machine' });
    expect(
      within(diagram)
        .getAllByRole('listitem')
        .map((node) => node.getAttribute('data-state')),
    ).toEqual([...SESSION_STATES]);
    expect(currentNodes()).toEqual(['ready']);
    expect(within(diagram).getByRole('listitem', { name: 'ready' })).toHaveAttribute(
      'aria-current',
      'step',
    );
  });

  it('shows the reason of the last transition', () => {
    render(<SessionPanel view={sessionAt(story)} />);
    const reason = screen.getByLabelText('Last transition');
    expect(reason).toHaveTextContent('recovering a payment → ready');
    expect(reason).toHaveTextContent('payment S3 recovered');
  });

  it('shows the counters derived from the events', () => {
    render(<SessionPanel view={sessionAt(story)} />);
    expect(counter('logins')).toBe('2');
    expect(counter('busyRetries')).toBe('1');
    expect(counter('timeouts')).toBe('1');
    expect(counter('retries')).toBe('0');
    expect(counter('recoveredPayments')).toBe('1');
    expect(counter('ignoredRequests')).toBe('0');
    expect(screen.getByText('BUSY retries')).toBeInTheDocument();
  });

  it('shows the peer version, its state and the profile', () => {
    render(<SessionPanel view={sessionAt(story)} profile="nexo" />);
    expect(screen.getByLabelText('Payment application')).toHaveTextContent('1.4.2');
    expect(screen.getByText('Payment app version').nextElementSibling).toHaveTextContent('1.4.2');
    expect(screen.getByText('Payment app state').nextElementSibling).toHaveTextContent('ready');
    expect(screen.getByText('Profile').nextElementSibling).toHaveTextContent('nexo');
  });

  it('shows the session at a replayed seq, with the payment in flight and its countdown', () => {
    const replay = createSessionReplay(story, 4);
    render(<SessionPanel view={replay.at(timeoutSeq + 1)} timeouts={{ Payment: 3000 }} />);
    expect(panel()).toHaveAttribute('data-session-state', 'recovering');
    expect(currentNodes()).toEqual(['recovering']);
    const ops = screen.getByRole('region', { name: 'Operations in flight' });
    expect(ops).toHaveTextContent('Payment');
    // The timeout at 5.5 s restarted the payment's timer; time stands at that event.
    expect(within(ops).getByRole('timer')).toHaveTextContent('3.0 s left');
  });

  it('says how long an operation runs when no timeout is known', () => {
    render(<SessionPanel view={sessionAt(story, timeoutSeq - 1)} />);
    // Invoked at 2.0 s, the fault at 2.5 s is the last event.
    expect(screen.getByRole('timer')).toHaveTextContent('running for 500 ms');
  });

  it('runs the countdown on a timer while something is in flight', () => {
    vi.useFakeTimers();
    let now = 2000;
    const view = sessionAt(story, timeoutSeq - 1);
    render(<SessionPanel view={view} timeouts={{ pay: 10_000 }} now={() => now} />);
    // The last progress (the display at 2.1 s) restarted the payment timer.
    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('9.6 s left');
    now = 9000;
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(timer).toHaveTextContent('3.1 s left');
    now = 13_100;
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(timer).toHaveTextContent('overdue by 1.0 s');
  });

  it('runs no timer when nothing is in flight', () => {
    vi.useFakeTimers();
    const now = vi.fn(() => 0);
    render(<SessionPanel view={sessionAt(story)} now={now} />);
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(vi.getTimerCount()).toBe(0);
    expect(screen.getByRole('region', { name: 'Operations in flight' })).toHaveTextContent('None');
  });

  it('keeps the highlight on a state this drawing does not know', () => {
    const b = new TraceBuilder();
    b.session('ready', 'hibernating', 'a newer harness');
    render(<SessionPanel view={sessionAt(b.events)} />);
    expect(panel()).toHaveAttribute('data-session-state', 'hibernating');
    expect(currentNodes()).toEqual(['hibernating']);
  });
});

describe('LiveSessionPanel', () => {
  it('follows the store as events arrive', () => {
    const store = createStore<SessionSlice>()((...args) => createSessionSlice(...args));
    store.getState().setSessionProfile('app2app');
    render(<LiveSessionPanel store={store} />);
    expect(panel()).toHaveAttribute('data-session-state', 'offline');
    expect(screen.getByLabelText('Last transition')).toHaveTextContent('No transition yet');
    const upToBusy = story.findIndex(
      (event) => event.kind === 'session' && event.to === 'busyBackoff',
    );
    act(() => store.getState().applySessionEvents(story.slice(0, upToBusy + 1)));
    expect(panel()).toHaveAttribute('data-session-state', 'busyBackoff');
    expect(currentNodes()).toEqual(['busyBackoff']);
    act(() => store.getState().applySessionEvents(story.slice(upToBusy + 1)));
    expect(panel()).toHaveAttribute('data-session-state', 'ready');
    expect(counter('recoveredPayments')).toBe('1');
    expect(screen.getByText('Profile').nextElementSibling).toHaveTextContent('app2app');
  });

  it('keeps the history of the run with the cause of each episode, newest first', async () => {
    const store = createStore<SessionSlice>()((...args) => createSessionSlice(...args));
    const shown: number[] = [];
    render(<LiveSessionPanel store={store} onShowEvent={(seq) => shown.push(seq)} />);
    act(() => store.getState().applySessionEvents(story));
    const list = screen.getByRole('list', { name: 'Session history' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining(
        'Payment approved, its response lost; no Payment response within 3000 ms: recovering a payment → ready',
      ),
      expect.stringContaining(
        'Client started: connecting → linked → login → answered BUSY ×1 → ready',
      ),
    ]);
    expect(items[0]).toHaveAttribute('data-session-states', 'recovering ready');
    // No state id reads raw on screen.
    expect(panel()).not.toHaveTextContent(/busyBackoff|loggingIn/);

    const fault = story.find((event) => event.kind === 'fault')!;
    await userEvent.setup().click(within(items[0]!).getByRole('button'));
    expect(shown).toEqual([fault.seq]);
  });
});

describe('SessionStrip', () => {
  it('gives the newest episode as the cause of the state, in words', () => {
    const history = foldSessionHistoryEvents(EMPTY_HISTORY, story);
    render(<SessionStrip view={sessionAt(story)} episode={history.episodes.at(-1)} />);
    expect(panel()).toHaveTextContent(
      'Payment approved, its response lost; no Payment response within 3000 ms: recovering a payment → ready',
    );
  });
});
