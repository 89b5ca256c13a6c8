import { afterEach, describe, expect, it } from 'vitest';
import { LedgerResponse, SimulatorStateSnapshot } from '@shared/simulator/control';
import { is } from './testing/pos-client';
import * as req from './testing/requests';
import { startSim, type SimFixture } from './testing/sim-fixture';

let fx: SimFixture;
afterEach(async () => {
  await fx.close();
});

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

async function call(
  path: string,
  init: { method?: string; token?: string | null; body?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = init.token === undefined ? fx.listening.token : init.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`http://127.0.0.1:${String(fx.listening.port)}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe('rule 15: the control API', () => {
  it('requires the Bearer token on every /control path (401 without or with a wrong one)', async () => {
    fx = await startSim();
    expect(fx.listening.controlUrl).toBe(`http://127.0.0.1:${String(fx.listening.port)}/control`);
    for (const token of [null, 'wrong', `${fx.listening.token}x`]) {
      for (const path of ['/control/state', '/control/ledger', '/control/nope']) {
        const answer = await call(path, { token });
        expect(answer.status).toBe(401);
        expect(answer.body).toEqual({ error: expect.stringMatching(/token/) });
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
      const fault = await call('/control/faults', {
        method: 'POST',
        token,
        body: '{"fault":"restart"}',
      });
      expect(fault.status).toBe(401);
    }
    expect(fx.eventsOf('fault')).toEqual([]);
  });

  it('GET /control/state describes lifecycle, version, profile, links and sessions', async () => {
    fx = await startSim({ profile: 'nexo' });
    await fx.loggedIn();
    const answer = await call('/control/state');
    expect(answer.status).toBe(200);
    const state = SimulatorStateSnapshot.parse(answer.body);
    expect(state).toMatchObject({
      lifecycle: 'ready',
      version: '1.0.0',
      profile: 'nexo',
      knobs: { noSession: 'loggedOut' },
      sessions: [{ link: 'ws-1', saleId: 'POS1' }],
      links: [{ id: 'ws-1', saleId: 'POS1' }],
      listening: { port: fx.listening.port },
    });
  });

  it('POST /control/faults applies a fault; GET /control/ledger lists the ledger', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    const armed = await call('/control/faults', {
      method: 'POST',
      body: '{"fault":"busyNextLogins","count":3}',
    });
    expect(armed).toMatchObject({ status: 200, body: { ok: true } });
    expect(fx.sim.state().faults.busyNextLogins).toBe(3);
    await call('/control/faults', {
      method: 'POST',
      body: '{"fault":"dropNextResponse","category":"Payment"}',
    });
    await call('/control/faults', { method: 'POST', body: '{"fault":"approveThenDrop"}' });
    expect(fx.sim.state().faults).toMatchObject({
      dropNextResponse: ['Payment'],
      approveThenDrop: true,
    });

    pos.send(req.payment('P1'));
    await pos.frames.until(is.display('Present card'));
    fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
    await pos.frames.until(is.display('Approved'));
    const ledger = LedgerResponse.parse((await call('/control/ledger')).body);
    expect(ledger.entries).toEqual([
      expect.objectContaining({ serviceId: 'P1', result: 'approved' }),
    ]);

    const restart = await call('/control/faults', { method: 'POST', body: '{"fault":"restart"}' });
    expect(restart.status).toBe(200);
    expect((await pos.closed).code).toBe(1012);
    expect(fx.sim.state().lifecycle).toBe('initialising');
  });

  it.each([
    ['bad JSON', '{"fault":', /not JSON/],
    ['an array', '[]', /expected a JSON object/],
    ['no fault', '{}', /missing field "fault"/],
    [
      'an unknown fault',
      '{"fault":"meteorStrike"}',
      /unknown fault "meteorStrike"; known faults: restart/,
    ],
    ['a bad field', '{"fault":"busyNextLogins","count":"three"}', /busyNextLogins: field "count"/],
    ['a missing field', '{"fault":"nextPaymentOutcome"}', /nextPaymentOutcome: field "outcome"/],
    ['an extra field', '{"fault":"restart","now":true}', /restart: unknown field "now"/],
    ['an unknown link', '{"fault":"dropLink","linkId":"ws-99"}', /no open link "ws-99"/],
  ])('answers 400 with a clear message for %s', async (_name, body, message) => {
    fx = await startSim();
    const answer = await call('/control/faults', { method: 'POST', body });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: expect.stringMatching(message) });
  });

  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    fx = await startSim();
    expect((await call('/control/nope')).status).toBe(404);
    expect((await call('/elsewhere', { token: null })).status).toBe(404);
    const wrong = await call('/control/faults');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('POST /control/reset brings back a fresh simulator', async () => {
    fx = await startSim({ settings: { softwareVersion: '2.0.0' } });
    const pos = await fx.loggedIn();
    fx.sim.update();
    await pos.closed;
    fx.sim.busyNextLogins(5);
    expect(fx.sim.state().version).toBe('2.0.1');
    const answer = await call('/control/reset', { method: 'POST' });
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(fx.sim.state()).toMatchObject({
      lifecycle: 'initialising',
      version: '2.0.0',
      ledgerSize: 0,
      faults: { busyNextLogins: 0 },
    });
    // Used ServiceIDs are forgotten too.
    const again = await fx.loggedIn('POS1', 'LPOS1');
    expect(again.isOpen).toBe(true);
  });

  it('refuses bodies over 64 KiB', async () => {
    fx = await startSim();
    const answer = await call('/control/faults', { method: 'POST', body: 'x'.repeat(70_000) });
    expect(answer.status).toBe(413);
  });
});
