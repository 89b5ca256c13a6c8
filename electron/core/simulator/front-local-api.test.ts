import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '@shared/time/virtual-clock';
import { seededRandom } from '@shared/time/random';
import type { EventBody } from '@shared/trace/events';
import { startLocalApiFront } from './front-local-api';
import { createSimulator, type Simulator } from './simulator';
import * as req from './testing/requests';

type Json = Readonly<Record<string, unknown>>;

/** The flat Local API form of one of the test requests (MessageHeader + body, no envelope). */
function flat(envelope: Json): Json {
  return envelope.SaleToPOIRequest as Json;
}

interface Answer {
  readonly status: number;
  readonly json: Json | undefined;
  readonly allow?: string | undefined;
}

let clock: VirtualClock;
let sim: Simulator;
let base: string;
let events: EventBody[];
let waiting: { test: (e: EventBody) => boolean; resolve: () => void }[];

/** One request on its own connection (no pool), so a reset connection is the one we sent on. */
function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { method, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const received = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          json: received === '' ? undefined : (JSON.parse(received) as Json),
          allow: response.headers.allow,
        });
      });
    });
    request.on('error', reject);
    request.end(text);
  });
}

const post = (path: string, body: unknown): Promise<Answer> => call('POST', path, body);
const get = (path: string): Promise<Answer> => call('GET', path);

/** Resolves when the simulator emits an event that passes `test` (now or later). */
function eventually(test: (e: EventBody) => boolean): Promise<void> {
  if (events.some(test)) return Promise.resolve();
  return new Promise((resolve) => waiting.push({ test, resolve }));
}

function body(answer: Answer, key: string): Json {
  return (answer.json?.[key] ?? {}) as Json;
}

function result(answer: Answer, key: string): unknown {
  return (body(answer, key).Response as Json | undefined)?.Result;
}

async function start(profile?: 'app2app' | 'nexo', httpWaitMs = 5_000): Promise<void> {
  clock = new VirtualClock();
  sim = createSimulator({
    clock,
    random: seededRandom(11),
    settings: { initMs: 100, cardMs: 100, authMs: 100 },
    ...(profile ? { profile } : {}),
  });
  events = [];
  waiting = [];
  sim.onEvent((e) => {
    events.push(e);
    for (const w of [...waiting]) {
      if (w.test(e)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const listening = await sim.listen({ httpPort: 0, httpWaitMs });
  base = listening.httpUrl ?? '';
}

async function loggedIn(saleId = req.SALE_ID): Promise<void> {
  clock.advance(100);
  const answer = await post('/login', flat(req.login(`L${saleId}`, saleId)));
  expect(answer.status).toBe(200);
  expect(result(answer, 'LoginResponse')).toBe('Success');
}

describe('the Local API front, by a real HTTP client', () => {
  beforeEach(async () => {
    await start();
  });
  afterEach(async () => {
    await sim.close();
  });

  it('answers the synchronous resources in the POST itself with 200 and a flat response', async () => {
    await loggedIn();
    const diagnosis = await post('/diagnosis', flat(req.diagnosis('D1')));
    expect(diagnosis.status).toBe(200);
    expect(diagnosis.json?.MessageHeader).toMatchObject({
      MessageCategory: 'Diagnosis',
      MessageType: 'Response',
      ServiceID: 'D1',
    });
    expect(diagnosis.json?.SaleToPOIResponse).toBeUndefined();
    const status = await post('/status', flat(req.status('S1')));
    expect(status.status).toBe(200);
    expect(body(status, 'TransactionStatusResponse').Response).toMatchObject({
      Result: 'Failure',
      ErrorCondition: 'NotFound',
    });
    const logout = await post('/logout', flat(req.logout('O1')));
    expect([logout.status, result(logout, 'LogoutResponse')]).toEqual([200, 'Success']);
    expect(sim.state().sessions).toEqual([]);
  });

  it('runs a payment as POST 202 then GETs: 206 and 201 while displays come, 204 between, 200 once, then 423', async () => {
    await loggedIn();
    expect((await get('/payment')).status).toBe(423);
    expect((await post('/payment', flat(req.payment('P1', { amount: 12.5 })))).status).toBe(202);
    // Entering "waiting for card" queued a display and a transaction-state event.
    const first = await get('/payment');
    expect(first.status).toBe(206);
    expect(first.json?.DisplayRequest).toBeDefined();
    expect((await get('/payment')).status).toBe(201);
    expect((await get('/payment')).status).toBe(204);
    // A second transaction on the same resource while this one runs.
    expect((await post('/payment', flat(req.payment('P2')))).status).toBe(403);
    clock.advance(100);
    clock.advance(100);
    const statuses: number[] = [];
    let final: Answer | undefined;
    for (;;) {
      const answer = await get('/payment');
      statuses.push(answer.status);
      if (answer.status !== 206 && answer.status !== 201) {
        final = answer;
        break;
      }
    }
    expect(statuses.slice(0, -1).every((s) => s === 206)).toBe(true);
    expect(final?.status).toBe(200);
    expect(result(final ?? { status: 0, json: undefined }, 'PaymentResponse')).toBe('Success');
    expect((await get('/payment')).status).toBe(423);
    expect(sim.ledger()).toHaveLength(1);
  });

  it('answers /abort with 202 and ends the payment as Aborted', async () => {
    await loggedIn();
    expect((await post('/payment', flat(req.payment('P1')))).status).toBe(202);
    expect((await post('/abort', flat(req.abort('A1', 'P1')))).status).toBe(202);
    let answer: Answer;
    do answer = await get('/payment');
    while (answer.status === 206 || answer.status === 201);
    expect(answer.status).toBe(200);
    expect(body(answer, 'PaymentResponse').Response).toMatchObject({
      Result: 'Failure',
      ErrorCondition: 'Aborted',
    });
  });

  it('runs /reversal and /update (AdminRequest) as async resources', async () => {
    await loggedIn();
    expect((await post('/reversal', flat(req.reversal('R1', 'NOPE')))).status).toBe(202);
    const reversal = await get('/reversal');
    expect(reversal.status).toBe(200);
    expect(body(reversal, 'ReversalResponse').Response).toMatchObject({
      ErrorCondition: 'NotFound',
    });
    expect((await post('/update', flat(req.admin('U1', 'Diagnosis')))).status).toBe(202);
    const admin = await get('/update');
    expect([admin.status, result(admin, 'AdminResponse')]).toEqual([200, 'Success']);
  });

  it('answers 400 with a Reject naming the problem, traced, and touches no session', async () => {
    await loggedIn();
    const cases: [string, unknown, RegExp][] = [
      ['/login', '{"MessageHeader": ', /not JSON/],
      ['/payment', req.payment('P9'), /flat messages/],
      ['/login', flat(req.payment('P8')), /\/login takes a LoginRequest/],
      ['/status', { MessageHeader: {} }, /\/status takes a TransactionStatusRequest/],
    ];
    for (const [path, sent, reason] of cases) {
      const answer = await post(path, sent);
      expect(answer.status).toBe(400);
      expect(answer.json?.error).toMatch(reason);
      expect(body(answer, 'EventNotification').EventToNotify).toBe('Reject');
    }
    const rejects = events.filter(
      (e) =>
        e.kind === 'message' &&
        e.direction === 'toPos' &&
        e.http?.status === 400 &&
        JSON.stringify(e.json).includes('"Reject"'),
    );
    expect(rejects).toHaveLength(cases.length);
    expect(sim.state().sessions).toEqual([expect.objectContaining({ saleId: req.SALE_ID })]);
    expect(events.filter((e) => e.kind === 'poiSession' && e.change !== 'opened')).toEqual([]);
  });

  it('answers 404 for an unknown resource, 405 for a wrong method and 413 above 1 MiB', async () => {
    const missing = await post('/acquire', flat(req.login('L1')));
    expect([missing.status, missing.json?.error]).toEqual([404, 'no Local API resource /acquire']);
    expect((await get('/login')).status).toBe(405);
    const put = await call('PUT', '/payment', '{}');
    expect([put.status, put.allow]).toEqual([405, 'POST, GET']);
    const huge = await post('/login', `{"pad":"${'x'.repeat(1024 * 1024)}"}`);
    expect(huge.status).toBe(413);
    expect(sim.state().links).toEqual([]);
  });

  it('under app2app ignores a request without a session: async POST 202 then 204, sync POST 408 after the wait', async () => {
    clock.advance(100);
    expect((await post('/payment', flat(req.payment('P1')))).status).toBe(202);
    expect((await get('/payment')).status).toBe(204);
    const pending = post('/status', flat(req.status('S1')));
    await eventually(
      (e) => e.kind === 'poiSession' && e.change === 'ignored' && e.serviceId === 'S1',
    );
    clock.advance(5_000);
    const answer = await pending;
    expect(answer.status).toBe(408);
    expect(sim.ledger()).toEqual([]);
  });

  it('drops the final 200 when the next response is lost: GETs answer 204', async () => {
    await loggedIn();
    sim.dropNextResponse('Payment');
    expect((await post('/payment', flat(req.payment('P1')))).status).toBe(202);
    clock.advance(100);
    clock.advance(100);
    let answer: Answer;
    do answer = await get('/payment');
    while (answer.status === 206 || answer.status === 201);
    expect(answer.status).toBe(204);
    expect((await get('/payment')).status).toBe(204);
    expect(sim.ledger()).toHaveLength(1);
    // The POS recovers the outcome through /status.
    const status = await post(
      '/status',
      flat(req.status('S1', { MessageCategory: 'Payment', ServiceID: 'P1' })),
    );
    expect(result(status, 'TransactionStatusResponse')).toBe('Success');
  });

  it('resets a dropped POS, refuses it for dropMs, then serves it without its session', async () => {
    await loggedIn();
    const [link] = sim.state().links;
    expect(sim.apply({ fault: 'dropLink', linkId: link?.id ?? '', dropMs: 1_000 }).ok).toBe(true);
    expect(sim.state().sessions).toEqual([]);
    await expect(post('/status', flat(req.status('S1')))).rejects.toThrow(/ECONNRESET|hang up/);
    clock.advance(1_000);
    const login = await post('/login', flat(req.login('L2')));
    expect([login.status, result(login, 'LoginResponse')]).toEqual([200, 'Success']);
    // Another POS was never refused.
    const other = await post('/login', flat(req.login('L3', 'POS2')));
    expect(other.status).toBe(200);
  });

  it('cuts the open poll of a restart and answers /login Failure/Busy while initialising', async () => {
    await loggedIn();
    expect((await post('/payment', flat(req.payment('P1')))).status).toBe(202);
    sim.delayResponses(1_000, 'TransactionStatus');
    const held = post('/status', flat(req.status('S1')));
    await eventually((e) => e.kind === 'fault' && e.name === 'delayResponses' && e.phase === 'hit');
    sim.restart();
    await expect(held).rejects.toThrow(/ECONNRESET|hang up/);
    expect((await get('/payment')).status).toBe(423);
    const busy = await post('/login', flat(req.login('L2')));
    expect([busy.status, body(busy, 'LoginResponse').Response]).toEqual([
      200,
      expect.objectContaining({ Result: 'Failure', ErrorCondition: 'Busy' }),
    ]);
    clock.advance(100);
    const login = await post('/login', flat(req.login('L3')));
    expect(result(login, 'LoginResponse')).toBe('Success');
  });

  it('tags the frames of the trace with the wire and the HTTP exchange', async () => {
    await loggedIn();
    const inbound = events.find((e) => e.kind === 'message' && e.direction === 'toPoi');
    expect(inbound).toMatchObject({
      wire: 'local-api',
      http: { method: 'POST', resource: '/login' },
    });
  });
});

describe('the Local API front under profile nexo', () => {
  beforeEach(async () => {
    await start('nexo');
  });
  afterEach(async () => {
    await sim.close();
  });

  it('answers a request without a session Failure/LoggedOut in the POST', async () => {
    clock.advance(100);
    const answer = await post('/status', flat(req.status('S1')));
    expect([answer.status, body(answer, 'TransactionStatusResponse').Response]).toEqual([
      200,
      expect.objectContaining({ ErrorCondition: 'LoggedOut' }),
    ]);
  });
});

describe('the Local API front header timeout', () => {
  it('cuts headers that never finish with 408', async () => {
    const front = await startLocalApiFront({
      port: 0,
      headerTimeoutMs: 200,
      clock: new VirtualClock(),
      poiId: 'POI',
      terminal: {
        accept: () => undefined,
        record: () => undefined,
        closed: false,
        paymentRunning: () => false,
      },
    });
    try {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(front.port, '127.0.0.1', () => {
          socket.write('POST /login HTTP/1.1\r\nHost: x\r\n');
        });
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString('utf8')));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await front.close();
    }
  });
});
