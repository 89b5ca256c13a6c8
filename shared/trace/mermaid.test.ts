import { describe, expect, it } from 'vitest';
import type { TraceEvent } from './events';
import { escapeMermaid, selectEvents, traceToMermaid } from './mermaid';

const header = (category: string, type: string, serviceId: string) => ({
  MessageClass: 'Service',
  MessageCategory: category,
  MessageType: type,
  ServiceID: serviceId,
  SaleID: 'POS',
  POIID: 'POI',
});

let seq = 0;
function stamp<E extends object>(body: E): TraceEvent {
  seq += 1;
  return { seq, t: seq * 10, at: '2026-01-01T00:00:00.000Z', ...body } as unknown as TraceEvent;
}

function flow(): TraceEvent[] {
  seq = 0;
  return [
    stamp({ kind: 'session', from: 'linked', to: 'loggingIn', reason: 'login at start' }),
    stamp({
      kind: 'message',
      observer: 'pos',
      direction: 'toPoi',
      link: 'pos-1',
      json: {
        SaleToPOIRequest: { MessageHeader: header('Login', 'Request', '1'), LoginRequest: {} },
      },
    }),
    stamp({
      kind: 'message',
      observer: 'pos',
      direction: 'toPos',
      link: 'pos-1',
      json: {
        SaleToPOIResponse: {
          MessageHeader: header('Login', 'Response', '1'),
          LoginResponse: { Response: { Result: 'Failure', ErrorCondition: 'Busy' } },
        },
      },
    }),
    stamp({ kind: 'fault', name: 'restart', phase: 'applied', note: 'device; rebooted #1' }),
    stamp({ kind: 'fault', name: 'restartClient', phase: 'applied' }),
    stamp({ kind: 'timeout', category: 'Payment', serviceId: '2', afterMs: 600 }),
    stamp({
      kind: 'retry',
      category: 'Login',
      serviceId: '3',
      previousServiceId: '1',
      attempt: 2,
      reason: 'busy',
    }),
    stamp({ kind: 'op', op: 'A-1', name: 'pay', phase: 'ok', outcome: 'recovered' }),
    stamp({
      kind: 'lifecycle',
      from: 'ready',
      to: 'initialising',
      reason: 'restart',
      version: '1.0.0',
    }),
    stamp({
      kind: 'link',
      observer: 'pos',
      link: 'pos-1',
      change: 'closed',
      code: 1006,
      abrupt: true,
    }),
    stamp({
      kind: 'poiSession',
      link: 'ws-1',
      change: 'ignored',
      reason: 'no session',
      category: 'Payment',
      serviceId: '4',
    }),
    stamp({
      kind: 'message',
      observer: 'pos',
      direction: 'toPos',
      link: 'pos-1',
      text: 'not json <b>',
    }),
  ];
}

describe('traceToMermaid', () => {
  it('draws messages as arrows between the lanes and everything else as notes', () => {
    expect(traceToMermaid(flow(), { title: 'Start-up; BUSY' })).toBe(
      [
        'sequenceDiagram',
        '  title Start-up#59; BUSY',
        '  participant POS as POS (Sale system)',
        '  participant POI as Payment application (POI)',
        '  Note over POS: session linked → loggingIn (login at start)',
        '  POS->>POI: Login Request #35;1',
        '  POI-->>POS: Login Response #35;1 Failure Busy',
        '  Note over POI: fault restart applied (device#59; rebooted #35;1)',
        '  Note over POS: fault restartClient applied',
        '  Note over POS: timeout Payment #35;2 after 600 ms',
        '  Note over POS: retry Login #35;1 → #35;3 (attempt 2, busy)',
        '  Note over POS: pay ok recovered',
        '  Note over POI: payment app ready → initialising (restart, v1.0.0)',
        '  Note over POS,POI: link pos-1 closed code 1006 abruptly',
        '  Note over POI: session ignored Payment #35;4 (no session)',
        '  POI-->>POS: malformed frame not json #lt;b#gt;',
        '',
      ].join('\n'),
    );
  });

  it('keeps only the selected events: a seq range, kinds, or exact seqs', () => {
    const events = flow();
    expect(selectEvents(events, { fromSeq: 2, toSeq: 3 }).map((e) => e.seq)).toEqual([2, 3]);
    expect(selectEvents(events, { kinds: ['fault'] }).map((e) => e.seq)).toEqual([4, 5]);
    expect(selectEvents(events, { seqs: [1, 12], kinds: ['message'] }).map((e) => e.seq)).toEqual([
      12,
    ]);
    expect(selectEvents(events)).toHaveLength(events.length);
    const onlyFaults = traceToMermaid(events, { kinds: ['fault'] });
    expect(onlyFaults).not.toContain('->>');
    expect(onlyFaults.match(/Note over/g)).toHaveLength(2);
  });

  it('an empty selection is still a valid diagram with both lanes', () => {
    expect(traceToMermaid([])).toBe(
      'sequenceDiagram\n  participant POS as POS (Sale system)\n  participant POI as Payment application (POI)\n',
    );
  });
});

describe('escapeMermaid', () => {
  it('replaces what would end a statement or start an entity, and joins lines', () => {
    expect(escapeMermaid('a;b#c<d>e\r\nf')).toBe('a#59;b#35;c#lt;d#gt;e f');
  });
});
