import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TERMINAL_CN, loadTlsIdentity, terminalCommonName, type TlsIdentity } from './tls-identity';

let dataDir: string;
const servers: Server[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-tls-'));
});

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
  await rm(dataDir, { recursive: true, force: true });
});

async function identity(poiId = 'V400m-324688179', dir = dataDir): Promise<TlsIdentity> {
  const result = await loadTlsIdentity(dir, poiId);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function serve(id: TlsIdentity): Promise<number> {
  const server = createServer({ cert: id.certChainPem, key: id.keyPem }, (_req, res) => {
    res.end('ok');
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** Opens TLS to 127.0.0.1 trusting `ca`, with Node's normal host-name check; the peer's CN. */
function handshake(port: number, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca }, () => {
      const cn = socket.getPeerCertificate().subject.CN;
      socket.end();
      resolve(typeof cn === 'string' ? cn : String(cn));
    });
    socket.once('error', reject);
  });
}

describe('the simulator’s TLS identity', () => {
  it('names the server like a terminal, passes the SDK’s CN check and covers 127.0.0.1', async () => {
    const id = await identity();
    expect(id.commonName).toBe('V400m-324688179.test.terminal.adyen.com');
    expect(TERMINAL_CN.test(id.commonName)).toBe(true);
    const port = await serve(id);
    expect(await handshake(port, id.caPem)).toBe(id.commonName);
  });

  it('is refused by a client that trusts another CA, so the handshake test can fail', async () => {
    const id = await identity();
    const other = await identity('V400m-324688179', join(dataDir, 'elsewhere'));
    const port = await serve(id);
    await expect(handshake(port, other.caPem)).rejects.toThrow(
      /self-signed|unable to verify|certificate/i,
    );
  });

  it('keeps private keys readable by the owner only', async () => {
    await identity();
    for (const file of ['ca-key.pem', 'server-key.pem']) {
      const mode = (await stat(join(dataDir, 'tls', file))).mode & 0o777;
      expect(mode.toString(8)).toBe('600');
    }
  });

  it('is reused on the next start', async () => {
    const first = await identity();
    const second = await identity();
    expect(second).toEqual(first);
  });

  it('makes a new server certificate under the same CA when the POIID changes', async () => {
    const first = await identity();
    const second = await identity('P400Plus-123456789');
    expect(second.caPem).toBe(first.caPem);
    expect(second.commonName).toBe('P400Plus-123456789.test.terminal.adyen.com');
    expect(second.keyPem).not.toBe(first.keyPem);
    const leaf = new X509Certificate(second.certChainPem);
    expect(leaf.verify(new X509Certificate(second.caPem).publicKey)).toBe(true);
  });

  it('renews a server certificate close to its end', async () => {
    const first = await identity();
    const later = await loadTlsIdentity(
      dataDir,
      'V400m-324688179',
      new Date(Date.now() + 729 * 86_400_000),
    );
    expect(later.ok && later.value.keyPem).not.toBe(first.keyPem);
  });

  it('falls back to a Model-Serial name when the POIID does not fit the pattern', () => {
    expect(TERMINAL_CN.test(terminalCommonName('A2A-SIM-001'))).toBe(true);
    expect(terminalCommonName('e285p-987654321')).toBe('e285p-987654321.test.terminal.adyen.com');
  });
});
