import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEndpoint } from '@shared/link/endpoint';
import type { EventBody, EventOf } from '@shared/trace/events';
import { dialerFor } from '../link/dial';
import type { Link } from '../link/link';
import { NexoKey } from '../link/nexo-crypto';
import { RealClock } from '../time/real-clock';
import { createClient, type Client } from './client';
import { memoryServiceIds } from './service-ids';

const KEY = { keyIdentifier: 'refusalKey', keyVersion: 1, passphrase: 'refusal passphrase' };

/** What the fake terminal answers to each POST, one entry per request, in order. */
type Answer = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
const links: Link[] = [];

afterEach(async () => {
  for (const link of links.splice(0)) link.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** A terminal at `http://127.0.0.1:PORT/nexo` that answers OPTIONS 200 and POSTs from `answers`. */
async function terminal(answers: Answer[]): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(200).end();
        return;
      }
      const answer = answers.shift();
      if (answer === undefined) res.writeHead(500).end('no answer scripted');
      else answer(req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/nexo`;
}

async function connect(url: string, withKey = false): Promise<{ client: Client; link: Link }> {
  const endpoint = parseEndpoint(url);
  if (!endpoint.ok) throw new Error(endpoint.error);
  const client = createClient({
    clock: new RealClock(),
    saleId: 'REFUSED-POS',
    poiId: 'POI1',
    serviceIds: memoryServiceIds(),
  });
  const dialed = await client.connect(
    dialerFor(endpoint.value, withKey ? { terminalApi: { key: KEY } } : {}),
  );
  if (!dialed.ok) throw new Error(dialed.error);
  links.push(dialed.value);
  return { client, link: dialed.value };
}

function nextEvent<K extends EventBody['kind']>(client: Client, kind: K): Promise<EventOf<K>> {
  return new Promise((resolve) => {
    const off = client.onEvent((event) => {
      if (event.kind !== kind) return;
      off();
      resolve(event as EventOf<K>);
    });
  });
}

const loginAnswer = (serviceId: string) =>
  JSON.stringify({
    SaleToPOIResponse: {
      MessageHeader: {
        ProtocolVersion: '3.0',
        MessageClass: 'Service',
        MessageCategory: 'Login',
        MessageType: 'Response',
        ServiceID: serviceId,
        SaleID: 'REFUSED-POS',
        POIID: 'POI1',
      },
      LoginResponse: { Response: { Result: 'Success' } },
    },
  });

describe('a Terminal API answer that is no nexo message', () => {
  it('HTTP 401 is a security row naming status, reason and the request; the link stays up', async () => {
    const url = await terminal([
      (_req, res) =>
        res
          .writeHead(401, 'Unauthorized', { 'Content-Type': 'application/json' })
          .end('{"errorCode":"000","message":"Invalid API key"}'),
      (_req, res) => res.writeHead(200).end(loginAnswer('2')),
    ]);
    const { client, link } = await connect(url);

    const refused = nextEvent(client, 'security');
    const serviceId = client.sendLogin();
    expect(await refused).toEqual({
      kind: 'security',
      observer: 'pos',
      link: link.id,
      wire: 'terminal-api',
      reason: 'http-401',
      detail:
        'terminal answered HTTP 401 Unauthorized: {"errorCode":"000","message":"Invalid API key"}',
      saleId: 'REFUSED-POS',
      serviceId,
      category: 'Login',
    });

    // Not a lost link: the terminal answered, and the next exchange goes through.
    expect(link.isOpen).toBe(true);
    const answered = client.request({ category: 'Login' }, { timeoutMs: 10_000 });
    expect(await answered).toMatchObject({ kind: 'response', response: { result: 'Success' } });
  });

  it.each([
    [400, 'Bad Request'],
    [403, 'Forbidden'],
    [404, 'Not Found'],
    [500, 'Internal Server Error'],
    [503, 'Service Unavailable'],
  ])('HTTP %i is named on its row too', async (status, phrase) => {
    const url = await terminal([(_req, res) => res.writeHead(status, phrase).end()]);
    const { client } = await connect(url);
    const refused = nextEvent(client, 'security');
    client.sendLogin();
    expect(await refused).toMatchObject({
      reason: `http-${String(status)}`,
      detail: `terminal answered HTTP ${String(status)} ${phrase}`,
    });
  });

  it('HTTP 408, the wire saying "no answer", stays silent like an ignored request', async () => {
    const url = await terminal([
      (_req, res) => res.writeHead(408).end(),
      (_req, res) => res.writeHead(401).end(),
    ]);
    const { client } = await connect(url);
    const seen: EventBody[] = [];
    client.onEvent((event) => seen.push(event));
    const refused = nextEvent(client, 'security');
    const ignored = client.sendLogin();
    const second = client.sendLogin();
    // The requests are answered in order, so the row of the second proves the first made none.
    expect((await refused).serviceId).toBe(second);
    expect(seen.filter((e) => e.kind === 'security' && e.serviceId === ignored)).toEqual([]);
  });

  it('an encrypted answer that does not open under the key is named, and passed on as sent', async () => {
    const wrong = new NexoKey({ ...KEY, passphrase: 'another passphrase' });
    const url = await terminal([
      (_req, res) => {
        const clear = loginAnswer('1');
        const header = (JSON.parse(clear) as { SaleToPOIResponse: { MessageHeader: unknown } })
          .SaleToPOIResponse.MessageHeader;
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ SaleToPOIResponse: wrong.encrypt(clear, header) }));
      },
    ]);
    const { client } = await connect(url, true);
    const inbound = new Promise<EventOf<'message'>>((resolve) =>
      client.onEvent((event) => {
        if (event.kind !== 'message') return;
        if (event.direction === 'toPos') resolve(event);
      }),
    );
    const refused = nextEvent(client, 'security');
    client.sendLogin();
    expect(await refused).toMatchObject({
      reason: 'answer-not-decrypted',
      detail: "the terminal's answer did not open with key refusalKey v1: undecryptable-blob",
      category: 'Login',
    });
    // The timeline shows the answer as the terminal sent it: the blob, not a made-up message.
    expect(JSON.stringify((await inbound).json)).toContain('NexoBlob');
  });
});
