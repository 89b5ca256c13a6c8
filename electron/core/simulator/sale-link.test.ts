import { describe, expect, it } from 'vitest';
import { VirtualClock } from '@shared/time/virtual-clock';
import { seededRandom } from '@shared/time/random';
import type { EventBody } from '@shared/trace/events';
import { createSimulator } from './simulator';
import { SaleLinks, type SaleLink, type SaleLinkEnded } from './sale-link';
import * as req from './testing/requests';

function setUp() {
  const clock = new VirtualClock();
  const sim = createSimulator({ clock, random: seededRandom(3), settings: { initMs: 0 } });
  const events: EventBody[] = [];
  sim.onEvent((e) => events.push(e));
  clock.advance(0);
  const sent: { sale: string; json: unknown }[] = [];
  const ended: { sale: string; ended: SaleLinkEnded }[] = [];
  const links = new SaleLinks({
    wire: 'local-api',
    idPrefix: 'http',
    accept: (link) => sim.accept(link),
    onSent: (sale: SaleLink, text) => sent.push({ sale: sale.saleId, json: JSON.parse(text) }),
    onEnded: (sale, e) => ended.push({ sale: sale.saleId, ended: e }),
  });
  return { clock, sim, events, sent, ended, links };
}

describe('SaleLinks', () => {
  it('gives each SaleID one link that the payment application serves like a socket', () => {
    const { sim, sent, links, events } = setUp();
    const pos1 = links.linkOf('POS1');
    pos1.deliver(JSON.stringify(req.login('1', 'POS1')), {
      http: { method: 'POST', resource: '/login' },
    });
    expect(links.linkOf('POS1')).toBe(pos1);
    expect(links.linkOf('POS2')).not.toBe(pos1);
    expect(sent).toEqual([
      {
        sale: 'POS1',
        json: { SaleToPOIResponse: expect.objectContaining({ LoginResponse: expect.anything() }) },
      },
    ]);
    expect(sim.state().sessions).toEqual([expect.objectContaining({ saleId: 'POS1' })]);
    const inbound = events.find((e) => e.kind === 'message' && e.direction === 'toPoi');
    expect(inbound).toMatchObject({
      wire: 'local-api',
      http: { method: 'POST', resource: '/login' },
    });
  });

  it('reports a dropped link with its refuse window and makes a fresh link next time', () => {
    const { sim, ended, links } = setUp();
    const first = links.linkOf('POS1');
    expect(sim.apply({ fault: 'dropLink', linkId: first.linkId, dropMs: 1500 })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(ended).toEqual([
      { sale: 'POS1', ended: { code: 1006, reason: '', abrupt: true, refuseMs: 1500 } },
    ]);
    expect(first.isOpen).toBe(false);
    expect(links.find('POS1')).toBeUndefined();
    expect(links.linkOf('POS1').linkId).not.toBe(first.linkId);
  });

  it('reports a restart as a close that is not abrupt', () => {
    const { sim, ended, links } = setUp();
    links.linkOf('POS1');
    sim.restart();
    expect(ended).toEqual([
      { sale: 'POS1', ended: expect.objectContaining({ code: 1012, abrupt: false }) },
    ]);
  });
});
