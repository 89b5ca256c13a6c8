import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TraceBuilder, recoveryStory, sampleTraces } from '../timeline/trace-fixtures';
import {
  EMPTY_HISTORY,
  episodeText,
  foldSessionHistory,
  foldSessionHistoryEvents,
  historyUpTo,
  replayHistoryAt,
  type SessionHistory,
} from './session-history';

const fold = (b: TraceBuilder, limit?: number): SessionHistory =>
  foldSessionHistoryEvents(EMPTY_HISTORY, b.events, limit);

/** What a run with an update of the payment app records (order as the harness emits it). */
function updateStory(): TraceBuilder {
  const b = new TraceBuilder();
  b.session('offline', 'connecting', 'start');
  b.session('connecting', 'linked', 'link open');
  b.session('linked', 'loggingIn', 'link open');
  b.at(10).session('loggingIn', 'ready', 'Login Success');
  b.at(1000).add({ kind: 'fault', name: 'update', phase: 'applied', args: {} });
  b.add({ kind: 'link', observer: 'pos', link: 'L1', change: 'closed', code: 1012 });
  b.add({
    kind: 'lifecycle',
    from: 'ready',
    to: 'initialising',
    reason: 'update',
    version: '1.0.1',
  });
  b.session('ready', 'offline', 'link lost (closed 1012 service restart (update))');
  b.at(1157).session('offline', 'connecting', 'reconnect attempt 1');
  b.session('connecting', 'linked', 'link open');
  b.session('linked', 'loggingIn', 'link open');
  b.session('loggingIn', 'busyBackoff', 'Login answered Busy (attempt 1 of 6)');
  b.at(2157).session('busyBackoff', 'loggingIn', 'Login retry after Busy (attempt 2)');
  b.session('loggingIn', 'busyBackoff', 'Login answered Busy (attempt 2 of 6)');
  b.at(3157).session('busyBackoff', 'loggingIn', 'Login retry after Busy (attempt 3)');
  b.session('loggingIn', 'ready', 'Login Success');
  return b;
}

describe('session history', () => {
  it('tells each episode with its cause, kept for the run and not only the last transition', () => {
    const history = fold(updateStory());
    expect(history.episodes.map(episodeText)).toEqual([
      'Client started: connecting → linked → login → ready',
      'Payment app updated to 1.0.1: session ended (offline) → connecting → linked → re-login → answered BUSY ×2 → ready',
    ]);
    // The cause is anchored on the fault event that set it off.
    expect(history.episodes[1]?.seq).toBe(5);
  });

  it('names a lost response and the timeout that followed as the cause of a recovery', () => {
    const history = fold(recoveryStory());
    expect(history.episodes.map(episodeText)).toEqual([
      'Client started: connecting → linked → login → answered BUSY ×1 → ready',
      'Payment approved, its response lost; no Payment response within 3000 ms: recovering a payment → ready',
    ]);
  });

  it('says a state change in words and keeps the session manager’s reason for each step', () => {
    const b = new TraceBuilder();
    b.session('offline', 'connecting', 'start');
    b.session('connecting', 'linked', 'link open');
    b.session('linked', 'loggingIn', 'link open');
    b.session('loggingIn', 'ready', 'Login Success');
    b.add({ kind: 'fault', name: 'logout', phase: 'applied', note: 'POS logs out' });
    b.session('ready', 'ready', 'Logout sent; session closing');
    b.session('ready', 'loggedOut', 'Logout Success');
    b.session('loggedOut', 'loggedOut', 'loggedOut; link open');
    const [, logout] = fold(b).episodes;
    expect(logout && episodeText(logout)).toBe('POS logged out: session ended (logged out)');
    expect(logout?.steps.map((s) => s.reason)).toEqual(['Logout Success']);
  });

  it('keeps a bounded number of episodes and counts the ones it let go', () => {
    const b = new TraceBuilder();
    b.session('offline', 'connecting', 'start');
    b.session('connecting', 'linked', 'link open');
    b.session('linked', 'loggingIn', 'link open');
    b.session('loggingIn', 'ready', 'Login Success');
    for (let i = 0; i < 5; i++) {
      b.add({ kind: 'fault', name: 'restart', phase: 'applied' });
      b.session('ready', 'offline', 'link lost');
      b.session('offline', 'connecting', 'reconnect');
      b.session('connecting', 'linked', 'link open');
      b.session('linked', 'loggingIn', 'link open');
      b.session('loggingIn', 'ready', 'Login Success');
    }
    const history = fold(b, 3);
    expect(history.episodes).toHaveLength(3);
    expect(history.dropped).toBe(3);
    expect(history.episodes.every((e) => e.cause === 'Payment app restarted')).toBe(true);
  });

  it('folds a batch sent twice once, and cuts the history at a replayed position', () => {
    const b = updateStory();
    const once = fold(b);
    expect(foldSessionHistoryEvents(once, b.events)).toBe(once);
    const atUpdate = historyUpTo(once, 9);
    expect(atUpdate.map(episodeText)).toEqual([
      'Client started: connecting → linked → login → ready',
      'Payment app updated to 1.0.1: session ended (offline) → connecting',
    ]);
  });

  it('shows a replay the newest episodes up to its position and counts the ones left out', () => {
    const once = fold(updateStory());
    const all = historyUpTo(once, Number.POSITIVE_INFINITY);
    expect(all.length).toBeGreaterThan(1);
    const bounded = replayHistoryAt(once, Number.POSITIVE_INFINITY, 1);
    expect(bounded.episodes).toEqual(all.slice(-1));
    expect(bounded.dropped).toBe(all.length - 1);
    expect(replayHistoryAt(once, 9, 5)).toEqual({ episodes: historyUpTo(once, 9), dropped: 0 });
  });
});

describe('folding a batch', () => {
  it('gives the history that folding one event at a time gives, whatever the limit and batches', () => {
    const traces = [recoveryStory().events, ...sampleTraces()];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: traces.length - 1 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 8 }),
        (which, limit, sizes) => {
          const events = traces[which]!;
          let oneByOne = EMPTY_HISTORY;
          for (const event of events) oneByOne = foldSessionHistory(oneByOne, event, limit);
          let batched = EMPTY_HISTORY;
          let taken = 0;
          for (const size of [...sizes, events.length]) {
            const before = batched;
            const snapshot = JSON.stringify(before);
            batched = foldSessionHistoryEvents(batched, events.slice(taken, taken + size), limit);
            // An older history never changes under a later fold.
            expect(JSON.stringify(before)).toBe(snapshot);
            taken += size;
          }
          expect(batched).toEqual(oneByOne);
        },
      ),
    );
  });
});

describe('the history at a scrubbed event', () => {
  it('keeps exactly the steps at or before it, for every seq of the trace', () => {
    for (const events of [recoveryStory().events, ...sampleTraces()]) {
      const history = foldSessionHistoryEvents(EMPTY_HISTORY, events, Number.POSITIVE_INFINITY);
      for (let seq = 0; seq <= events.length + 1; seq++) {
        const steps = historyUpTo(history, seq).flatMap((episode) => episode.steps);
        const expected = history.episodes
          .flatMap((episode) => episode.steps)
          .filter((step) => step.seq <= seq);
        expect(steps).toEqual(expected);
        expect(historyUpTo(history, seq).every((episode) => episode.steps.length > 0)).toBe(true);
      }
    }
  });
});
