import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, EnvironmentEnum, TerminalLocalAPI, type Types } from '@adyen/api-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseEndpoint, type Wire } from '@shared/link/endpoint';
import { flattenEnvelope } from '@shared/link/local-api';
import type { SimulatorSettings } from '@shared/simulator/profiles';
import type { EventBody, EventOf } from '@shared/trace/events';
import { NexoKey, isSecured } from '../link/nexo-crypto';
import { createSimulator, type Simulator } from '../simulator';
import { postTrusting } from '../simulator/testing/https-post';
import * as req from '../simulator/testing/requests';
import { RealClock } from '../time/real-clock';
import { serveProxy, type ProxyServer } from './serve';

/**
 * The HTTP pairs of the proxy (README "The proxy role"): a POS written from the wire's documents,
 * and Adyen's own SDK, through the proxy to the simulator's front of the same wire.
 */

type Json = Readonly<Record<string, unknown>>;

const KEY = { keyIdentifier: 'proxyKey', keyVersion: 1, passphrase: 'proxy passphrase' };

/** One data folder for the file: the TLS identity (an RSA key) is made once, then reused. */
let tlsDir: string;
beforeAll(async () => {
  tlsDir = await mkdtemp(join(tmpdir(), 'a2a-proxy-http-'));
});
afterAll(async () => {
  await rm(tlsDir, { recursive: true, force: true });
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Rig {
  readonly simulator: Simulator;
  readonly server: ProxyServer;
  /** What the simulator saw and sent, as its trace events. */
  readonly simEvents: EventBody[];
  /** What the proxy recorded. */
  readonly proxyEvents: EventBody[];
  /** Resolves at the first proxy event that passes `test` (now or later). */
  proxyEvent(test: (event: EventBody) => boolean): Promise<EventBody>;
}

async function rig(
  wire: Wire,
  settings: Partial<SimulatorSettings> = {},
  proxyKey: typeof KEY = KEY,
): Promise<Rig> {
  const clock = new RealClock();
  const simulator = createSimulator({
    clock,
    settings: { initMs: 0, cardMs: 20, authMs: 20, ...settings },
    // The terminal takes only sealed requests: what reaches it went through NexoCrypto.
    terminalApi: { key: KEY, requireEncryption: true },
  });
  const simEvents: EventBody[] = [];
  simulator.onEvent((event) => simEvents.push(event));
  const listening = await simulator.listen({
    port: 0,
    ...(wire === 'local-api' ? { httpPort: 0 } : { httpsPort: 0, dataDir: tlsDir }),
  });
  cleanups.push(() => simulator.close());
  const upstream = parseEndpoint(
    (wire === 'local-api' ? listening.httpUrl : listening.httpsUrl) ?? '',
  );
  if (!upstream.ok) throw new Error(upstream.error);
  const served = await serveProxy({
    clock,
    listen: { wire, port: 0 },
    upstream: upstream.value,
    ...(wire === 'terminal-api'
      ? { terminalApi: { caFile: listening.caFile ?? '', key: proxyKey }, dataDir: tlsDir }
      : {}),
  });
  if (!served.ok) throw new Error(served.error);
  const server = served.value;
  cleanups.push(() => server.close());
  const proxyEvents: EventBody[] = [];
  const waiters: { test: (e: EventBody) => boolean; resolve: (e: EventBody) => void }[] = [];
  server.proxy.onEvent((event) => {
    proxyEvents.push(event);
    for (const waiter of waiters.splice(0)) {
      if (waiter.test(event)) waiter.resolve(event);
      else waiters.push(waiter);
    }
  });
  return {
    simulator,
    server,
    simEvents,
    proxyEvents,
    proxyEvent(test) {
      const seen = proxyEvents.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

interface Answer {
  readonly status: number;
  readonly json: Json | undefined;
}

/** One Local API exchange on its own connection, as a POS written from Market Pay's pages. */
function call(base: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${base}${path}`, { method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          json: text === '' ? undefined : (JSON.parse(text) as Json),
        });
      });
    });
    sent.on('error', reject);
    sent.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function flat(envelope: Json): Json {
  return envelope.SaleToPOIRequest as Json;
}

function messages(events: readonly EventBody[], direction: 'toPoi' | 'toPos'): unknown[] {
  return events
    .filter((e): e is EventOf<'message'> => e.kind === 'message' && e.direction === direction)
    .map((e) => e.json);
}

function isDeliveredResponse(category: string) {
  return (e: EventBody): boolean =>
    e.kind === 'message' &&
    e.direction === 'toPos' &&
    e.proxied === 'forwarded' &&
    (e.json as { SaleToPOIResponse?: { MessageHeader?: Json } } | undefined)?.SaleToPOIResponse
      ?.MessageHeader?.MessageCategory === category;
}

async function control(server: ProxyServer, body: unknown): Promise<Response> {
  return fetch(`${server.controlUrl}/faults`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(body),
  });
}

describe('the Local API pair', () => {
  it('is transparent: what the POS posts is what the terminal gets, and every answer comes back as it was sent', async () => {
    const { server, simEvents, proxyEvent } = await rig('local-api');
    const base = server.listenUrl;
    const received: unknown[] = [];

    const login = await call(base, 'POST', '/login', flat(req.login('1')));
    expect(login.status).toBe(200);
    received.push(login.json);

    expect((await call(base, 'POST', '/payment', flat(req.payment('2')))).status).toBe(202);
    // Once the final response passed the proxy, every message is queued: the GETs drain it.
    await proxyEvent(isDeliveredResponse('Payment'));
    for (;;) {
      const polled = await call(base, 'GET', '/payment');
      expect([200, 201, 206]).toContain(polled.status);
      received.push(polled.json);
      if (polled.status === 200) break;
    }

    expect(messages(simEvents, 'toPoi')).toEqual([req.login('1'), req.payment('2')]);
    const sent = messages(simEvents, 'toPos').map((json) => {
      const flattened = flattenEnvelope(json);
      return flattened.ok ? flattened.value : json;
    });
    expect(received).toEqual(sent);
    expect(received.length).toBeGreaterThan(2);
  });

  it('answers a Login Busy in the middle without the terminal seeing it, and a second payment 403 while one runs', async () => {
    const { server, simEvents, proxyEvent } = await rig('local-api', { cardMs: 60_000 });
    const base = server.listenUrl;
    expect((await control(server, { fault: 'busyNextLogins', count: 1 })).status).toBe(200);
    const busy = await call(base, 'POST', '/login', flat(req.login('1')));
    expect(busy.status).toBe(200);
    expect(busy.json?.LoginResponse).toMatchObject({
      Response: { Result: 'Failure', ErrorCondition: 'Busy' },
    });
    expect(messages(simEvents, 'toPoi')).toEqual([]);

    expect((await call(base, 'POST', '/login', flat(req.login('2')))).status).toBe(200);
    expect((await call(base, 'POST', '/payment', flat(req.payment('3')))).status).toBe(202);
    await proxyEvent(
      (e) => e.kind === 'message' && e.direction === 'toPoi' && e.proxied === 'forwarded',
    );
    const second = await call(base, 'POST', '/payment', flat(req.payment('4')));
    expect(second.status).toBe(403);
    expect(messages(simEvents, 'toPoi')).toHaveLength(2);
  });

  it('cuts the POS on Drop link and refuses "Drop terminal link", which HTTP has no link for', async () => {
    const { server } = await rig('local-api');
    const base = server.listenUrl;
    expect((await call(base, 'POST', '/login', flat(req.login('1')))).status).toBe(200);

    const refused = await control(server, { fault: 'dropUpstreamLink' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /HTTP wires keep no link to the terminal/,
    );

    expect((await control(server, { fault: 'dropLink' })).status).toBe(200);
    // As the simulator's Local API front does: the POS's new requests are reset for a while.
    await expect(call(base, 'POST', '/status', flat(req.status('2')))).rejects.toThrow(
      /ECONNRESET|socket hang up/,
    );
  });
});

/** A request envelope in the test POS's header, with any body. */
function envelopeOf(category: string, serviceId: string, body: Json): Json {
  return {
    SaleToPOIRequest: {
      MessageHeader: req.requestHeader(category, serviceId),
      [`${category}Request`]: body,
    },
  };
}

describe('the Terminal API pair', () => {
  const key = new NexoKey(KEY);

  /** What a POS with NexoCrypto posts, and the clear envelope of the answer it reads. */
  async function sealedPost(
    server: ProxyServer,
    envelope: Json,
  ): Promise<{ status: number; sealed: boolean; clear: unknown }> {
    const ca = await readFile(server.caFile ?? '');
    const header = (envelope.SaleToPOIRequest as Json).MessageHeader;
    const body = JSON.stringify({
      SaleToPOIRequest: key.encrypt(JSON.stringify(envelope), header),
    });
    const answer = await postTrusting(server.listenUrl, ca, body);
    const parsed = JSON.parse(answer.text) as Json;
    const root = parsed.SaleToPOIResponse;
    const opened = key.decrypt(root);
    if (!opened.ok) throw new Error(`the answer did not open: ${opened.error}`);
    return {
      status: answer.status,
      sealed: isSecured(root),
      clear: JSON.parse(opened.value) as unknown,
    };
  }

  it('is transparent under NexoCrypto: the decrypted bodies are equal on both legs, sealed on each', async () => {
    const { server, simEvents, proxyEvents } = await rig('terminal-api');
    const login = await sealedPost(server, req.login('1'));
    const payment = await sealedPost(server, req.payment('2'));
    expect([login.status, login.sealed, payment.status, payment.sealed]).toEqual([
      200,
      true,
      200,
      true,
    ]);

    expect(messages(simEvents, 'toPoi')).toEqual([req.login('1'), req.payment('2')]);
    const simResponses = simEvents.filter(
      (e): e is EventOf<'message'> =>
        e.kind === 'message' &&
        e.direction === 'toPos' &&
        (e.json as Json | undefined)?.SaleToPOIResponse !== undefined,
    );
    expect([login.clear, payment.clear]).toEqual(simResponses.map((e) => e.json));
    // The terminal opened what the proxy sealed; the proxy recorded clear text, marked encrypted.
    expect(simResponses.every((e) => e.encrypted === true)).toBe(true);
    const proxied = proxyEvents.filter((e) => e.kind === 'message');
    expect(proxied.length).toBeGreaterThan(0);
    expect(proxied.every((e) => e.encrypted === true && e.wire === 'terminal-api')).toBe(true);
  });

  it("says on the terminal leg when the terminal refuses the proxy's seal, instead of leaving it to the POS's timeout", async () => {
    const { server, proxyEvent } = await rig('terminal-api', {}, { ...KEY, keyVersion: 2 });
    const ca = await readFile(server.caFile ?? '');
    // A clear request: the proxy takes it (no requirement) and seals it with a version the
    // terminal does not know.
    const pending = postTrusting(server.listenUrl, ca, JSON.stringify(req.login('1')));
    const refused = await proxyEvent((e) => e.kind === 'security');
    expect(refused).toMatchObject({
      observer: 'proxy',
      reason: 'http-401',
      serviceId: '1',
      detail: expect.stringContaining('crypto error (4)') as string,
    });
    await server.close();
    await pending.catch(() => undefined);
  });

  it("serves Adyen's Node SDK unchanged: it logs in and pays through the proxy, charged once", async () => {
    const { simulator, server } = await rig('terminal-api');
    const client = new Client({
      apiKey: 'local-test-key',
      environment: EnvironmentEnum.TEST,
      // The SDK appends ":8443/nexo/"; after "/#" that lands in the fragment (README "Adyen's SDK").
      terminalApiLocalEndpoint: `${server.listenUrl}/#`,
      certificatePath: server.caFile ?? '',
    });
    const api = new TerminalLocalAPI(client);
    const security = {
      KeyIdentifier: KEY.keyIdentifier,
      KeyVersion: KEY.keyVersion,
      Passphrase: KEY.passphrase,
      AdyenCryptoVersion: 1,
    };
    const sdkRequest = (envelope: Json): Types.terminal.TerminalApiRequest =>
      // Plain JSON as an integrator writes it; the SDK's serializer takes it as its model classes.
      envelope as unknown as Types.terminal.TerminalApiRequest;
    const login = await api.request(
      sdkRequest(
        envelopeOf('Login', '1', {
          DateTime: '2026-01-01T00:00:00Z',
          SaleSoftware: req.SDK_POS_SALE_SOFTWARE,
          OperatorLanguage: 'en',
        }),
      ),
      security,
    );
    expect(login.SaleToPOIResponse?.LoginResponse?.Response.Result).toBe('Success');
    const paid = await api.request(sdkRequest(req.payment('2', { amount: 12.5 })), security);
    expect(paid.SaleToPOIResponse?.PaymentResponse?.Response.Result).toBe('Success');

    expect(simulator.ledger().filter((e) => e.result === 'approved')).toHaveLength(1);
    expect(server.proxy.ledger()).toEqual([expect.objectContaining({ result: 'approved' })]);
  });
});
