import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseEndpoint, type Endpoint } from '@shared/link/endpoint';
import { createSimulator, type Simulator } from '../simulator';
import { RealClock } from '../time/real-clock';
import { dialerFor } from './dial';
import type { Link, LinkClosed } from './link';
import { NexoKey } from './nexo-crypto';

const KEY = { keyIdentifier: 'linkKey', keyVersion: 2, passphrase: 'link passphrase' };

let dataDir: string;
let otherDir: string;
let simulator: Simulator | undefined;
const servers: Server[] = [];
const links: Link[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-tapi-link-'));
  otherDir = await mkdtemp(join(tmpdir(), 'a2a-tapi-other-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(otherDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const link of links.splice(0)) link.close();
  await simulator?.close();
  simulator = undefined;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

function endpoint(url: string): Endpoint {
  const parsed = parseEndpoint(url);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

async function startSimulator() {
  simulator = createSimulator({
    clock: new RealClock(),
    profile: 'adyen',
    settings: { initMs: 0 },
    terminalApi: { key: KEY },
  });
  return simulator.listen({ httpsPort: 0, dataDir });
}

async function dial(url: string, options: Parameters<typeof dialerFor>[1] = {}): Promise<Link> {
  const dialed = await dialerFor(endpoint(url), options)();
  if (!dialed.ok) throw new Error(dialed.error);
  links.push(dialed.value);
  return dialed.value;
}

function nextFrame(link: Link): Promise<string> {
  return new Promise((resolve) => {
    const off = link.onMessage((text) => {
      off();
      resolve(text);
    });
  });
}

function closed(link: Link): Promise<LinkClosed> {
  return new Promise((resolve) => link.onClose(resolve));
}

const LOGIN = JSON.stringify({
  SaleToPOIRequest: {
    MessageHeader: {
      ProtocolVersion: '3.0',
      MessageClass: 'Service',
      MessageCategory: 'Login',
      MessageType: 'Request',
      ServiceID: '1',
      SaleID: 'LINK-POS',
      POIID: 'A2A-SIM-001',
    },
    LoginRequest: {
      DateTime: '2026-01-01T00:00:00Z',
      SaleSoftware: {
        ProviderIdentification: 'T',
        ApplicationName: 'T',
        SoftwareVersion: '1',
        CertificationCode: 'x',
      },
    },
  },
});

describe('the Terminal API link of the reference client', () => {
  it('posts an encrypted envelope, trusting the CA file, and hands the clear answer on', async () => {
    const listening = await startSimulator();
    const events: unknown[] = [];
    simulator?.onEvent((e) => events.push(e));
    const link = await dial(listening.httpsUrl ?? '', {
      terminalApi: { caFile: listening.caFile ?? '', key: KEY },
    });
    expect(link.wire).toBe('terminal-api');
    expect(link.encrypted).toBe(true);
    const answer = nextFrame(link);
    link.send(LOGIN);
    expect(JSON.parse(await answer)).toMatchObject({
      SaleToPOIResponse: { LoginResponse: { Response: { Result: 'Success' } } },
    });
    // It did travel encrypted: the simulator marks what it decrypted.
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'message', direction: 'toPoi', encrypted: true }),
    );
  });

  it('refuses to dial a terminal whose certificate another CA signed', async () => {
    const listening = await startSimulator();
    const stranger = createSimulator({ clock: new RealClock() });
    const strangerListening = await stranger.listen({ httpsPort: 0, dataDir: otherDir });
    await stranger.close();
    const dialed = await dialerFor(endpoint(listening.httpsUrl ?? ''), {
      terminalApi: { caFile: strangerListening.caFile ?? '' },
    })();
    expect(dialed.ok).toBe(false);
    expect(!dialed.ok && dialed.error).toMatch(/certificate|self-signed|verify/i);
    // --insecure skips the check, as the SDK's unencrypted mode does.
    const insecure = await dial(listening.httpsUrl ?? '', { terminalApi: { insecure: true } });
    const answer = nextFrame(insecure);
    insecure.send(LOGIN);
    expect(JSON.parse(await answer)).toHaveProperty('SaleToPOIResponse');
  });

  it('reports a refused connection as a dial error', async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    const dialed = await dialerFor(endpoint(`http://127.0.0.1:${String(port)}/nexo`))();
    expect(dialed).toEqual({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('speaks the same wire over plain HTTP, and a reset exchange ends the link abruptly', async () => {
    const key = new NexoKey(KEY);
    let reset = false;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST') return res.end();
        if (reset) return req.socket.destroy();
        // A terminal's answer: the request's own envelope, sealed with the shared key.
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          SaleToPOIRequest: unknown;
        };
        const clear = key.decrypt(body.SaleToPOIRequest);
        res.end(
          JSON.stringify({
            SaleToPOIResponse: key.encrypt(clear.ok ? clear.value : 'x', { echo: true }),
          }),
        );
      });
    });
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const link = await dial(`http://127.0.0.1:${String(port)}/nexo`, { terminalApi: { key: KEY } });
    const echoed = nextFrame(link);
    link.send(LOGIN);
    expect(await echoed).toBe(LOGIN);
    reset = true;
    const ended = closed(link);
    link.send(LOGIN);
    expect(await ended).toMatchObject({ abrupt: true, code: 1006 });
    expect(link.isOpen).toBe(false);
  });
});
