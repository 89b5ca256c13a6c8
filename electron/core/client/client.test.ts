import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode, headerOf, type Envelope } from '@shared/protocol';
import { VirtualClock } from '@shared/time/virtual-clock';
import type { EventBody } from '@shared/trace/events';
import { createMemoryLinkPair } from '../link/memory-link';
import type { Link } from '../link/link';
import { createClient, RequestTimeoutError } from './client';
import type { Inbound } from './inbound';
import { memoryServiceIds } from './service-ids';

const CONFORMANCE = resolve(
  import.meta.dirname,
  '../../../resources/conformance/adyen-mock-terminal-api',
);

function conformance(name: string): string {
  return readFileSync(resolve(CONFORMANCE, name), 'utf8');
}

/** A client on one end of an in-memory link; the test plays the terminal on the other. */
function setup() {
  const clock = new VirtualClock();
  const client = createClient({
    clock,
    saleId: 'SALE1',
    poiId: 'POI1',
    serviceIds: memoryServiceIds(),
  });
  const { client: end, server } = createMemoryLinkPair('L1');
  client.attach(end);
  const received: Envelope[] = [];
  server.onMessage((text) => {
    const decoded = decode(text);
    if (decoded.ok) received.push(decoded.value.envelope);
  });
  const inbound: Inbound[] = [];
  client.intercept((i) => inbound.push(i));
  const events: EventBody[] = [];
  client.onEvent((e) => events.push(e));
  return { clock, client, server, received, inbound, events };
}

const flush = () => new Promise<void>((r) => setImmediate(r));

/** A response to `serviceId` with the given category and Response block. */
function response(category: string, serviceId: string, body: Record<string, unknown>): string {
  return JSON.stringify({
    SaleToPOIResponse: {
      MessageHeader: {
        ProtocolVersion: '3.0',
        MessageClass: 'Service',
        MessageCategory: category,
        MessageType: 'Response',
        ServiceID: serviceId,
        SaleID: 'SALE1',
        POIID: 'POI1',
      },
      [`${category}Response`]: body,
    },
  });
}

function display(serviceId: string): string {
  return JSON.stringify({
    SaleToPOIRequest: {
      MessageHeader: {
        ProtocolVersion: '3.0',
        MessageClass: 'Device',
        MessageCategory: 'Display',
        MessageType: 'Request',
        ServiceID: serviceId,
        SaleID: 'SALE1',
        POIID: 'POI1',
      },
      DisplayRequest: {
        DisplayOutput: [
          {
            Device: 'CashierDisplay',
            InfoQualify: 'Status',
            OutputContent: { OutputFormat: 'Text', OutputText: [{ Text: 'Present card' }] },
          },
        ],
      },
    },
  });
}

function event(name: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    SaleToPOIRequest: {
      MessageHeader: {
        ProtocolVersion: '3.0',
        MessageClass: 'Event',
        MessageCategory: 'Event',
        MessageType: 'Notification',
        SaleID: 'SALE1',
        POIID: 'POI1',
      },
      EventNotification: { TimeStamp: '2026-01-01T00:00:00Z', EventToNotify: name, ...extra },
    },
  });
}

describe('client: fire-and-forget sends', () => {
  it('returns a new ServiceID at once and sends the request with the route', async () => {
    const { client, received } = setup();
    const ids = [
      client.sendLogin(),
      client.sendPayment({
        amountMinor: 1099,
        currency: 'EUR',
        saleTransactionId: { TransactionID: 'T1', TimeStamp: '2026-01-01T00:00:00Z' },
      }),
      client.sendTransactionStatus({ serviceId: 'ABC' }),
      client.sendTransactionStatus(),
      client.sendReversal({
        poiTransactionId: { TransactionID: 'P1', TimeStamp: '2026-01-01T00:00:00Z' },
        reason: 'MerchantCancel',
      }),
      client.sendAbort({ serviceId: 'ABC' }),
      client.sendAdmin({ kind: 'update' }),
      client.sendLogout(),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    await flush();
    expect(received.map((e) => headerOf(e).MessageCategory)).toEqual([
      'Login',
      'Payment',
      'TransactionStatus',
      'TransactionStatus',
      'Reversal',
      'Abort',
      'Admin',
      'Logout',
    ]);
    expect(received.map((e) => headerOf(e).ServiceID)).toEqual(ids);
    expect(
      received.every((e) => headerOf(e).SaleID === 'SALE1' && headerOf(e).POIID === 'POI1'),
    ).toBe(true);
    const [, payment, withRef, withoutRef, , abort, admin] = received.map((e) => JSON.stringify(e));
    expect(payment).toContain('"RequestedAmount":10.99');
    expect(withRef).toContain(
      '"MessageReference":{"MessageCategory":"Payment","ServiceID":"ABC","SaleID":"SALE1"}',
    );
    expect(withoutRef).not.toContain('MessageReference');
    expect(abort).toContain('"AbortReason":"MerchantAbort"');
    expect(admin).toContain('"ServiceIdentification":"Update"');
  });

  it('reports each frame as a message event observed by the POS', async () => {
    const { client, server, events } = setup();
    client.sendLogin();
    server.send('not json');
    await flush();
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'message',
        observer: 'pos',
        direction: 'toPoi',
        link: 'L1',
        json: expect.any(Object),
      }),
      { kind: 'message', observer: 'pos', direction: 'toPos', link: 'L1', text: 'not json' },
    ]);
  });

  it('sends nothing without an open link', () => {
    const { client } = setup();
    client.detach();
    expect(client.transmit(client.build({ category: 'Login' }))).toBe(false);
  });
});

describe('client: one typed inbound stream', () => {
  it('types responses, displays, events, rejects and garbage', async () => {
    const { server, inbound } = setup();
    server.send(
      response('Login', 'S1', {
        Response: { Result: 'Failure', ErrorCondition: 'Busy', AdditionalResponse: 'wait' },
      }),
    );
    server.send(display('S2'));
    server.send(event('TransactionState', { EventDetails: 'state=authorising' }));
    server.send(event('Reject', { EventDetails: 'message=bad', RejectedMessage: 'e30=' }));
    server.send('{"hello":1}');
    await flush();
    expect(inbound.map((i) => i.kind)).toEqual([
      'response',
      'display',
      'event',
      'reject',
      'malformed',
    ]);
    expect(inbound[0]).toMatchObject({
      serviceId: 'S1',
      response: {
        result: 'Failure',
        errorCondition: 'Busy',
        additionalResponse: 'wait',
        category: 'Login',
      },
    });
    expect(inbound[2]).toMatchObject({ event: 'TransactionState', details: 'state=authorising' });
    expect(inbound[3]).toMatchObject({ rejectedMessage: 'e30=' });
    expect(inbound[4]).toMatchObject({ error: { kind: 'notEnvelope' } });
  });

  it('reads payment results exactly, including a repeated response in the wrapped form', async () => {
    const { server, inbound } = setup();
    server.send(conformance('payment__paymentResponse.json'));
    server.send(conformance('paymentTransactionStatus__paymentTransactionStatusResponse.json'));
    await flush();
    expect(inbound[0]).toMatchObject({
      kind: 'response',
      response: {
        result: 'Success',
        payment: {
          authorisedMinor: 100,
          currency: 'EUR',
          poiTransactionId: { TransactionID: 'v4W5001707426906003.RM4ZVZ7LFTGLNK82' },
        },
      },
    });
    expect(inbound[1]).toMatchObject({
      kind: 'response',
      response: {
        category: 'TransactionStatus',
        result: 'Success',
        repeated: {
          category: 'Payment',
          result: 'Success',
          payment: { authorisedMinor: 1099, maskedPan: '12345 * 6789' },
        },
      },
    });
  });
});

describe('client: request()', () => {
  function answerWith(server: Link, make: (serviceId: string) => string[]) {
    server.onMessage((text) => {
      const decoded = decode(text);
      if (!decoded.ok) return;
      for (const frame of make(headerOf(decoded.value.envelope).ServiceID ?? ''))
        server.send(frame);
    });
  }

  it('resolves with the final response, not with a display of the same ServiceID', async () => {
    const { client, server } = setup();
    answerWith(server, (id) => [
      display(id),
      response('Login', 'OTHER', { Response: { Result: 'Success' } }),
      response('Login', id, { Response: { Result: 'Success' } }),
    ]);
    const answer = await client.request({ category: 'Login' }, { timeoutMs: 1000 });
    expect(answer).toMatchObject({
      kind: 'response',
      category: 'Login',
      response: { result: 'Success' },
    });
    expect(answer.serviceId).not.toBe('OTHER');
  });

  it('rejects with a typed timeout when no response comes (virtual time)', async () => {
    const { client, clock } = setup();
    const message = client.build({ category: 'Logout' });
    const pending = client.request(message, { timeoutMs: 5000 });
    clock.advance(4999);
    let settled = false;
    pending.catch(() => undefined).finally(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    clock.advance(1);
    await expect(pending).rejects.toBeInstanceOf(RequestTimeoutError);
    await expect(pending).rejects.toMatchObject({
      serviceId: message.serviceId,
      category: 'Logout',
      timeoutMs: 5000,
    });
  });
});
