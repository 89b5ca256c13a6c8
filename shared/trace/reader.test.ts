import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../time/virtual-clock';
import type { EventBody, TraceEvent } from './events';
import { serialiseTrace } from './format';
import { createMemoryTrace } from './memory-trace';
import { describeTraceError, parseTrace } from './reader';

const HEADER = { harnessVersion: '0.1.0', role: 'cli', profile: 'app2app', policy: {} } as const;

/** One event of every kind, as the client, the session runner and the simulator emit them. */
const BODIES: readonly EventBody[] = [
  { kind: 'lifecycle', from: 'stopped', to: 'initialising', reason: 'start', version: '1.0.0' },
  { kind: 'link', observer: 'pos', link: 'L1', change: 'opened' },
  { kind: 'session', from: 'linked', to: 'loggingIn', reason: 'start', link: 'L1' },
  {
    kind: 'message',
    observer: 'pos',
    direction: 'toPoi',
    link: 'L1',
    json: { SaleToPOIRequest: { MessageHeader: { ServiceID: '1' }, LoginRequest: {} } },
  },
  { kind: 'message', observer: 'poi', direction: 'toPos', link: 'L1', text: '{"broken' },
  { kind: 'fault', name: 'busyNextLogins', phase: 'armed', args: { count: 3 } },
  { kind: 'timeout', category: 'Payment', serviceId: '7', afterMs: 3000, op: 'op-2' },
  {
    kind: 'retry',
    category: 'Login',
    serviceId: '9',
    previousServiceId: '8',
    attempt: 2,
    reason: 'busy',
  },
  { kind: 'op', op: 'op-2', name: 'pay', phase: 'invoke', detail: { amountMinor: 1250 } },
  { kind: 'op', op: 'op-2', name: 'pay', phase: 'ok', outcome: 'recovered' },
  { kind: 'poiSession', link: 'L1', change: 'ignored', reason: 'noSession', category: 'Payment' },
  {
    kind: 'ledger',
    change: 'recorded',
    entry: {
      saleId: 'S',
      saleTransactionId: 'T1',
      poiTransactionId: 'P1',
      serviceId: '7',
      amountMinor: 1250,
      authorisedMinor: 1250,
      currency: 'EUR',
      result: 'approved',
      reversed: false,
      at: '2026-01-01T00:00:01.000Z',
    },
  },
];

function sampleTrace(): { text: string; events: readonly TraceEvent[] } {
  const clock = new VirtualClock();
  const trace = createMemoryTrace({ clock, header: HEADER, mask: false });
  for (const body of BODIES) {
    trace.record(body);
    clock.advance(7);
  }
  return { text: trace.toText(), events: trace.events() };
}

function withLine(text: string, lineNo: number, replacement: string): string {
  const lines = text.split('\n');
  lines[lineNo - 1] = replacement;
  return lines.join('\n');
}

function lineOf(text: string, lineNo: number): string {
  return text.split('\n')[lineNo - 1]!;
}

describe('parseTrace', () => {
  it('round-trips every event kind, header included', () => {
    const { text, events } = sampleTrace();
    const parsed = parseTrace(text);
    expect(parsed.ok && parsed.value.warnings).toEqual([]);
    if (!parsed.ok) throw new Error(describeTraceError(parsed.error));
    expect(parsed.value.events).toEqual(events);
    expect(parsed.value.events.map((e) => e.seq)).toEqual(BODIES.map((_, i) => i + 1));
    expect(parsed.value.header).toMatchObject({ format: 'a2a-trace', version: 1, role: 'cli' });
    expect(serialiseTrace(parsed.value.header, parsed.value.events)).toBe(text);
  });

  it('drops a torn last line with a warning naming it', () => {
    const { text } = sampleTrace();
    const lastLine = lineOf(text, BODIES.length + 1);
    const torn = text.slice(0, text.length - 1 - Math.floor(lastLine.length / 2));
    const parsed = parseTrace(torn);
    if (!parsed.ok) throw new Error(describeTraceError(parsed.error));
    expect(parsed.value.events).toHaveLength(BODIES.length - 1);
    expect(parsed.value.warnings).toEqual([
      { line: BODIES.length + 1, reason: expect.stringContaining('torn') },
    ]);
  });

  it('accepts a complete last line that only lacks its newline', () => {
    const { text } = sampleTrace();
    const parsed = parseTrace(text.slice(0, -1));
    expect(parsed.ok && parsed.value.events).toHaveLength(BODIES.length);
  });

  it('reads any prefix of a trace that keeps the header as a prefix of its events', () => {
    const { text, events } = sampleTrace();
    const headerEnd = text.indexOf('\n') + 1;
    fc.assert(
      fc.property(fc.integer({ min: headerEnd, max: text.length }), (cut) => {
        const parsed = parseTrace(text.slice(0, cut));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const n = parsed.value.events.length;
        expect(parsed.value.events).toEqual(events.slice(0, n));
        // Only the line being written when the text was cut may be missing.
        expect(n).toBeGreaterThanOrEqual(text.slice(0, cut).split('\n').length - 2);
      }),
    );
  });

  it('never throws, whatever the text', () => {
    const { text } = sampleTrace();
    fc.assert(
      fc.property(fc.string(), fc.nat(text.length), (noise, at) => {
        const result = parseTrace(text.slice(0, at) + noise + text.slice(at));
        return typeof result.ok === 'boolean';
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => typeof parseTrace(s).ok === 'boolean'));
  });

  it('tolerates CRLF line ends', () => {
    const { text } = sampleTrace();
    const parsed = parseTrace(text.replaceAll('\n', '\r\n'));
    expect(parsed.ok && parsed.value.events).toHaveLength(BODIES.length);
  });

  // Each corruption is reported with the 1-based line where it is, and nothing is repaired.
  it.each([
    {
      name: 'bad JSON in the middle',
      corrupt: (t: string) => withLine(t, 4, '{"seq":3,'),
      line: 4,
      reason: /not JSON/,
    },
    {
      name: 'a schema mismatch',
      corrupt: (t: string) => withLine(t, 3, lineOf(t, 3).replace('"seq":2', '"seq":"2"')),
      line: 3,
      reason: /seq/,
    },
    {
      name: 'a missing field',
      corrupt: (t: string) => withLine(t, 5, lineOf(t, 5).replace('"direction":"toPoi",', '')),
      line: 5,
      reason: /direction/,
    },
    {
      name: 'an unknown event kind',
      corrupt: (t: string) =>
        withLine(t, 6, lineOf(t, 6).replace('"kind":"message"', '"kind":"x"')),
      line: 6,
      reason: /unknown event kind "x"/,
    },
    {
      name: 'a seq gap',
      corrupt: (t: string) => withLine(t, 7, lineOf(t, 7).replace('"seq":6', '"seq":8')),
      line: 7,
      reason: /seq gap: expected 6, found 8/,
    },
    {
      name: 'a repeated seq',
      corrupt: (t: string) => withLine(t, 7, lineOf(t, 7).replace('"seq":6', '"seq":5')),
      line: 7,
      reason: /out of order/,
    },
    {
      name: 'time going backwards',
      corrupt: (t: string) => withLine(t, 8, lineOf(t, 8).replace(/"t":\d+/, '"t":1')),
      line: 8,
      reason: /time goes backwards/,
    },
    {
      name: 'a torn line that is not the last one',
      corrupt: (t: string) => withLine(t, 3, lineOf(t, 3).slice(0, 20)),
      line: 3,
      reason: /not JSON/,
    },
    {
      name: 'an unknown format',
      corrupt: (t: string) => withLine(t, 1, lineOf(t, 1).replace('a2a-trace', 'other')),
      line: 1,
      reason: /not an a2a trace/,
    },
    {
      name: 'an unsupported version',
      corrupt: (t: string) => withLine(t, 1, lineOf(t, 1).replace('"version":1', '"version":2')),
      line: 1,
      reason: /unsupported trace version 2/,
    },
    {
      name: 'a header missing its profile',
      corrupt: (t: string) => withLine(t, 1, lineOf(t, 1).replace('"profile":"app2app",', '')),
      line: 1,
      reason: /header profile/,
    },
    { name: 'an empty text', corrupt: () => '', line: 1, reason: /empty trace/ },
    { name: 'a torn header', corrupt: (t: string) => t.slice(0, 30), line: 1, reason: /header/ },
  ])('reports $name with its line number', ({ corrupt, line, reason }) => {
    const parsed = parseTrace(corrupt(sampleTrace().text));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.line).toBe(line);
    expect(parsed.error.reason).toMatch(reason);
    expect(describeTraceError(parsed.error)).toMatch(new RegExp(`^line ${line}: `));
  });

  it('skips a blank line with a warning', () => {
    const { text } = sampleTrace();
    const parsed = parseTrace(withLine(text, 3, '\n' + lineOf(text, 3)));
    expect(parsed.ok && parsed.value.warnings).toEqual([{ line: 3, reason: 'blank line skipped' }]);
    expect(parsed.ok && parsed.value.events).toHaveLength(BODIES.length);
  });
});
