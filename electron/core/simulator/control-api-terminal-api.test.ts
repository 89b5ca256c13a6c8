import { postTrusting, type HttpsAnswer } from './testing/https-post';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NexoKey, isSecured } from '../link/nexo-crypto';
import { RealClock } from '../time/real-clock';
import { handleControl } from './control-api';
import { createSimulator, type Listening, type Simulator } from './simulator';
import * as req from './testing/requests';
import { loadTlsIdentity } from './tls-identity';

const KEY = { keyIdentifier: 'ctlKey', keyVersion: 3, passphrase: 'control secret phrase' };

let dataDir: string;
let simulator: Simulator | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-control-tapi-'));
  // Made once for the file, before any test's clock runs: RSA key generation is slow on a loaded box.
  const made = await loadTlsIdentity(dataDir, 'A2A-SIM-001');
  if (!made.ok) throw new Error(made.error);
}, 60_000);
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(): Promise<Listening> {
  simulator = createSimulator({
    clock: new RealClock(),
    profile: 'adyen',
    settings: { initMs: 0 },
  });
  return simulator.listen({ httpsPort: 0, dataDir });
}

async function control(
  listening: Listening,
  method: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${listening.controlUrl}/terminal-api`, {
    method,
    headers: { Authorization: `Bearer ${listening.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, text: await res.text() };
}

/** One POST to the Terminal API front, trusting the simulator's CA: the answer's status and body. */
async function post(listening: Listening, body: string): Promise<HttpsAnswer> {
  return postTrusting(listening.httpsUrl ?? '', await readFile(listening.caFile ?? ''), body);
}

function encryptedLogin(key: NexoKey, serviceId: string): string {
  const clear = req.login(serviceId, 'CTL-POS') as { SaleToPOIRequest: { MessageHeader: unknown } };
  return JSON.stringify({
    SaleToPOIRequest: key.encrypt(JSON.stringify(clear), clear.SaleToPOIRequest.MessageHeader),
  });
}

describe('POST /control/terminal-api sets the NexoCrypto key of the Terminal API front', () => {
  it('takes the key and the requirement, answers without the passphrase, and the front uses them', async () => {
    const listening = await start();
    expect(JSON.parse((await control(listening, 'GET')).text)).toEqual({
      requireEncryption: false,
    });

    const set = await control(
      listening,
      'POST',
      JSON.stringify({ key: KEY, requireEncryption: true }),
    );
    expect(set.status).toBe(200);
    expect(JSON.parse(set.text)).toEqual({
      keyIdentifier: 'ctlKey',
      keyVersion: 3,
      requireEncryption: true,
    });
    expect(set.text).not.toContain(KEY.passphrase);
    expect((await control(listening, 'GET')).text).not.toContain(KEY.passphrase);

    // An encrypted Login under the new key is served, and its answer opens under the same key.
    const key = new NexoKey(KEY);
    const answer = await post(listening, encryptedLogin(key, 'C1'));
    expect(answer.status).toBe(200);
    const secured = (JSON.parse(answer.text) as { SaleToPOIResponse: unknown }).SaleToPOIResponse;
    expect(isSecured(secured)).toBe(true);
    const opened = key.decrypt(secured);
    expect(opened.ok && JSON.parse(opened.value)).toMatchObject({
      SaleToPOIResponse: { LoginResponse: { Response: { Result: 'Success' } } },
    });

    // Encryption is now required: a clear Login gets Failure/MessageFormat.
    const clear = await post(listening, JSON.stringify(req.login('C2', 'CTL-POS')));
    expect(JSON.parse(clear.text)).toMatchObject({
      SaleToPOIResponse: {
        LoginResponse: { Response: { Result: 'Failure', ErrorCondition: 'MessageFormat' } },
      },
    });

    // No key at all: an encrypted request is refused again.
    expect(JSON.parse((await control(listening, 'POST', '{}')).text)).toEqual({
      requireEncryption: false,
    });
    const refused = await post(listening, encryptedLogin(key, 'C3'));
    expect(refused.text).not.toContain('"Result":"Success"');
  });

  it.each([
    ['bad JSON', '{"key":', /not JSON/],
    ['an empty passphrase', JSON.stringify({ key: { ...KEY, passphrase: '' } }), /passphrase/],
    [
      'a passphrase beyond Latin-1',
      JSON.stringify({ key: { ...KEY, passphrase: 'ключ' } }),
      /Latin-1/,
    ],
    [
      'a version that is no whole number',
      JSON.stringify({ key: { ...KEY, keyVersion: 1.5 } }),
      /keyVersion/,
    ],
    [
      'a missing passphrase',
      JSON.stringify({ key: { keyIdentifier: 'k', keyVersion: 1 } }),
      /passphrase/,
    ],
    ['an unknown field', JSON.stringify({ key: KEY, keyId: 'x' }), /keyId/],
  ])(
    'answers 400 for %s, naming the field and never echoing the passphrase',
    async (_n, body, message) => {
      const listening = await start();
      const answer = await control(listening, 'POST', body);
      expect(answer.status).toBe(400);
      expect((JSON.parse(answer.text) as { error: string }).error).toMatch(message);
      expect(answer.text).not.toContain(KEY.passphrase);
      expect(answer.text).not.toContain('ключ');
      expect(simulator?.terminalApi()).toEqual({ requireEncryption: false });
    },
  );

  it('needs the Bearer token like every control path', async () => {
    const listening = await start();
    const res = await fetch(`${listening.controlUrl}/terminal-api`, {
      method: 'POST',
      body: JSON.stringify({ key: KEY }),
    });
    expect(res.status).toBe(401);
    expect(simulator?.terminalApi()).toEqual({ requireEncryption: false });
  });

  it('is 404 on a control target without a Terminal API (the proxy)', () => {
    const target = {
      state: () => {
        throw new Error('not asked');
      },
      ledger: () => [],
      apply: () => ({ ok: true as const, value: undefined }),
      reset: () => undefined,
    };
    const answer = handleControl(target, 't', {
      method: 'POST',
      path: '/control/terminal-api',
      authorization: 'Bearer t',
      body: JSON.stringify({ key: KEY }),
    });
    expect(answer.status).toBe(404);
  });
});
