import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '@shared/trace/view';
import type { Verdict } from '@shared/trace/checkers';
import {
  pendingStateOf,
  waitingText,
  RAIL_TRACKS,
  THREE_LANES,
  TWO_LANES,
  createBandTracker,
  flowPathOf,
  laneX,
  pairSpans,
  pairRails,
  verdictHits,
  type FlowPath,
} from './timeline-flow';
import { allRows, buildTimeline, createTimelineBuilder, type TimelineRow } from './timeline-rows';
import { TraceBuilder, recoveryStory } from './trace-fixtures';

/** A proxy frame: the leg it arrived on and what the proxy did with it. */
function proxied(
  b: TraceBuilder,
  direction: 'toPoi' | 'toPos',
  leg: 'pos' | 'terminal',
  disposition: 'forwarded' | 'dropped' | 'synthesised' | 'swallowed',
): TraceEvent {
  return b.add({
    kind: 'message',
    observer: leg === 'terminal' && disposition === 'dropped' ? 'proxy' : 'poi',
    direction,
    link: 'P1',
    json: {},
    leg,
    proxied: disposition,
  });
}

describe('flowPathOf', () => {
  const b = new TraceBuilder();
  const arrow = (from: string, to: string, lost = false, via?: string): FlowPath =>
    ({ kind: 'arrow', from, to, lost, ...(via === undefined ? {} : { via }) }) as FlowPath;

  it.each([
    ['a request without a leg', b.request('Login', 'S1'), arrow('pos', 'poi')],
    ['a response without a leg', b.response('Login', 'S1', 'Success'), arrow('poi', 'pos')],
    [
      'a forwarded request: POS to terminal through the proxy',
      proxied(b, 'toPoi', 'pos', 'forwarded'),
      arrow('pos', 'terminal', false, 'poi'),
    ],
    [
      'a swallowed request stops at the proxy',
      proxied(b, 'toPoi', 'pos', 'swallowed'),
      arrow('pos', 'poi', true),
    ],
    [
      'an answer the proxy made up starts at the proxy',
      proxied(b, 'toPos', 'pos', 'synthesised'),
      arrow('poi', 'pos'),
    ],
    [
      'a forwarded answer: terminal to POS through the proxy',
      proxied(b, 'toPos', 'terminal', 'forwarded'),
      arrow('terminal', 'pos', false, 'poi'),
    ],
    [
      'a dropped answer stops at the proxy',
      proxied(b, 'toPos', 'terminal', 'dropped'),
      arrow('terminal', 'poi', true),
    ],
  ])('%s', (_name, event, path) => {
    expect(flowPathOf(event, 'pos')).toEqual(path);
  });

  it('marks anything else on its lane, and the proxy terminal link on the terminal lane', () => {
    const session = b.session('offline', 'connecting', 'start');
    expect(flowPathOf(session, 'pos')).toEqual({ kind: 'mark', at: 'pos' });
    const link = b.add({ kind: 'link', observer: 'proxy', link: 'T1', change: 'opened' });
    expect(flowPathOf(link, 'poi')).toEqual({ kind: 'mark', at: 'terminal' });
  });
});

describe('lanes', () => {
  it('has two lanes until a proxy leg shows, then three', () => {
    expect(buildTimeline(recoveryStory().events).lanes).toEqual(TWO_LANES);
    const b = recoveryStory();
    proxied(b, 'toPoi', 'pos', 'forwarded');
    expect(buildTimeline(b.events).lanes).toEqual(THREE_LANES);
  });

  it('puts the lanes left to right in their order', () => {
    expect(laneX(TWO_LANES, 'pos')).toBeLessThan(laneX(TWO_LANES, 'poi'));
    expect(laneX(THREE_LANES, 'pos')).toBeLessThan(laneX(THREE_LANES, 'poi'));
    expect(laneX(THREE_LANES, 'poi')).toBeLessThan(laneX(THREE_LANES, 'terminal'));
  });
});

describe('session band', () => {
  it('follows the reference client session through the recovery story', () => {
    const rows = allRows(buildTimeline(recoveryStory().events));
    const bandAt = (title: string) => rows.find((row) => row.title === title)?.band;
    expect(rows[0]?.band).toBe('poiNone');
    expect(bandAt('Login Request')).toBe('loggingIn');
    expect(bandAt('Payment Request')).toBe('ready');
    expect(bandAt('Timeout Payment')).toBe('ready');
    expect(bandAt('TransactionStatus Request')).toBe('recovering');
    expect(rows.at(-1)?.band).toBe('ready');
  });

  it('without a client session, says whether the payment application holds one', () => {
    const band = createBandTracker();
    const b = new TraceBuilder();
    const open = b.add({ kind: 'poiSession', link: 'L1', change: 'opened', reason: 'login' });
    const other = b.add({ kind: 'poiSession', link: 'L2', change: 'opened', reason: 'login' });
    const closed = b.add({ kind: 'link', observer: 'poi', link: 'L1', change: 'closed' });
    const restart = b.add({
      kind: 'lifecycle',
      from: 'ready',
      to: 'restarting',
      reason: 'restart',
      version: '1',
    });
    expect([open, other, closed, restart].map((event) => band.next(event))).toEqual([
      'poiOpen',
      'poiOpen',
      'poiOpen',
      'poiNone',
    ]);
  });
});

describe('pairing lines', () => {
  /** Positions of requests and responses, pairs as [request, response] positions. */
  function spansOf(length: number, pairs: readonly (readonly [number, number])[]) {
    const visible = Array.from({ length }, (_, i) => i);
    const requestOf = new Map(pairs.map(([request, response]) => [response, request]));
    return pairSpans(
      visible,
      (index) => requestOf.get(index),
      (index) => index,
    );
  }

  it('joins each response to its request, nested pairs on separate tracks', () => {
    expect(
      spansOf(6, [
        [0, 5],
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([
      { from: 0, to: 5, track: 0 },
      { from: 1, to: 2, track: 1 },
      { from: 3, to: 4, track: 1 },
    ]);
  });

  it('reuses a track once its line ended', () => {
    expect(
      spansOf(4, [
        [0, 1],
        [2, 3],
      ]).map((s) => s.track),
    ).toEqual([0, 0]);
  });

  it('shares the last track when more pairs overlap than there are tracks', () => {
    const pairs = Array.from({ length: RAIL_TRACKS + 2 }, (_, i) => [i, 20 - i] as const);
    const tracks = spansOf(21, pairs).map((s) => s.track);
    expect(Math.max(...tracks)).toBe(RAIL_TRACKS - 1);
  });

  it('draws no line to a request the filters hide', () => {
    const spans = pairSpans(
      [0, 2, 3],
      (index) => (index === 3 ? 1 : undefined),
      (index) => [0, 2, 3].indexOf(index),
    );
    expect(spans).toEqual([]);
  });

  it('marks the rows a line crosses: start, through, end', () => {
    const rails = pairRails([{ from: 1, to: 3, track: 0 }]);
    const marks = [0, 1, 2, 3, 4].map((position) => rails.marksAt(position));
    expect(marks).toEqual([
      undefined,
      [{ track: 0, part: 'start' }],
      [{ track: 0, part: 'through' }],
      [{ track: 0, part: 'end' }],
      undefined,
    ]);
  });

  it('keeps one mark per track, an end or start over a line passing through', () => {
    const rails = pairRails([
      { from: 0, to: 4, track: 2 },
      { from: 1, to: 2, track: 2 },
    ]);
    expect(rails.marksAt(1)).toEqual([{ track: 2, part: 'start' }]);
    expect(rails.marksAt(2)).toEqual([{ track: 2, part: 'end' }]);
    expect(rails.marksAt(3)).toEqual([{ track: 2, part: 'through' }]);
    // Asked again, the same array: rows compare it by identity.
    expect(rails.marksAt(3)).toBe(rails.marksAt(3));
  });

  it('finds lines on several tracks crossing a row, long ones too', () => {
    const rails = pairRails([
      { from: 0, to: 50, track: 0 },
      { from: 10, to: 20, track: 1 },
      { from: 20, to: 30, track: 2 },
    ]);
    expect(rails.marksAt(20)).toEqual([
      { track: 0, part: 'through' },
      { track: 1, part: 'end' },
      { track: 2, part: 'start' },
    ]);
    expect(rails.marksAt(51)).toBeUndefined();
  });

  it('pairs the rows of a real timeline by their pairSeq', () => {
    const rows = allRows(buildTimeline(recoveryStory().events));
    const visible = rows.map((_, i) => i);
    const spans = pairSpans(
      visible,
      (index) => {
        const row = rows[index];
        if (row?.type !== 'Response' || row.pairSeq === undefined) return undefined;
        return rows.findIndex((r) => r.seq === row.pairSeq);
      },
      (index) => index,
    );
    // Four logins and a status answered; the payment's response was lost.
    expect(spans).toHaveLength(4);
    for (const span of spans) {
      expect(rows[span.from]?.type).toBe('Request');
      expect(rows[span.to]?.latencyMs).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('verdict hits', () => {
  const verdict = (pass: boolean, events: number[], message: string): Verdict => ({
    checker: 'login-before-requests',
    pass,
    message,
    events,
  });

  it('maps each seq a failing verdict names to its messages; passing ones mark nothing', () => {
    const hits = verdictHits([
      verdict(false, [3, 5], 'Payment before Login'),
      verdict(true, [3], 'evidence'),
      verdict(false, [5], 'another'),
    ]);
    expect([...hits.entries()]).toEqual([
      [3, ['Payment before Login']],
      [5, ['Payment before Login', 'another']],
    ]);
    expect(verdictHits(undefined).size).toBe(0);
  });
});

describe('concerns', () => {
  it('puts the fault and the timeout on the payment request they name', () => {
    const rows = allRows(buildTimeline(recoveryStory().events));
    const payment = rows.find((row) => row.title === 'Payment Request');
    expect(payment?.concerns.map((concern) => concern.kind)).toEqual(['fault', 'timeout']);
    expect(payment?.concerns[0]?.text).toBe('Approve then lose response: took effect');
  });

  it('amends a row already published without mutating it', () => {
    const events = recoveryStory().events;
    const cut = events.findIndex((event) => event.kind === 'fault');
    const builder = createTimelineBuilder();
    const first = builder.append(events.slice(0, cut));
    const later = builder.append(events.slice(cut));
    const paymentOf = (rows: readonly TimelineRow[]) =>
      rows.find((row) => row.title === 'Payment Request');
    expect(paymentOf(allRows(first))?.concerns).toEqual([]);
    expect(paymentOf(allRows(later))?.concerns).toHaveLength(2);
  });
});

describe('pending requests', () => {
  const request = {
    kind: 'message',
    type: 'Request',
    direction: 'toPoi',
    concerns: [] as { kind: string }[],
  };

  it.each([
    ['a live request without its response', request, true, 'waiting'],
    ['the same in a replayed trace', request, false, 'unanswered'],
    [
      'a live request a timeout gave up',
      { ...request, concerns: [{ kind: 'timeout' }] },
      true,
      'unanswered',
    ],
    ['an answered request', { ...request, pairSeq: 4 }, true, undefined],
    ['a Display request of the payment app', { ...request, direction: 'toPos' }, true, undefined],
    ['a response', { ...request, type: 'Response' }, true, undefined],
    ['a session row', { ...request, kind: 'session', type: undefined }, true, undefined],
  ] as const)('%s: %s', (_what, row, live, expected) => {
    expect(pendingStateOf(row, live)).toBe(expected);
  });

  it.each([
    [0, 'waiting 0.0 s'],
    [1234, 'waiting 1.2 s'],
    [59_940, 'waiting 59.9 s'],
    [125_000, 'waiting 2 min 05 s'],
    [-5, 'waiting 0.0 s'],
  ])('%i ms reads %s', (ms, text) => {
    expect(waitingText(ms)).toBe(text);
  });
});
