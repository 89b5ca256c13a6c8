import { postTrusting } from '../simulator/testing/https-post';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallChannel, CallRequest, CallResponse, RunInfo } from '@shared/ipc';
import { callSchemas } from '@shared/ipc/schemas';
import { summariseMessage } from '@shared/trace/view';
import { createHarnessCore, type HarnessCore } from '../harness';
import { NexoKey, isSecured } from '../link/nexo-crypto';
import { createSimulator, type Simulator } from '../simulator';
import * as req from '../simulator/testing/requests';
import { loadTlsIdentity } from '../simulator/tls-identity';
import { RealClock } from '../time/real-clock';
import { dispatchCall } from './dispatch';
import { recordEvents, type EventLog } from './testing/event-log';

// The window's side of the Terminal API wire (README "Terminal API wire"): the terminal role
// listens on HTTPS with a key, the client role reaches a Terminal API peer with its CA and key.
const KEY = { keyIdentifier: 'windowKey', keyVersion: 4, passphrase: 'window secret phrase' };
const SETTINGS = { initMs: 0, cardMs: 20, authMs: 20 };

let dataDir: string;
/** One TLS identity for the file: RSA key generation is slow on a loaded box; tests copy it. */
let identityDir: string;
const cores: HarnessCore[] = [];
const simulators: Simulator[] = [];

beforeAll(async () => {
  identityDir = await mkdtemp(join(tmpdir(), 'a2a-core-tapi-tls-'));
  const made = await loadTlsIdentity(identityDir, 'A2A-SIM-001');
  if (!made.ok) throw new Error(made.error);
}, 60_000);

afterAll(async () => {
  await rm(identityDir, { recursive: true, force: true });
});

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-core-tapi-'));
  // The core's simulator and the peer simulator find it in their data folders and reuse it.
  for (const folder of ['core', 'peer', 'busy'])
    await cp(join(identityDir, 'tls'), join(dataDir, folder, 'tls'), { recursive: true });
});

afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
  for (const simulator of simulators.splice(0)) await simulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

function startCore(): { core: HarnessCore; log: EventLog } {
  const core = createHarnessCore({
    mode: 'browser',
    dataDir: join(dataDir, 'core'),
    batchWindowMs: 5,
    initial: { role: 'client', peer: 'embedded', settings: SETTINGS },
    policy: { loginTimeoutMs: 2_000, paymentTimeoutMs: 2_000, reconnectInitialDelayMs: 50 },
  });
  cores.push(core);
  return { core, log: recordEvents(core) };
}

/** One call the way a renderer makes it: payload validated, answer checked against its schema. */
async function call<C extends CallChannel>(
  core: HarnessCore,
  channel: C,
  ...payload: CallRequest<C> extends undefined ? [] : [CallRequest<C>]
) {
  const result = await dispatchCall(core.calls, channel, payload[0], (ch, error) => {
    throw new Error(`bug in ${ch}: ${String(error)}`);
  });
  if (!result.ok) return result;
  return { ok: true as const, value: callSchemas[channel].response.parse(result.value) };
}

async function value<C extends CallChannel>(
  core: HarnessCore,
  channel: C,
  ...payload: CallRequest<C> extends undefined ? [] : [CallRequest<C>]
): Promise<CallResponse<C>> {
  const result = await call(core, channel, ...payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function lastRun(log: EventLog, from: number): Promise<RunInfo> {
  const event = await log.next((e) => e.type === 'run', from);
  if (event.type !== 'run') throw new Error('unreachable');
  return event.run;
}

/** A POS's POST to `/nexo` trusting `caFile`, as plain Node does it: status and body. */
async function post(url: string, caFile: string, body: string) {
  return postTrusting(url, await readFile(caFile), body);
}

describe('terminal role on the Terminal API', () => {
  it('listens on HTTPS beside the WebSocket; a clear and an encrypted POS are both served', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const before = log.mark();

    await value(core, 'simulator:configure', {
      role: 'terminal',
      port: 0,
      httpsPort: 0,
      terminalApi: { key: KEY },
      profile: 'adyen',
      settings: SETTINGS,
    });

    const run = await lastRun(log, before);
    const httpsUrl = run.addresses?.find((a) => a.wire === 'terminal-api')?.url ?? '';
    expect(httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/nexo$/);
    expect(run.terminalApi).toEqual({
      keyIdentifier: 'windowKey',
      keyVersion: 4,
      requireEncryption: false,
      caFile: join(dataDir, 'core', 'tls', 'ca.pem'),
    });
    const caFile = run.terminalApi?.caFile ?? '';

    // A plain POS: the envelope in clear over TLS, trusting the CA file the window shows.
    const clear = await post(httpsUrl, caFile, JSON.stringify(req.login('W1', 'CLEAR-POS')));
    expect(clear.status).toBe(200);
    expect(JSON.parse(clear.text)).toMatchObject({
      SaleToPOIResponse: { LoginResponse: { Response: { Result: 'Success' } } },
    });

    // An encrypted POS under the window's key: the answer comes back encrypted and opens.
    const key = new NexoKey(KEY);
    const login = req.login('W2', 'CRYPT-POS') as { SaleToPOIRequest: { MessageHeader: unknown } };
    const sealed = key.encrypt(JSON.stringify(login), login.SaleToPOIRequest.MessageHeader);
    const answer = await post(httpsUrl, caFile, JSON.stringify({ SaleToPOIRequest: sealed }));
    const secured = (JSON.parse(answer.text) as { SaleToPOIResponse: unknown }).SaleToPOIResponse;
    expect(isSecured(secured)).toBe(true);
    const opened = key.decrypt(secured);
    expect(opened.ok && JSON.parse(opened.value)).toMatchObject({
      SaleToPOIResponse: { LoginResponse: { Response: { Result: 'Success' } } },
    });

    // The timeline has the encrypted exchange in clear, marked encrypted.
    const request = await log.nextTrace(
      (e) => e.kind === 'message' && e.direction === 'toPoi' && e.encrypted === true,
      before,
    );
    expect(request.kind === 'message' && summariseMessage(request).serviceId).toBe('W2');
    expect(request).toMatchObject({ observer: 'poi', wire: 'terminal-api' });

    // The passphrase went in with the request and comes back nowhere.
    const everything = JSON.stringify([
      log.all(),
      await value(core, 'simulator:state'),
      await value(core, 'session:snapshot'),
      (await value(core, 'trace:save')).text,
    ]);
    expect(everything).not.toContain(KEY.passphrase);
  });

  it('requires encryption when asked: a clear request gets Failure/MessageFormat and a security row', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const before = log.mark();
    await value(core, 'simulator:configure', {
      role: 'terminal',
      port: 0,
      httpsPort: 0,
      terminalApi: { key: KEY, requireEncryption: true },
      settings: SETTINGS,
    });
    const run = await lastRun(log, before);
    expect(run.terminalApi).toMatchObject({ requireEncryption: true });
    const url = run.addresses?.find((a) => a.wire === 'terminal-api')?.url ?? '';
    const clear = await post(url, run.terminalApi?.caFile ?? '', JSON.stringify(req.login('R1')));
    expect(JSON.parse(clear.text)).toMatchObject({
      SaleToPOIResponse: {
        LoginResponse: { Response: { Result: 'Failure', ErrorCondition: 'MessageFormat' } },
      },
    });
    await log.nextTrace((e) => e.kind === 'security' && e.reason === 'clear-text-refused', before);
  });

  it('names the HTTPS port when it cannot listen', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const busy = createSimulator({ clock: new RealClock(), settings: SETTINGS });
    simulators.push(busy);
    const taken = await busy.listen({ httpsPort: 0, dataDir: join(dataDir, 'busy') });
    const port = Number(new URL(taken.httpsUrl ?? '').port);
    const result = await call(core, 'simulator:configure', {
      role: 'terminal',
      port: 0,
      httpsPort: port,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'unavailable',
        message: expect.stringContaining(`HTTPS port ${String(port)}`),
      },
    });
  });
});

describe('client role towards a Terminal API peer', () => {
  async function peer(): Promise<{ url: string; caFile: string }> {
    const simulator = createSimulator({
      clock: new RealClock(),
      profile: 'adyen',
      settings: SETTINGS,
      terminalApi: { key: KEY, requireEncryption: true },
    });
    simulators.push(simulator);
    const listening = await simulator.listen({ httpsPort: 0, dataDir: join(dataDir, 'peer') });
    return { url: listening.httpsUrl ?? '', caFile: listening.caFile ?? '' };
  }

  it('connects with the CA file and the key; pays encrypted; the passphrase is never echoed', async () => {
    const { url, caFile } = await peer();
    const { core, log } = startCore();
    await log.sessionState('ready');
    const before = log.mark();

    const session = await value(core, 'session:connect', {
      peer: 'external',
      url,
      terminalApi: { caFile, key: KEY },
    });
    expect(session.peer).toEqual({ kind: 'external', url });
    const run = await lastRun(log, before);
    expect(run.terminalApi).toEqual({ keyIdentifier: 'windowKey', keyVersion: 4, caFile });
    await log.sessionState('ready', before);

    const paid = await value(core, 'requests:pay', { amount: '12.50', currency: 'EUR' });
    expect(paid).toMatchObject({ kind: 'approved' });
    const response = await log.nextTrace(
      (e) =>
        e.kind === 'message' &&
        e.direction === 'toPos' &&
        e.json !== undefined &&
        summariseMessage(e).category === 'Payment',
      before,
    );
    expect(response).toMatchObject({ observer: 'pos', wire: 'terminal-api', encrypted: true });

    const everything = JSON.stringify([
      log.all(),
      await value(core, 'session:snapshot'),
      await value(core, 'simulator:state'),
      (await value(core, 'trace:save')).text,
    ]);
    expect(everything).not.toContain(KEY.passphrase);
  });

  it('another key on the same peer is a new connection (a new run); a wrong key is a security row', async () => {
    const { url, caFile } = await peer();
    const { core, log } = startCore();
    await log.sessionState('ready');
    await value(core, 'session:connect', {
      peer: 'external',
      url,
      terminalApi: { caFile, key: KEY },
    });
    const first = (await value(core, 'trace:status')).runId;
    const before = log.mark();

    await value(core, 'session:connect', {
      peer: 'external',
      url,
      terminalApi: { caFile, key: { ...KEY, keyVersion: 5 } },
    });
    expect((await value(core, 'trace:status')).runId).not.toBe(first);
    // The terminal refuses the key version; the POS side names the answer it could not use.
    await log.nextTrace(
      (e) => e.kind === 'security' && e.observer === 'pos' && e.category === 'Login',
      before,
    );
  });

  it('without the CA file the certificate is refused, and the session says so', async () => {
    const { url } = await peer();
    const { core, log } = startCore();
    await log.sessionState('ready');
    const before = log.mark();
    await value(core, 'session:connect', { peer: 'external', url, terminalApi: { key: KEY } });
    const event = await log.next(
      (e) => e.type === 'session' && e.session.reason.includes('TLS certificate was refused'),
      before,
    );
    expect(event.type === 'session' && event.session.state).not.toBe('ready');
  });

  it('refuses Terminal API settings for an endpoint on another wire', async () => {
    const { core } = startCore();
    const result = await call(core, 'session:connect', {
      peer: 'external',
      url: 'ws://127.0.0.1:1/nexo',
      terminalApi: { insecure: true },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', message: expect.stringContaining('Terminal API endpoint') },
    });
  });
});
