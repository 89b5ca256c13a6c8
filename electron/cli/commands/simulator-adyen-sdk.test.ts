import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, EnvironmentEnum, TerminalLocalAPI, type Types } from '@adyen/api-library';
// The package's index does not re-export the unencrypted service; this is its own module.
import TerminalLocalAPIUnencrypted from '@adyen/api-library/lib/src/services/terminalLocalAPIUnencrypted';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_POS_SALE_SOFTWARE } from '../../core/simulator/testing/requests';
import { captureLines } from '../testing/in-process';
import { parseSimulatorFlags, runSimulator, type SimulatorFlags } from './simulator';

/**
 * Adyen's own Node library, unchanged, as the POS: the proof that an integrator whose POS is
 * built on it can point it at `a2a simulator --https-port` (README "Terminal API wire").
 */

type TerminalApiRequest = Types.terminal.TerminalApiRequest;
type TerminalApiResponse = Types.terminal.TerminalApiResponse;

const KEY = { keyId: 'harnessKey', keyVersion: '1', passphrase: 'sdk-interop-passphrase' };
const SECURITY_KEY = {
  KeyIdentifier: KEY.keyId,
  KeyVersion: Number(KEY.keyVersion),
  Passphrase: KEY.passphrase,
  AdyenCryptoVersion: 1,
};
const SALE_ID = 'SDK-POS-1';
const POI_ID = 'V400m-324688179';

let dataDir: string;

beforeAll(async () => {
  // One data folder for the whole file: the TLS identity is made once, then reused.
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-adyen-sdk-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface Running {
  readonly line: { httpsUrl: string; caFile: string; controlUrl: string; token: string };
  stop(): Promise<number>;
  readonly errors: string[];
}

/** `a2a simulator --profile adyen --https-port 0 --json …`, run in-process. */
async function startSimulator(extra: Partial<SimulatorFlags> = {}): Promise<Running> {
  const io = captureLines();
  const stop = new AbortController();
  const parsed = parseSimulatorFlags({
    port: '0',
    profile: 'adyen',
    initMs: '0',
    cardMs: '0',
    authMs: '0',
    httpsPort: '0',
    dataDir,
    json: true,
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.error);
  const exit = runSimulator(parsed.value, io.io, stop.signal);
  const line = JSON.parse(await io.firstLine) as Running['line'];
  return {
    line,
    errors: io.errors,
    stop: () => {
      stop.abort();
      return exit;
    },
  };
}

/**
 * The SDK posts to `<terminalApiLocalEndpoint>:8443/nexo/`. Ending the endpoint in `/#` puts that
 * suffix in the URL's fragment, which no HTTP client sends: the request is `POST /nexo/` on the
 * simulator's real port, exactly what a terminal on 8443 would see.
 */
function sdkEndpoint(httpsUrl: string): string {
  return `${httpsUrl}/#`;
}

function header(category: string, serviceId: string): Record<string, string> {
  return {
    ProtocolVersion: '3.0',
    MessageClass: 'Service',
    MessageCategory: category,
    MessageType: 'Request',
    SaleID: SALE_ID,
    ServiceID: serviceId,
    POIID: POI_ID,
  };
}

function request(category: string, serviceId: string, body: object): TerminalApiRequest {
  // Plain JSON as an integrator writes it; the SDK's serializer takes it as its model classes.
  return {
    SaleToPOIRequest: { MessageHeader: header(category, serviceId), ...body },
  } as unknown as TerminalApiRequest;
}

const now = (): string => new Date().toISOString();

function payment(serviceId: string, amount: number): TerminalApiRequest {
  return request('Payment', serviceId, {
    PaymentRequest: {
      SaleData: { SaleTransactionID: { TransactionID: `TX-${serviceId}`, TimeStamp: now() } },
      PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: amount } },
    },
  });
}

type Send = (req: TerminalApiRequest) => Promise<TerminalApiResponse>;

/** Login, pay 12.50 (approved), pay 1.24 (declined), status of the last payment, reversal. */
async function integratorJourney(send: Send, serviceBase: number): Promise<void> {
  const sid = (n: number): string => String(serviceBase + n);

  const login = await send(
    request('Login', sid(1), {
      LoginRequest: {
        DateTime: now(),
        SaleSoftware: SDK_POS_SALE_SOFTWARE,
        OperatorLanguage: 'en',
      },
    }),
  );
  expect(login.SaleToPOIResponse?.LoginResponse?.Response.Result).toBe('Success');

  const approved = await send(payment(sid(2), 12.5));
  const approvedBody = approved.SaleToPOIResponse?.PaymentResponse;
  expect(approvedBody?.Response.Result).toBe('Success');
  expect(approvedBody?.PaymentResult?.AmountsResp?.AuthorizedAmount).toBe(12.5);
  const poiTransaction = approvedBody?.POIData.POITransactionID;
  expect(poiTransaction?.TransactionID).toBeTruthy();

  const declined = await send(payment(sid(3), 1.24));
  expect(declined.SaleToPOIResponse?.PaymentResponse?.Response).toMatchObject({
    Result: 'Failure',
    ErrorCondition: 'Refusal',
  });

  const status = await send(
    request('TransactionStatus', sid(4), {
      TransactionStatusRequest: {
        MessageReference: { MessageCategory: 'Payment', ServiceID: sid(3), SaleID: SALE_ID },
      },
    }),
  );
  const statusBody = status.SaleToPOIResponse?.TransactionStatusResponse;
  expect(statusBody?.Response.Result).toBe('Success');
  const repeated = statusBody?.RepeatedMessageResponse;
  expect(repeated?.MessageHeader.ServiceID).toBe(sid(3));
  expect(repeated?.RepeatedResponseMessageBody?.PaymentResponse?.Response).toMatchObject({
    Result: 'Failure',
    ErrorCondition: 'Refusal',
  });

  const reversal = await send(
    request('Reversal', sid(5), {
      ReversalRequest: {
        OriginalPOITransaction: { POITransactionID: poiTransaction },
        ReversalReason: 'MerchantCancel',
      },
    }),
  );
  expect(reversal.SaleToPOIResponse?.ReversalResponse?.Response.Result).toBe('Success');
}

async function ledger(line: Running['line']): Promise<{ reversed: boolean; result: string }[]> {
  const res = await fetch(`${line.controlUrl}/ledger`, {
    headers: { Authorization: `Bearer ${line.token}` },
  });
  const body = (await res.json()) as { entries: { reversed: boolean; result: string }[] };
  return body.entries;
}

describe('Adyen’s Node SDK as the POS against a2a simulator --https-port 0', () => {
  it('TerminalLocalAPIUnencrypted: login, pay, decline, status, reversal', async () => {
    const simulator = await startSimulator();
    try {
      expect(simulator.line.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/nexo$/);
      const client = new Client({
        apiKey: 'local-test-key',
        environment: EnvironmentEnum.TEST,
        terminalApiLocalEndpoint: sdkEndpoint(simulator.line.httpsUrl),
      });
      const api = new TerminalLocalAPIUnencrypted(client);
      await integratorJourney((req) => api.request(req), 100);
      expect(await ledger(simulator.line)).toEqual([
        expect.objectContaining({ result: 'approved', reversed: true }),
        expect.objectContaining({ result: 'declined', reversed: false }),
      ]);
    } finally {
      expect(await simulator.stop()).toBe(0);
    }
  });

  it('TerminalLocalAPI (NexoCrypto, CA file checked): the same journey, traced in clear with an encrypted mark', async () => {
    const tracePath = join(dataDir, 'encrypted.jsonl');
    const simulator = await startSimulator({ ...KEY, requireEncryption: true, trace: tracePath });
    try {
      const client = new Client({
        apiKey: 'local-test-key',
        environment: EnvironmentEnum.TEST,
        terminalApiLocalEndpoint: sdkEndpoint(simulator.line.httpsUrl),
        certificatePath: simulator.line.caFile,
      });
      const api = new TerminalLocalAPI(client);
      await integratorJourney((req) => api.request(req, SECURITY_KEY), 200);

      // A wrong passphrase is refused the way Adyen's terminals refuse it: HTTP 401 with
      // `{"errors": ["Nexo Service: crypto error (N)"]}`, which the SDK throws as an Error.
      const wrong = api.request(payment('299', 5), { ...SECURITY_KEY, Passphrase: 'wrong' });
      await expect(wrong).rejects.toThrow(/Nexo Service: crypto error \(\d\)/);
    } finally {
      expect(await simulator.stop()).toBe(0);
    }
    expect(simulator.errors).toEqual([]);
    const trace = await readFile(tracePath, 'utf8');
    expect(trace).not.toContain(KEY.passphrase);
    expect(trace).not.toContain('"NexoBlob":');
    const events = trace
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const messages = events.filter((e) => e.kind === 'message');
    expect(messages.length).toBeGreaterThanOrEqual(10);
    expect(messages.every((m) => m.encrypted === true && m.wire === 'terminal-api')).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'security', reason: expect.stringMatching(/hmac|blob/) }),
    );
  });

  it('refuses the SDK’s clear text when encryption is required, with Failure/MessageFormat', async () => {
    const simulator = await startSimulator({ ...KEY, requireEncryption: true });
    try {
      const client = new Client({
        apiKey: 'local-test-key',
        environment: EnvironmentEnum.TEST,
        terminalApiLocalEndpoint: sdkEndpoint(simulator.line.httpsUrl),
      });
      const answer = await new TerminalLocalAPIUnencrypted(client).request(payment('300', 3));
      expect(answer.SaleToPOIResponse?.PaymentResponse?.Response).toMatchObject({
        Result: 'Failure',
        ErrorCondition: 'MessageFormat',
      });
      expect(await ledger(simulator.line)).toEqual([]);
    } finally {
      await simulator.stop();
    }
  });
});
