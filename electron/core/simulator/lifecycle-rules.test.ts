import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { is } from './testing/pos-client';
import * as req from './testing/requests';
import { startSim, type SimFixture } from './testing/sim-fixture';

let fx: SimFixture;
afterEach(async () => {
  await fx.close();
});

describe('rule 1: the server', () => {
  it('serves /nexo on loopback, one link id per connection, one message per frame', async () => {
    fx = await startSim();
    expect(fx.listening.nexoUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/nexo$/);
    expect(fx.listening.port).toBeGreaterThan(0);
    fx.ready();
    const a = await fx.connect();
    const b = await fx.connect();
    a.send(req.login('1'));
    b.send(req.login('1', 'POS2'));
    expect((await a.frames.next()).serviceId).toBe('1');
    expect((await b.frames.next()).get('MessageHeader.SaleID')).toBe('POS2');
    const opened = fx.eventsOf('link').filter((e) => e.change === 'opened');
    expect(new Set(opened.map((e) => e.link)).size).toBe(2);
    expect(fx.sim.state().links).toHaveLength(2);
    expect(a.frames.problems).toEqual([]);
  });

  it('refuses WebSocket upgrades on any other path', async () => {
    fx = await startSim();
    const socket = new WebSocket(`ws://127.0.0.1:${String(fx.listening.port)}/other`);
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});

describe('rule 3: lifecycle', () => {
  it('answers Login Failure/Busy while initialising, then Success once ready', async () => {
    fx = await startSim();
    expect(fx.eventsOf('lifecycle')[0]).toMatchObject({ from: 'stopped', to: 'initialising' });
    const pos = await fx.connect();
    pos.send(req.login('1'));
    const busy = await pos.frames.next();
    expect(busy.result).toBe('Failure');
    expect(busy.errorCondition).toBe('Busy');
    expect(String(busy.get('LoginResponse.Response.AdditionalResponse'))).toMatch(/initialising/);

    fx.clock.advance(fx.settings.initMs - 1);
    pos.send(req.login('2'));
    expect((await pos.frames.next()).errorCondition).toBe('Busy');

    fx.clock.advance(1);
    expect(fx.sim.state().lifecycle).toBe('ready');
    pos.send(req.login('3'));
    expect((await pos.frames.next()).result).toBe('Success');
  });

  it('treats other requests while initialising like requests without a session', async () => {
    fx = await startSim();
    const pos = await fx.connect();
    pos.send(req.status('1'));
    pos.send(req.login('2'));
    // The status was ignored: the very next frame is the Login answer.
    expect((await pos.frames.next()).category).toBe('Login');
    expect(fx.eventsOf('poiSession')).toContainEqual(
      expect.objectContaining({ change: 'ignored', reason: 'initialising', serviceId: '1' }),
    );
  });

  it('restart closes every link with 1012, forgets sessions, initialises again on the same port and keeps the ledger', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.send(req.payment('P1', { amount: 5 }));
    await pos.frames.until(is.display('Present card'));
    fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
    await pos.frames.until(is.response('Payment', 'P1'));
    expect(fx.sim.ledger()).toHaveLength(1);

    expect(fx.sim.restart().ok).toBe(true);
    expect((await pos.closed).code).toBe(1012);
    expect(fx.sim.state()).toMatchObject({ lifecycle: 'initialising', sessions: [], links: [] });
    expect(fx.eventsOf('poiSession').at(-1)).toMatchObject({ change: 'closed', reason: 'restart' });

    const again = await fx.connect();
    // Same address: the new connection used the URL printed before the restart.
    expect(fx.sim.state().listening?.port).toBe(fx.listening.port);
    again.send(req.login('L2'));
    expect((await again.frames.next()).errorCondition).toBe('Busy');
    fx.ready();
    again.send(req.login('L3'));
    expect((await again.frames.next()).result).toBe('Success');
    expect(fx.sim.ledger()).toHaveLength(1);
    again.send(req.status('S1', { ServiceID: 'P1' }));
    expect((await again.frames.next()).result).toBe('Success');
  });

  it('update restarts and bumps the software version reported at Login', async () => {
    fx = await startSim({ settings: { softwareVersion: '4.2.9' } });
    const pos = await fx.loggedIn();
    expect(fx.sim.update().ok).toBe(true);
    expect((await pos.closed).code).toBe(1012);
    expect(fx.eventsOf('lifecycle').at(-1)).toMatchObject({ reason: 'update', version: '4.2.10' });
    const again = await fx.loggedIn('POS1', 'L9');
    again.send(req.login('L10'));
    const answer = await again.frames.next();
    expect(answer.get('LoginResponse.POISystemData.POISoftware.SoftwareVersion')).toBe('4.2.10');
  });

  it('dropLink cuts one link without a close frame; the others stay', async () => {
    fx = await startSim();
    const a = await fx.loggedIn('A');
    const b = await fx.loggedIn('B');
    const [first] = fx.sim.state().links;
    expect(fx.sim.dropLink(first?.id ?? '').ok).toBe(true);
    expect(await a.closed).toMatchObject({ code: 1006, abrupt: true });
    expect(b.isOpen).toBe(true);
    expect(fx.sim.state().sessions.map((s) => s.saleId)).toEqual(['B']);
    expect(fx.sim.dropLink('no-such-link')).toEqual({
      ok: false,
      error: 'no open link "no-such-link"',
    });
    expect(fx.sim.dropLink('all').ok).toBe(true);
    expect((await b.closed).abrupt).toBe(true);
  });

  it('resetSessions keeps links open and silently forgets sessions', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    expect(fx.sim.resetSessions().ok).toBe(true);
    expect(pos.isOpen).toBe(true);
    pos.send(req.payment('P1'));
    pos.send(req.login('L2'));
    expect((await pos.frames.next()).category).toBe('Login');
    expect(fx.eventsOf('poiSession').map((e) => [e.change, e.reason])).toEqual([
      ['opened', 'login'],
      ['closed', 'resetSessions'],
      ['ignored', 'no session'],
      ['opened', 'login'],
    ]);
  });
});

describe('rule 4: Login and Logout', () => {
  it('Login answers Success with POISystemData, again on a live session', async () => {
    fx = await startSim({ settings: { poiId: 'MY-POI' } });
    fx.ready();
    const pos = await fx.connect();
    pos.send(req.login('1'));
    const first = await pos.frames.next();
    expect(first.result).toBe('Success');
    expect(first.get('MessageHeader.POIID')).toBe('MY-POI');
    for (const field of ['DateTime', 'POISoftware', 'POITerminalData', 'POIStatus']) {
      expect(first.get(`LoginResponse.POISystemData.${field}`)).toBeDefined();
    }
    pos.send(req.login('2'));
    expect((await pos.frames.next()).result).toBe('Success');
    expect(fx.eventsOf('poiSession').filter((e) => e.change === 'opened')).toHaveLength(1);
  });

  it('Logout answers Success and closes the session', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.send(req.logout('2'));
    expect(await pos.frames.next()).toMatchObject({ category: 'Logout', result: 'Success' });
    pos.send(req.payment('3'));
    pos.send(req.login('4'));
    expect((await pos.frames.next()).category).toBe('Login');
  });

  it('a session belongs to one link and one SaleID', async () => {
    fx = await startSim();
    const a = await fx.loggedIn('POS1', 'LA');
    // Another SaleID on the same link has no session.
    a.send(req.payment('P1', { saleId: 'OTHER' }));
    a.send(req.login('LA2'));
    expect((await a.frames.next()).serviceId).toBe('LA2');
    // The same SaleID logging in on a second link takes the session over.
    const b = await fx.loggedIn('POS1', 'LB');
    a.send(req.status('S1'));
    a.send(req.logout('X1', 'POS9'));
    a.send(req.login('LA3', 'POS3'));
    expect((await a.frames.next()).serviceId).toBe('LA3');
    b.send(req.status('S2'));
    expect((await b.frames.next()).category).toBe('TransactionStatus');
    expect(fx.eventsOf('poiSession')).toContainEqual(
      expect.objectContaining({ change: 'closed', reason: expect.stringMatching(/replaced/) }),
    );
    expect(
      fx.sim
        .state()
        .sessions.map((s) => s.saleId)
        .sort(),
    ).toEqual(['POS1', 'POS3']);
  });
});
