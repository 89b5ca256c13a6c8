import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '@shared/time/virtual-clock';
import { seededRandom } from '@shared/time/random';
import { createSimulator, type Simulator } from './simulator';
import { dialPos, is } from './testing/pos-client';
import * as req from './testing/requests';

let sim: Simulator;
afterEach(async () => {
  await sim.close();
});

describe('the in-memory dialer', () => {
  it('serves a whole session without sockets, in virtual time', async () => {
    const clock = new VirtualClock();
    sim = createSimulator({
      clock,
      random: seededRandom(1),
      settings: { initMs: 10, cardMs: 20, authMs: 30 },
    });
    const pos = await dialPos(sim.memoryDialer());
    pos.send(req.login('L1'));
    expect((await pos.frames.next()).errorCondition).toBe('Busy');
    clock.advance(10);
    pos.send(req.login('L2'));
    expect((await pos.frames.next()).result).toBe('Success');
    pos.send(req.payment('P1', { amount: 2 }));
    await pos.frames.until(is.display('Present card'));
    clock.advance(50);
    expect((await pos.frames.until(is.response('Payment', 'P1'))).result).toBe('Success');
    expect(sim.state().links).toEqual([expect.objectContaining({ id: 'mem-1', saleId: 'POS1' })]);
    expect(sim.ledger()).toHaveLength(1);
    // An Admin update reaches the POS before its link closes.
    pos.send(req.admin('A1', 'Update'));
    expect((await pos.frames.next()).result).toBe('Success');
    expect((await pos.closed).code).toBe(1012);
    expect(pos.frames.problems).toEqual([]);
  });

  it('refuses to dial a closed simulator', async () => {
    sim = createSimulator({ clock: new VirtualClock() });
    await sim.close();
    expect(await sim.memoryDialer()()).toEqual({ ok: false, error: 'the simulator is closed' });
    expect(sim.apply({ fault: 'restart' })).toEqual({
      ok: false,
      error: 'the simulator is closed',
    });
  });

  it('holds the start-up lifecycle event for the first subscriber', async () => {
    sim = createSimulator({ clock: new VirtualClock(), settings: { softwareVersion: '3.1' } });
    const events: unknown[] = [];
    sim.onEvent((e) => events.push(e));
    expect(events).toEqual([
      { kind: 'lifecycle', from: 'stopped', to: 'initialising', reason: 'start', version: '3.1' },
    ]);
    await Promise.resolve();
  });

  it('leaves its own view of frames out for a sink that does not keep it', async () => {
    const clock = new VirtualClock();
    sim = createSimulator({ clock, settings: { initMs: 0 } });
    const kinds = (events: readonly { kind: string }[]) => [...new Set(events.map((e) => e.kind))];
    const withoutFrames: { kind: string }[] = [];
    const withFrames: { kind: string }[] = [];
    const offWithout = sim.onEvent((e) => withoutFrames.push(e), { frames: false });
    const offWith = sim.onEvent((e) => withFrames.push(e));
    clock.advance(0);
    const pos = await dialPos(sim.memoryDialer());
    pos.send(req.login('L1'));
    expect((await pos.frames.next()).result).toBe('Success');
    expect(kinds(withFrames)).toContain('message');
    expect(kinds(withoutFrames)).not.toContain('message');
    // Everything else reaches both (the first sink also got the start-up event), in order.
    expect(withoutFrames[0]).toMatchObject({ kind: 'lifecycle', reason: 'start' });
    expect(withoutFrames.slice(1)).toEqual(withFrames.filter((e) => e.kind !== 'message'));
    expect(kinds(withoutFrames)).toEqual(
      expect.arrayContaining(['lifecycle', 'link', 'poiSession']),
    );
    // With no sink left that keeps frames, none is built; the others still arrive.
    offWith();
    const before = withoutFrames.length;
    pos.send(req.logout('O1'));
    expect((await pos.frames.next()).result).toBe('Success');
    expect(withoutFrames.length).toBeGreaterThan(before);
    expect(kinds(withoutFrames)).not.toContain('message');
    offWithout();
  });

  it('rejects invalid settings when it is created', () => {
    sim = createSimulator({ clock: new VirtualClock() });
    expect(() => createSimulator({ clock: new VirtualClock(), settings: { cardMs: -1 } })).toThrow(
      /invalid simulator settings: cardMs/,
    );
  });
});
