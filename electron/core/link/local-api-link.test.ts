import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEndpoint, type Endpoint } from '@shared/link/endpoint';
import { VirtualClock } from '@shared/time/virtual-clock';
import { seededRandom } from '@shared/time/random';
import type { EventBody } from '@shared/trace/events';
import { createSimulator, type Simulator } from '../simulator';
import * as req from '../simulator/testing/requests';
import type { FrameMeta, Link, LinkClosed } from './link';
import { dialerFor } from './dial';
import { localApiDialer } from './local-api-link';

interface Inbound {
  readonly json: Readonly<Record<string, unknown>>;
  readonly meta: FrameMeta | undefined;
}

let simClock: VirtualClock;
let linkClock: VirtualClock;
let sim: Simulator;
let endpoint: Endpoint;
let simEvents: EventBody[];

function endpointOf(url: string): Endpoint {
  const parsed = parseEndpoint(url);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** A link whose inbound frames and end are collected, with a way to wait for them. */
async function open(): Promise<{
  link: Link;
  inbound: Inbound[];
  next(count: number): Promise<Inbound[]>;
  closed: Promise<LinkClosed>;
}> {
  const dialed = await localApiDialer(endpoint, { clock: linkClock, pollIntervalMs: 250 })();
  if (!dialed.ok) throw new Error(dialed.error);
  const link = dialed.value;
  const inbound: Inbound[] = [];
  let wanted: { count: number; resolve: (all: Inbound[]) => void } | undefined;
  link.onMessage((text, meta) => {
    inbound.push({ json: JSON.parse(text) as Inbound['json'], meta });
    if (wanted && inbound.length >= wanted.count) wanted.resolve(inbound.slice());
  });
  const closed = new Promise<LinkClosed>((resolve) => link.onClose(resolve));
  return {
    link,
    inbound,
    next: (count) =>
      inbound.length >= count
        ? Promise.resolve(inbound.slice())
        : new Promise((resolve) => (wanted = { count, resolve })),
    closed,
  };
}

function simEvent(test: (e: EventBody) => boolean): Promise<void> {
  if (simEvents.some(test)) return Promise.resolve();
  return new Promise((resolve) => {
    const off = sim.onEvent((e) => {
      if (test(e)) {
        off();
        resolve();
      }
    });
  });
}

beforeEach(async () => {
  simClock = new VirtualClock();
  linkClock = new VirtualClock();
  sim = createSimulator({
    clock: simClock,
    random: seededRandom(5),
    settings: { initMs: 0, cardMs: 100, authMs: 100 },
  });
  simEvents = [];
  sim.onEvent((e) => simEvents.push(e));
  simClock.advance(0);
  const listening = await sim.listen({ httpPort: 0 });
  endpoint = endpointOf(listening.httpUrl ?? '');
});
afterEach(async () => {
  await sim.close();
});

describe('the Local API link of the reference client', () => {
  it('is what dialerFor gives for an http:// endpoint, and tags its link with the wire', async () => {
    const dialed = await dialerFor(endpoint, { clock: linkClock })();
    expect(dialed.ok && dialed.value.wire).toBe('local-api');
    if (dialed.ok) dialed.value.close();
  });

  it('turns a sync POST into one inbound envelope tagged with its exchange', async () => {
    const pos = await open();
    pos.link.send(JSON.stringify(req.login('L1')));
    const [login] = await pos.next(1);
    expect(login?.json.SaleToPOIResponse).toMatchObject({
      MessageHeader: { MessageCategory: 'Login', ServiceID: 'L1' },
      LoginResponse: { Response: { Result: 'Success' } },
    });
    expect(login?.meta).toEqual({ http: { method: 'POST', resource: '/login', status: 200 } });
    pos.link.close();
  });

  it('polls again at once after 206 and waits the poll interval after 201 and 204', async () => {
    const pos = await open();
    pos.link.send(JSON.stringify(req.login('L1')));
    await pos.next(1);
    pos.link.send(JSON.stringify(req.payment('P1')));
    // Waiting for the card queued a display and an event: 206 then 201, without the link's
    // clock moving.
    const [, display, event] = await pos.next(3);
    expect(display?.meta?.http).toEqual({ method: 'GET', resource: '/payment', status: 206 });
    expect(display?.json.SaleToPOIRequest).toHaveProperty('DisplayRequest');
    expect(event?.meta?.http).toEqual({ method: 'GET', resource: '/payment', status: 201 });
    // Authorising, then done: five more messages queue up while the link waits its interval.
    simClock.advance(100);
    simClock.advance(100);
    expect(pos.inbound).toHaveLength(3);
    linkClock.advance(250);
    const all = await pos.next(8);
    expect(all.slice(3).map((m) => m.meta?.http?.status)).toEqual([206, 206, 206, 206, 200]);
    expect(all[7]?.json.SaleToPOIResponse).toMatchObject({
      PaymentResponse: { Response: { Result: 'Success' } },
    });
    pos.link.close();
  });

  it('hands a 403 on as the Failure/Busy it stands for, and keeps polling the first payment', async () => {
    const pos = await open();
    pos.link.send(JSON.stringify(req.login('L1')));
    await pos.next(1);
    pos.link.send(JSON.stringify(req.payment('P1')));
    await pos.next(3);
    pos.link.send(JSON.stringify(req.payment('P2')));
    const busy = await pos.next(4);
    expect(busy[3]?.meta?.http).toEqual({ method: 'POST', resource: '/payment', status: 403 });
    expect(busy[3]?.json.SaleToPOIResponse).toMatchObject({
      MessageHeader: { MessageType: 'Response', ServiceID: 'P2' },
      PaymentResponse: { Response: { Result: 'Failure', ErrorCondition: 'Busy' } },
    });
    simClock.advance(100);
    simClock.advance(100);
    linkClock.advance(250);
    const all = await pos.next(9);
    expect(all[8]?.json.SaleToPOIResponse).toMatchObject({
      MessageHeader: { ServiceID: 'P1' },
      PaymentResponse: { Response: { Result: 'Success' } },
    });
    pos.link.close();
  });

  it('counts a refused connection as a failed dial', async () => {
    const url = endpoint.url;
    await sim.close();
    const dialed = await localApiDialer(endpointOf(url))();
    expect(dialed).toEqual({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('ends abruptly when the terminal resets its exchange (drop link), and while it refuses it', async () => {
    const pos = await open();
    pos.link.send(JSON.stringify(req.login('L1')));
    await pos.next(1);
    sim.delayResponses(1_000, 'TransactionStatus');
    pos.link.send(JSON.stringify(req.status('S1')));
    await simEvent((e) => e.kind === 'fault' && e.name === 'delayResponses' && e.phase === 'hit');
    sim.dropLink('all');
    expect(await pos.closed).toMatchObject({ code: 1006, abrupt: true });
    // Within dropMs the terminal refuses this POS: its next link is lost at its first request.
    const again = await open();
    again.link.send(JSON.stringify(req.login('L2')));
    expect(await again.closed).toMatchObject({ abrupt: true });
    simClock.advance(3_000);
    const later = await open();
    later.link.send(JSON.stringify(req.login('L3')));
    const [login] = await later.next(1);
    expect(login?.json.SaleToPOIResponse).toMatchObject({
      LoginResponse: { Response: { Result: 'Success' } },
    });
    later.link.close();
  });
});
