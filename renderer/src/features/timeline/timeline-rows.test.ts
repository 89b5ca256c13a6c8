import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allRows,
  buildTimeline,
  createTimelineBuilder,
  indexOfSeq,
  searchTextOf,
  type TimelineRow,
} from './timeline-rows';
import { WIRE_BADGE } from './row-text';
import { TraceBuilder, recoveryStory, sampleTraces } from './trace-fixtures';

function rowBySeq(rows: readonly TimelineRow[], seq: number): TimelineRow {
  const row = rows[indexOfSeq(rows, seq)];
  if (row === undefined) throw new Error(`no row ${seq}`);
  return row;
}

describe('timeline rows', () => {
  it('summarises a message once: lane, direction, header, result, time', () => {
    const b = new TraceBuilder();
    b.at(10).request('Login', 'S1');
    b.at(61_025).response('Login', 'S1', 'Failure', 'Busy');
    const [request, response] = allRows(buildTimeline(b.events));
    expect(request).toMatchObject({
      seq: 1,
      time: '00:00.010',
      kind: 'message',
      lane: 'pos',
      direction: 'toPoi',
      category: 'Login',
      type: 'Request',
      serviceId: 'S1',
      title: 'Login Request',
      pairSeq: 2,
    });
    expect(request?.latencyMs).toBeUndefined();
    expect(response).toMatchObject({
      time: '01:01.025',
      lane: 'poi',
      direction: 'toPos',
      result: 'Failure',
      errorCondition: 'Busy',
      tone: 'error',
      pairSeq: 1,
      latencyMs: 61_015,
    });
  });

  it('links a timeout to the request it waited for, not a later notification with its ServiceID', () => {
    const b = new TraceBuilder();
    b.at(10).request('Payment', 'S7');
    b.at(20).nexo('Event', 'Notification', 'S7', 'toPos');
    b.at(3010).add({ kind: 'timeout', serviceId: 'S7', category: 'Payment', afterMs: 3000 });
    const [payment, notification, timeout] = allRows(buildTimeline(b.events));
    expect(timeout?.relatedSeq).toBe(payment?.seq);
    expect(payment?.concerns).toEqual([
      { kind: 'timeout', seq: timeout?.seq, text: timeout?.title },
    ]);
    expect(notification?.concerns).toEqual([]);
  });

  it('gives every kind a distinct row and links faults and timeouts to their message', () => {
    const rows = allRows(buildTimeline(recoveryStory().events));
    const session = rows.find(
      (row) => row.kind === 'session' && row.title === 'ready → recovering a payment',
    );
    expect(session?.detail).toBe('payment S3 timed out');
    const payment = rows.find((row) => row.category === 'Payment' && row.kind === 'message');
    const fault = rows.find((row) => row.kind === 'fault');
    expect(fault).toMatchObject({
      title: 'Approve then lose response: took effect',
      detail: 'on Payment #S3',
      lane: 'poi',
      category: 'Payment',
      serviceId: 'S3',
      relatedSeq: payment?.seq,
    });
    const timeout = rows.find((row) => row.kind === 'timeout');
    expect(timeout).toMatchObject({ relatedSeq: payment?.seq, tone: 'error' });
    expect(
      rows.find((row) => row.kind === 'op' && row.event.kind === 'op' && row.event.phase === 'ok'),
    ).toMatchObject({
      title: 'Payment recovered',
      detail: 'recovered · operation op-1',
      tone: 'ok',
    });
    expect(rows.find((row) => row.kind === 'lifecycle')?.detail).toBe('v1.4.2 · start');
    const status = rows.find(
      (row) => row.category === 'TransactionStatus' && row.type === 'Response',
    );
    expect(status?.detail).toBe('Payment Success');
  });

  it('describes links, retries, terminal sessions, the ledger and malformed frames', () => {
    const b = new TraceBuilder();
    b.request('Admin', 'S5');
    b.add({
      kind: 'link',
      observer: 'poi',
      link: 'L1',
      change: 'closed',
      code: 1006,
      abrupt: true,
    });
    b.add({
      kind: 'retry',
      category: 'Admin',
      serviceId: 'S6',
      previousServiceId: 'S5',
      attempt: 2,
      reason: 'timeout',
    });
    b.add({
      kind: 'poiSession',
      link: 'L1',
      change: 'ignored',
      reason: 'no session',
      category: 'Admin',
      serviceId: 'S5',
    });
    b.add({
      kind: 'ledger',
      change: 'recorded',
      entry: {
        saleId: 'POS-1',
        saleTransactionId: 'T1',
        poiTransactionId: 'X9',
        serviceId: 'S3',
        amountMinor: 1250,
        authorisedMinor: 1250,
        currency: 'EUR',
        result: 'approved',
        reversed: false,
        at: '2025-01-01T00:00:00.000Z',
      },
    });
    b.add({ kind: 'message', observer: 'pos', direction: 'toPos', link: 'L1', text: '{oops' });
    b.add({ kind: 'fault', name: 'restartPos', phase: 'applied' });
    const [, link, retry, ignored, ledger, junk, fault] = allRows(buildTimeline(b.events));
    expect(link).toMatchObject({
      lane: 'poi',
      title: 'Link closed',
      detail: 'L1 · code 1006 · abrupt',
      tone: 'warn',
    });
    expect(retry).toMatchObject({
      title: 'Retry Admin #2',
      detail: 'S5 → S6 · timeout',
      category: 'Admin',
      serviceId: 'S6',
      relatedSeq: 1,
    });
    expect(ignored).toMatchObject({
      lane: 'poi',
      title: 'POI session ignored',
      tone: 'warn',
      relatedSeq: 1,
    });
    expect(ledger).toMatchObject({ lane: 'poi', title: 'Ledger recorded', tone: 'ok' });
    expect(ledger?.detail).toBe('approved · 12.50 EUR · POI tx X9 · sale tx T1');
    expect(junk).toMatchObject({
      title: 'Malformed frame',
      detail: '{oops',
      tone: 'error',
      direction: 'toPos',
    });
    // A client-side fault sits in the POS lane; simulator faults in the payment-app lane.
    expect(fault).toMatchObject({ lane: 'pos', title: 'restartPos: done' });
  });

  it('shows the wire of a link and of its messages, and rows of old traces without one', () => {
    const b = new TraceBuilder();
    b.add({ kind: 'link', observer: 'poi', link: 'tcp-1', wire: 'tcp', change: 'opened' });
    b.add({
      kind: 'message',
      observer: 'poi',
      direction: 'toPoi',
      link: 'tcp-1',
      wire: 'tcp',
      text: 'garbage',
    });
    b.request('Login', 'S1');
    const [link, message, old] = allRows(buildTimeline(b.events));
    expect(link?.wire).toBe('tcp');
    expect(message?.wire).toBe('tcp');
    expect(WIRE_BADGE[message!.wire!]).toBe('TCP');
    expect(searchTextOf(message!)).toContain('tcp');
    expect(old?.wire).toBeUndefined();
  });

  it('lists the categories seen, sorted', () => {
    expect(buildTimeline(recoveryStory().events).categories).toEqual([
      'Display',
      'Login',
      'Payment',
      'TransactionStatus',
    ]);
  });

  it('builds the same rows in batches as in one go, without touching older models', () => {
    const events = recoveryStory().events;
    const builder = createTimelineBuilder();
    const models = [3, 6, 8, 15, events.length].map((end, i, ends) =>
      builder.append(events.slice(i === 0 ? 0 : ends[i - 1], end)),
    );
    const whole = buildTimeline(events);
    expect(allRows(models.at(-1)!)).toEqual(allRows(whole));
    expect(models.at(-1)!.categories).toEqual(whole.categories);
    expect(models.at(-1)!.lanes).toEqual(whole.lanes);
    // The Login request (seq 6) got its pair in a later batch; the earlier model kept its row.
    const early = models[1]!;
    expect(rowBySeq(allRows(early), 6).pairSeq).toBeUndefined();
    expect(rowBySeq(allRows(models.at(-1)!), 6).pairSeq).toBe(7);
  });

  it('skips events it already has (a batch sent twice) and returns the same model', () => {
    const events = recoveryStory().events;
    const builder = createTimelineBuilder();
    const first = builder.append(events.slice(0, 10));
    expect(builder.append(events.slice(4, 10))).toBe(first);
    expect(allRows(builder.append(events.slice(5, 12))).map((row) => row.seq)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });

  it('finds a row by seq', () => {
    const rows = allRows(buildTimeline(recoveryStory().events));
    expect(indexOfSeq(rows, 1)).toBe(0);
    expect(indexOfSeq(rows, rows.length)).toBe(rows.length - 1);
    expect(indexOfSeq(rows, 0)).toBe(-1);
    expect(indexOfSeq(rows, rows.length + 1)).toBe(-1);
  });

  it('makes the searchable text from what the row shows', () => {
    const rows = allRows(buildTimeline(recoveryStory().events));
    const busy = rows.find((row) => row.errorCondition === 'Busy');
    expect(busy).toBeDefined();
    expect(searchTextOf(busy!)).toContain('busy');
    expect(searchTextOf(busy!)).toContain('login response');
    expect(searchTextOf(busy!)).toContain('s1');
  });
});

describe('timeline rows in proxy role', () => {
  it('say on each message which leg it came on and what the proxy did with it', () => {
    const b = new TraceBuilder();
    const request = b.request('Payment', 'P1', { observer: 'poi', link: 'pos-1' });
    const lost = b.response('Payment', 'P1', 'Success', undefined, {
      observer: 'proxy',
      link: 'terminal-1',
    });
    const events = [
      { ...request, leg: 'pos' as const, proxied: 'forwarded' as const },
      { ...lost, leg: 'terminal' as const, proxied: 'dropped' as const },
    ];
    const rows = allRows(buildTimeline(events));

    expect(rowBySeq(rows, request.seq).detail).toBe('POS leg, forwarded');
    expect(rowBySeq(rows, lost.seq).detail).toBe('terminal leg, dropped by a fault');
    expect(searchTextOf(rowBySeq(rows, lost.seq))).toContain('dropped by a fault');
  });
});

describe('rows built on demand', () => {
  const traces = [recoveryStory().events, ...sampleTraces()];

  it('are the same rows whatever order they are asked for in', () => {
    for (const events of traces) {
      const inOrder = allRows(buildTimeline(events));
      fc.assert(
        fc.property(
          fc.shuffledSubarray(
            inOrder.map((_, i) => i),
            { minLength: inOrder.length },
          ),
          (order) => {
            const model = buildTimeline(events);
            for (const index of order) expect(model.rowAt(index)).toEqual(inOrder[index]);
          },
        ),
        { numRuns: 20 },
      );
    }
  });

  it('keep each model as it stood, however the events arrived in batches', () => {
    for (const events of traces) {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 12 }), (sizes) => {
          const builder = createTimelineBuilder();
          const models = [];
          let taken = 0;
          for (const size of sizes) {
            models.push(builder.append(events.slice(taken, taken + size)));
            taken += size;
          }
          models.push(builder.append(events.slice(taken)));
          // Asked for after everything arrived: an early model still shows its own past.
          for (const model of models) {
            const prefix = events.slice(0, model.length);
            expect(allRows(model)).toEqual(allRows(buildTimeline(prefix)));
            expect(model.categories).toEqual(buildTimeline(prefix).categories);
          }
        }),
        { numRuns: 20 },
      );
    }
  });

  it('keep a row the same object until a later event changes it', () => {
    const events = recoveryStory().events;
    const builder = createTimelineBuilder();
    const early = builder.append(events.slice(0, 5));
    const first = early.rowAt(0);
    const later = builder.append(events.slice(5));
    expect(later.rowAt(0)).toBe(first);
    const changed = allRows(later).find((row) => row.type === 'Request' && row.pairSeq! > 5);
    expect(changed).toBeDefined();
  });
});
