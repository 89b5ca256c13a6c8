import { postTrusting } from './testing/https-post';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileName } from '@shared/simulator/profiles';
import { VirtualClock } from '@shared/time/virtual-clock';
import type { EventBody } from '@shared/trace/events';
import { NexoKey } from '../link/nexo-crypto';
import { createSimulator, type Listening, type Simulator } from './simulator';

const KEY = { keyIdentifier: 'frontKey', keyVersion: 3, passphrase: 'front passphrase' };
const WAIT_MS = 5000;

let dataDir: string;
let simulator: Simulator | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-front-tapi-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

interface Started {
  readonly clock: VirtualClock;
  readonly listening: Listening;
  readonly ca: string;
  readonly events: EventBody[];
}

async function start(profile: ProfileName, requireEncryption = false): Promise<Started> {
  const clock = new VirtualClock();
  simulator = createSimulator({
    clock,
    profile,
    settings: { initMs: 0, cardMs: 1000, authMs: 1000 },
    terminalApi: { key: KEY, requireEncryption, httpWaitMs: WAIT_MS },
  });
  const events: EventBody[] = [];
  simulator.onEvent((event) => events.push(event));
  clock.advance(1);
  const listening = await simulator.listen({ httpsPort: 0, dataDir });
  return { clock, listening, ca: await readFile(listening.caFile ?? '', 'utf8'), events };
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** One POST, trusting the simulator's CA; a reset connection rejects. */
async function post(started: Started, body: string, path = '/nexo/'): Promise<Answer> {
  const url = new URL(path, started.listening.httpsUrl ?? '');
  const answer = await postTrusting(url.href, started.ca, body);
  return { status: answer.status, body: answer.text };
}

function envelope(category: string, serviceId: string, body: object, saleId = 'POS-1') {
  return {
    SaleToPOIRequest: {
      MessageHeader: {
        ProtocolVersion: '3.0',
        MessageClass: 'Service',
        MessageCategory: category,
        MessageType: 'Request',
        ServiceID: serviceId,
        SaleID: saleId,
        POIID: 'A2A-SIM-001',
      },
      ...body,
    },
  };
}

function payment(serviceId: string, amount = 10) {
  return envelope('Payment', serviceId, {
    PaymentRequest: {
      SaleData: {
        SaleTransactionID: { TransactionID: `T${serviceId}`, TimeStamp: '2026-01-01T00:00:00Z' },
      },
      PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: amount } },
    },
  });
}

const login = (serviceId: string) =>
  envelope('Login', serviceId, {
    LoginRequest: {
      DateTime: '2026-01-01T00:00:00Z',
      SaleSoftware: {
        ProviderIdentification: 'Test',
        ApplicationName: 'Front test',
        SoftwareVersion: '1',
        CertificationCode: 'x',
      },
    },
  });

function encrypted(message: ReturnType<typeof envelope>, key = new NexoKey(KEY)): string {
  return JSON.stringify({
    SaleToPOIRequest: key.encrypt(JSON.stringify(message), message.SaleToPOIRequest.MessageHeader),
  });
}

/** Resolves once `events` holds one that `match` accepts (checked on every virtual tick). */
async function until(started: Started, match: (e: EventBody) => boolean): Promise<void> {
  while (!started.events.some(match)) {
    await new Promise((r) => setImmediate(r));
  }
}

describe('the Terminal API front', () => {
  it('answers a payment with its final response only, after the card and the authorisation', async () => {
    const s = await start('adyen');
    const answer = post(s, JSON.stringify(payment('1')));
    await until(s, (e) => e.kind === 'message' && e.direction === 'toPoi');
    s.clock.advance(2000);
    const { status, body } = await answer;
    expect(status).toBe(200);
    const parsed = JSON.parse(body) as { SaleToPOIResponse: { PaymentResponse: unknown } };
    expect(parsed.SaleToPOIResponse.PaymentResponse).toMatchObject({
      Response: { Result: 'Success' },
    });
    // The displays and events went to the timeline; the POS got the response alone.
    expect(Object.keys(parsed)).toEqual(['SaleToPOIResponse']);
    const toPos = s.events.filter((e) => e.kind === 'message' && e.direction === 'toPos');
    expect(toPos.map((e) => Object.keys((e as { json: object }).json)[0])).toEqual([
      ...Array<string>(toPos.length - 1).fill('SaleToPOIRequest'),
      'SaleToPOIResponse',
    ]);
    expect(toPos.length).toBeGreaterThan(2);
  });

  it('answers an Abort with an empty body, and the aborted payment with Failure/Aborted', async () => {
    const s = await start('adyen');
    const paying = post(s, JSON.stringify(payment('10')));
    await until(s, (e) => e.kind === 'message' && e.direction === 'toPoi');
    const abort = await post(
      s,
      JSON.stringify(
        envelope('Abort', '11', {
          AbortRequest: {
            MessageReference: { MessageCategory: 'Payment', ServiceID: '10', SaleID: 'POS-1' },
            AbortReason: 'MerchantAbort',
          },
        }),
      ),
    );
    expect(abort).toEqual({ status: 200, body: '' });
    s.clock.advance(10);
    const paid = JSON.parse((await paying).body) as {
      SaleToPOIResponse: { PaymentResponse: { Response: unknown } };
    };
    expect(paid.SaleToPOIResponse.PaymentResponse.Response).toMatchObject({
      Result: 'Failure',
      ErrorCondition: 'Aborted',
    });
  });

  it('holds a request the profile ignores until the HTTP wait ends, then answers 408', async () => {
    const s = await start('app2app');
    const answer = post(s, JSON.stringify(payment('20')));
    await until(s, (e) => e.kind === 'poiSession' && e.change === 'ignored');
    s.clock.advance(WAIT_MS - 1);
    let settled = false;
    void answer.then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    s.clock.advance(1);
    expect((await answer).status).toBe(408);
  });

  it('decrypts an encrypted request and encrypts its answer with the same key', async () => {
    const s = await start('app2app');
    const { status, body } = await post(s, encrypted(login('30')));
    expect(status).toBe(200);
    const secured = (JSON.parse(body) as { SaleToPOIResponse: unknown }).SaleToPOIResponse;
    const opened = new NexoKey(KEY).decrypt(secured);
    expect(opened.ok && JSON.parse(opened.value)).toMatchObject({
      SaleToPOIResponse: { LoginResponse: { Response: { Result: 'Success' } } },
    });
    expect(s.events).toContainEqual(
      expect.objectContaining({ kind: 'message', direction: 'toPos', encrypted: true }),
    );
  });

  it.each([
    ['unknown-key-identifier', { ...KEY, keyIdentifier: 'otherKey' }, 3],
    ['unknown-key-version', { ...KEY, keyVersion: 4 }, 4],
    ['bad-hmac or blob', { ...KEY, passphrase: 'guess' }, undefined],
  ])('refuses a %s with 401 and a security row, and the session stays', async (_, key, n) => {
    const s = await start('app2app');
    expect((await post(s, JSON.stringify(login('40')))).status).toBe(200);
    const refused = await post(s, encrypted(payment('41'), new NexoKey(key)));
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toEqual({
      errors: [
        expect.stringMatching(
          n === undefined ? /crypto error \(\d\)/ : `crypto error \\(${String(n)}\\)`,
        ),
      ],
      ServiceID: '41',
    });
    expect(s.events).toContainEqual(
      expect.objectContaining({ kind: 'security', saleId: 'POS-1', serviceId: '41' }),
    );
    expect(simulator?.state().sessions).toHaveLength(1);
  });

  it('refuses clear text with Failure/MessageFormat when encryption is required', async () => {
    const s = await start('app2app', true);
    const { status, body } = await post(s, JSON.stringify(login('50')));
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({
      SaleToPOIResponse: {
        MessageHeader: { ServiceID: '50', MessageCategory: 'Login' },
        LoginResponse: { Response: { Result: 'Failure', ErrorCondition: 'MessageFormat' } },
      },
    });
    expect(s.events).toContainEqual(
      expect.objectContaining({ kind: 'security', reason: 'clear-text-refused' }),
    );
    expect(simulator?.state().sessions).toHaveLength(0);
  });

  it('answers a body that is not a nexo request with 400 and shows it on the timeline', async () => {
    const s = await start('adyen');
    expect((await post(s, '{not json')).status).toBe(400);
    expect((await post(s, '{"SaleToPOIResponse":{}}')).status).toBe(400);
    expect(s.events).toContainEqual(
      expect.objectContaining({ kind: 'message', text: '{not json' }),
    );
    expect((await post(s, '{}', '/other')).status).toBe(404);
  });

  it('resets the connection of a waiting POS when its link is dropped, and the next request starts anew', async () => {
    const s = await start('app2app');
    await post(s, JSON.stringify(login('60')));
    const paying = post(s, JSON.stringify(payment('61')));
    await until(
      s,
      (e) =>
        e.kind === 'message' && e.direction === 'toPoi' && JSON.stringify(e.json).includes('"61"'),
    );
    expect(simulator?.dropLink('all').ok).toBe(true);
    await expect(paying).rejects.toThrow(/socket hang up|ECONNRESET/);
    // A new link for the same SaleID, without a session: the next payment is ignored again.
    const again = post(s, JSON.stringify(payment('62')));
    await until(s, (e) => e.kind === 'poiSession' && e.change === 'ignored');
    s.clock.advance(WAIT_MS);
    expect((await again).status).toBe(408);
  });
});
