import { describe, expect, it } from 'vitest';
import { traceBuilder } from './fixtures/trace-builder';
import { runCheckers, startCheckers } from './registry';

describe('incremental checkers on a proxy trace', () => {
  // A proxy trace holds the POS's side (observer `poi`) and frames only the proxy saw on its
  // terminal leg (observer `proxy`, e.g. a response a fault lost). Asked after any event, the
  // live judgement equals the whole-trace judgement of the events so far.
  it('judge after every event, a proxy-only frame last included, as the whole trace does', () => {
    const b = traceBuilder({ observer: 'poi', role: 'proxy' });
    b.linkOpened('pos-1');
    b.login('pos-1', 'L1', 'SHOP');
    b.payment('pos-1', 'P1', 'T1');
    b.ledger('recorded', { serviceId: 'P1', poiTransactionId: 'A' });
    b.add({
      kind: 'message',
      observer: 'proxy',
      direction: 'toPos',
      link: 'terminal-1',
      json: { SaleToPOIResponse: { MessageHeader: { MessageCategory: 'Payment' } } },
      leg: 'terminal',
      proxied: 'dropped',
    });
    const { header, events } = b.build();

    const live = startCheckers(header);
    events.forEach((event, index) => {
      live.push(event);
      expect(live.verdicts()).toEqual(runCheckers({ header, events: events.slice(0, index + 1) }));
    });
  });
});
