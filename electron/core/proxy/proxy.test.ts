import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '@shared/result';
import { VirtualClock } from '@shared/time/virtual-clock';
import { seededRandom } from '@shared/time/random';
import { runCheckers } from '@shared/trace/checkers';
import type { EventBody, EventOf } from '@shared/trace/events';
import { createMemoryTrace } from '@shared/trace/memory-trace';
import type { Dialer, Link, LinkId } from '../link/link';
import { createMemoryLinkPair } from '../link/memory-link';
import { createSimulator, type Simulator } from '../simulator';
import { dialPos, is, type TestPos } from '../simulator/testing/pos-client';
import * as req from '../simulator/testing/requests';
import { createProxy, type Proxy } from './proxy';

/** Every frame that crossed the terminal leg, as text, in both directions. */
interface Tap {
  readonly toTerminal: string[];
  readonly fromTerminal: string[];
}

function tapped(dialer: Dialer, tap: Tap): Dialer {
  return async () => {
    const dialed = await dialer();
    if (!dialed.ok) return dialed;
    const link = dialed.value;
    link.onMessage((text) => tap.fromTerminal.push(text));
    const wrapped: Link = {
      id: link.id,
      get isOpen() {
        return link.isOpen;
      },
      send: (text) => {
        tap.toTerminal.push(text);
        link.send(text);
      },
      close: (code, reason) => link.close(code, reason),
      terminate: () => link.terminate(),
      onMessage: (fn) => link.onMessage(fn),
      onClose: (fn) => link.onClose(fn),
    };
    return ok(wrapped);
  };
}

interface Rig {
  readonly clock: VirtualClock;
  readonly sim: Simulator;
  readonly proxy: Proxy;
  readonly events: EventBody[];
  readonly simEvents: EventBody[];
  readonly tap: Tap;
  connect(): Promise<TestPos>;
  loggedIn(serviceId?: string): Promise<TestPos>;
  eventsOf<K extends EventBody['kind']>(kind: K): EventOf<K>[];
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.proxy.close();
    await rig.sim.close();
  }
});

function rig(): Promise<Rig> {
  const clock = new VirtualClock();
  const sim = createSimulator({ clock, random: seededRandom(3), settings: { initMs: 0 } });
  const simEvents: EventBody[] = [];
  sim.onEvent((event) => simEvents.push(event));
  const tap: Tap = { toTerminal: [], fromTerminal: [] };
  const proxy = createProxy({
    clock,
    upstream: tapped(sim.memoryDialer(), tap),
    upstreamUrl: 'memory',
  });
  const events: EventBody[] = [];
  proxy.onEvent((event) => events.push(event));
  clock.advance(1);
  let n = 0;
  const posDialer: Dialer = () => {
    n += 1;
    const pair = createMemoryLinkPair(`pos-${String(n)}` as LinkId);
    proxy.accept(pair.server);
    return Promise.resolve(ok(pair.client));
  };
  const made: Rig = {
    clock,
    sim,
    proxy,
    events,
    simEvents,
    tap,
    connect: () => dialPos(posDialer),
    async loggedIn(serviceId = 'L1') {
      const pos = await dialPos(posDialer);
      pos.send(req.login(serviceId));
      const answer = await pos.frames.until(is.response('Login', serviceId));
      expect(answer.result).toBe('Success');
      return pos;
    },
    eventsOf: <K extends EventBody['kind']>(kind: K) =>
      events.filter((e): e is EventOf<K> => e.kind === kind),
  };
  rigs.push(made);
  return Promise.resolve(made);
}

/** Runs the simulator's payment phases to their end. */
async function pay(r: Rig, pos: TestPos, serviceId: string, amount = 12.5): Promise<void> {
  pos.send(req.payment(serviceId, { amount }));
  // Let the request reach the simulator before its phase timers are due.
  await pos.frames.until(is.display());
  r.clock.advance(10_000);
}

describe('the proxy between a POS and a terminal', () => {
  it('passes every message through unchanged, both ways', async () => {
    const r = await rig();
    const pos = await r.loggedIn();
    await pay(r, pos, 'P1');
    await pos.frames.until(is.response('Payment', 'P1'));
    pos.send(req.status('S1'));
    await pos.frames.until(is.response('TransactionStatus', 'S1'));

    expect(pos.frames.all.map((f) => f.text)).toEqual(r.tap.fromTerminal);
    const sent = [req.login('L1'), req.payment('P1', { amount: 12.5 }), req.status('S1')].map((m) =>
      JSON.stringify(m),
    );
    expect(r.tap.toTerminal).toEqual(sent);
    const forwarded = r.eventsOf('message').filter((e) => e.proxied === 'forwarded');
    expect(forwarded.length).toBe(sent.length + r.tap.fromTerminal.length);
    expect(r.proxy.state().latency.toTerminal.count).toBe(sent.length);
  });

  it('closes the terminal link when the POS leaves, and drops the POS when the terminal drops', async () => {
    const r = await rig();
    const first = await r.loggedIn();
    first.close();
    await first.closed;
    await new Promise<void>((done) => {
      const check = (): void => {
        if (r.sim.state().links.length === 0) done();
        else setImmediate(check);
      };
      check();
    });
    expect(r.simEvents.some((e) => e.kind === 'link' && e.change === 'closed')).toBe(true);

    const second = await r.loggedIn('L2');
    expect(r.sim.dropLink('all').ok).toBe(true);
    const closed = await second.closed;
    expect(closed.abrupt).toBe(true);
    const posClosed = r
      .eventsOf('link')
      .filter((e) => e.observer === 'poi' && e.change === 'closed');
    expect(posClosed.at(-1)?.abrupt).toBe(true);
  });

  it('loses an approved payment response in the middle; status recovers it; the terminal charged once', async () => {
    const r = await rig();
    const pos = await r.loggedIn();
    expect(r.proxy.apply({ fault: 'approveThenDrop' })).toEqual({ ok: true, value: undefined });
    await pay(r, pos, 'P1');
    pos.send(req.status('S1', { ServiceID: 'P1', MessageCategory: 'Payment' }));
    const status = await pos.frames.until(is.response('TransactionStatus', 'S1'));
    expect(status.result).toBe('Success');
    expect(pos.frames.all.some((f) => is.response('Payment', 'P1')(f))).toBe(false);

    const dropped = r.eventsOf('message').filter((e) => e.proxied === 'dropped');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ observer: 'proxy', leg: 'terminal', direction: 'toPos' });
    expect(r.eventsOf('fault')).toContainEqual(
      expect.objectContaining({ name: 'approveThenDrop', phase: 'hit' }),
    );
    expect(r.proxy.ledger().filter((e) => e.result === 'approved')).toHaveLength(1);
    expect(r.sim.ledger().filter((e) => e.result === 'approved')).toHaveLength(1);
    expect(r.proxy.state().faults.approveThenDrop).toBe(false);
  });

  it('lets a declined payment through while approve-then-lose waits for an approval', async () => {
    const r = await rig();
    const pos = await r.loggedIn();
    r.proxy.apply({ fault: 'approveThenDrop' });
    await pay(r, pos, 'P1', 1.24);
    const declined = await pos.frames.until(is.response('Payment', 'P1'));
    expect(declined.result).toBe('Failure');
    expect(r.proxy.state().faults.approveThenDrop).toBe(true);
  });

  it('answers the next Logins Busy itself, without the terminal seeing them', async () => {
    const r = await rig();
    r.proxy.apply({ fault: 'busyNextLogins', count: 2 });
    const pos = await r.connect();
    for (const id of ['L1', 'L2']) {
      pos.send(req.login(id));
      const busy = await pos.frames.until(is.response('Login', id));
      expect([busy.result, busy.errorCondition]).toEqual(['Failure', 'Busy']);
    }
    pos.send(req.login('L3'));
    expect((await pos.frames.until(is.response('Login', 'L3'))).result).toBe('Success');
    expect(
      r.tap.toTerminal.map(
        (t) =>
          (JSON.parse(t) as { SaleToPOIRequest: { MessageHeader: { ServiceID: string } } })
            .SaleToPOIRequest.MessageHeader.ServiceID,
      ),
    ).toEqual(['L3']);
    expect(r.eventsOf('message').filter((e) => e.proxied === 'synthesised')).toHaveLength(2);
  });

  it('swallows the next requests as a terminal without a session would', async () => {
    const r = await rig();
    const pos = await r.loggedIn();
    r.proxy.apply({ fault: 'ignoreNextRequests', count: 1 });
    pos.send(req.diagnosis('D1'));
    pos.send(req.diagnosis('D2'));
    const answer = await pos.frames.until(is.response('Diagnosis'));
    expect(answer.serviceId).toBe('D2');
    expect(r.eventsOf('poiSession')).toContainEqual(
      expect.objectContaining({ change: 'ignored', serviceId: 'D1' }),
    );
  });

  it('takes back one armed kind, or every one, before it hits, and says so', async () => {
    const r = await rig();
    r.proxy.apply({ fault: 'busyNextLogins', count: 3 });
    r.proxy.apply({ fault: 'ignoreNextRequests', count: 2 });
    r.proxy.apply({ fault: 'dropNextResponse', category: 'Payment' });

    r.proxy.disarm('busyNextLogins');
    expect(r.proxy.state().faults).toMatchObject({
      busyNextLogins: 0,
      ignoreNextRequests: 2,
      dropNextResponse: ['Payment'],
    });
    // Nothing of that kind is left: taking it back again says nothing more.
    r.proxy.disarm('busyNextLogins');
    r.proxy.disarm();
    expect(r.proxy.state().faults).toEqual({
      busyNextLogins: 0,
      ignoreNextRequests: 0,
      dropNextResponse: [],
      delayResponses: {},
      approveThenDrop: false,
    });
    expect(
      r
        .eventsOf('fault')
        .filter((e) => e.phase === 'disarmed')
        .map((e) => e.name),
    ).toEqual(['busyNextLogins', 'dropNextResponse', 'ignoreNextRequests']);

    // Disarmed means gone: the Login reaches the terminal and its answer the POS.
    const pos = await r.loggedIn();
    pos.send(req.diagnosis('D1'));
    expect((await pos.frames.until(is.response('Diagnosis', 'D1'))).result).toBe('Success');
  });

  it('delays responses in virtual time without reordering them', async () => {
    const r = await rig();
    const pos = await r.loggedIn();
    r.proxy.apply({ fault: 'delayResponses', ms: 500 });
    pos.send(req.diagnosis('D1'));
    pos.send(req.diagnosis('D2'));
    await new Promise<void>((done) => {
      const check = (): void => {
        if (r.clock.pending() >= 2) done();
        else setImmediate(check);
      };
      check();
    });
    expect(pos.frames.pending()).toHaveLength(0);
    r.clock.advance(500);
    expect((await pos.frames.next()).serviceId).toBe('D1');
    expect((await pos.frames.next()).serviceId).toBe('D2');
  });

  it('refuses faults that need a payment application of its own, saying why', () => {
    return rig().then((r) => {
      const refused = r.proxy.apply({ fault: 'restart' });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error).toMatch(/restart cannot apply in proxy role/);
      const invalid = r.proxy.apply({ fault: 'busyNextLogins', count: 0 });
      expect(invalid.ok).toBe(false);
    });
  });

  it('a POS that blindly resends a lost payment is caught by the checkers', async () => {
    const r = await rig();
    const trace = createMemoryTrace({
      clock: r.clock,
      header: { harnessVersion: 'test', role: 'proxy', profile: 'proxy', policy: {} },
    });
    r.proxy.onEvent(trace.record);
    const pos = await r.loggedIn();
    r.proxy.apply({ fault: 'approveThenDrop' });
    await pay(r, pos, 'P1');
    // The blind resend: same sale, new ServiceID, no TransactionStatus first.
    pos.send(req.payment('P2', { amount: 12.5, saleTransactionId: 'TXP1' }));
    await pos.frames.until(is.display());
    r.clock.advance(10_000);
    await pos.frames.until(is.response('Payment', 'P2'));

    const verdicts = runCheckers({ header: trace.header, events: trace.events() });
    const failing = verdicts.filter((v) => !v.pass).map((v) => v.checker);
    expect(failing).toContain('no-double-charge');
    const doubleCharge = verdicts.find((v) => v.checker === 'no-double-charge' && !v.pass);
    const ledgerSeqs = trace
      .events()
      .filter((e) => e.kind === 'ledger')
      .map((e) => e.seq);
    expect(doubleCharge?.events).toEqual(ledgerSeqs);
  });
});
