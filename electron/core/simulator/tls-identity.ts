import { X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { err, ok, type Result } from '@shared/result';

/**
 * The simulator's TLS identity on the Terminal API wire (README "Terminal API wire"): a local
 * CA and a server certificate for 127.0.0.1 and localhost whose subject CN follows the
 * terminals' pattern, `<Model>-<Serial>.test.terminal.adyen.com`, so a POS that checks the CN
 * the way Adyen's libraries do accepts it once given the CA file. The certificates are built
 * and signed by node-forge (no hand-written ASN.1, no global polyfills); the RSA keys come from
 * Node's own crypto. Kept in the data folder and reused.
 */

/** The CN pattern Adyen's libraries check (their `checkServerIdentity`). */
export const TERMINAL_CN =
  /^(([a-zA-Z0-9]+-[a-zA-Z0-9]+)|legacy-terminal-certificate)\.(live|test)\.terminal\.adyen\.com$/;

/** The POIID named in the certificate when the simulator's own POIID does not fit the pattern. */
export const DEFAULT_TERMINAL_POIID = 'A2ASIM-000000001';

/** Ten years: the CA outlives any test run. */
const CA_DAYS = 3650;
/** Two years: a fresh server certificate is cheap. */
const SERVER_DAYS = 730;
/** A certificate closer than this to its end is made anew. */
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a TLS server needs, and the CA file a POS needs to trust it. */
export interface TlsIdentity {
  /** PEM of the CA certificate: give it to the POS (Adyen's `certificatePath`, our `--ca`). */
  readonly caFile: string;
  readonly caPem: string;
  /** The server certificate followed by the CA, as a terminal presents its chain. */
  readonly certChainPem: string;
  readonly keyPem: string;
  /** e.g. `V400m-324688179.test.terminal.adyen.com`. */
  readonly commonName: string;
}

/** The certificate CN for a POIID: the POIID itself when it is `Model-Serial`. */
export function terminalCommonName(poiId: string): string {
  const name = /^[A-Za-z0-9]+-[A-Za-z0-9]+$/.test(poiId) ? poiId : DEFAULT_TERMINAL_POIID;
  return `${name}.test.terminal.adyen.com`;
}

const FILES = {
  caCert: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
} as const;

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes a private key readable by its owner only, whatever the umask. */
async function writeSecret(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}

interface KeyPair {
  readonly keyPem: string;
  readonly publicKey: forge.pki.PublicKey;
  readonly privateKey: forge.pki.rsa.PrivateKey;
}

function newKeyPair(): KeyPair {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return keyPairOf(privateKey);
}

function keyPairOf(keyPem: string): KeyPair {
  const privateKey = forge.pki.privateKeyFromPem(keyPem);
  return {
    keyPem,
    privateKey,
    publicKey: forge.pki.setRsaPublicKey(privateKey.n, privateKey.e),
  };
}

function newCertificate(publicKey: forge.pki.PublicKey, now: Date, days: number) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial, as RFC 5280 asks.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  cert.validity.notAfter = new Date(now.getTime() + days * DAY_MS);
  return cert;
}

interface Authority {
  readonly cert: forge.pki.Certificate;
  readonly keys: KeyPair;
  readonly pem: string;
}

async function createAuthority(dir: string, now: Date): Promise<Authority> {
  const keys = newKeyPair();
  const cert = newCertificate(keys.publicKey, now, CA_DAYS);
  const name = [
    { name: 'commonName', value: 'App2App Harness local terminal CA' },
    { name: 'organizationName', value: 'App2App Harness' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  await writeSecret(join(dir, FILES.caKey), keys.keyPem);
  await writeFile(join(dir, FILES.caCert), pem);
  return { cert, keys, pem };
}

async function loadAuthority(dir: string, now: Date): Promise<Authority | undefined> {
  const pem = await readText(join(dir, FILES.caCert));
  const keyPem = await readText(join(dir, FILES.caKey));
  if (pem === undefined || keyPem === undefined) return undefined;
  try {
    const cert = forge.pki.certificateFromPem(pem);
    if (cert.validity.notAfter.getTime() - now.getTime() < RENEW_BEFORE_MS) return undefined;
    return { cert, keys: keyPairOf(keyPem), pem };
  } catch {
    return undefined;
  }
}

async function createServer(
  dir: string,
  authority: Authority,
  commonName: string,
  now: Date,
): Promise<{ certPem: string; keyPem: string }> {
  const keys = newKeyPair();
  const cert = newCertificate(keys.publicKey, now, SERVER_DAYS);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  cert.setIssuer(authority.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
        { type: 2, value: 'localhost' },
        { type: 2, value: commonName },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: authority.cert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  cert.sign(authority.keys.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  await writeSecret(join(dir, FILES.serverKey), keys.keyPem);
  await writeFile(join(dir, FILES.serverCert), certPem);
  return { certPem, keyPem: keys.keyPem };
}

/** The stored server certificate, when it is still good for this CA, this CN and some time. */
async function loadServer(
  dir: string,
  authority: Authority,
  commonName: string,
  now: Date,
): Promise<{ certPem: string; keyPem: string } | undefined> {
  const certPem = await readText(join(dir, FILES.serverCert));
  const keyPem = await readText(join(dir, FILES.serverKey));
  if (certPem === undefined || keyPem === undefined) return undefined;
  try {
    const cert = new X509Certificate(certPem);
    const caCert = new X509Certificate(authority.pem);
    const fresh = new Date(cert.validTo).getTime() - now.getTime() >= RENEW_BEFORE_MS;
    const named = cert.subject === `CN=${commonName}`;
    return fresh && named && cert.verify(caCert.publicKey) ? { certPem, keyPem } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The TLS identity kept in `<dataDir>/tls`: reused when present and valid, made (CA, then server
 * certificate) when missing, expiring, or named for another POIID. Private keys are mode 0600.
 */
export async function loadTlsIdentity(
  dataDir: string,
  poiId: string,
  now: Date = new Date(),
): Promise<Result<TlsIdentity, string>> {
  const dir = join(dataDir, 'tls');
  const commonName = terminalCommonName(poiId);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    let authority = await loadAuthority(dir, now);
    let server = authority && (await loadServer(dir, authority, commonName, now));
    if (authority === undefined) authority = await createAuthority(dir, now);
    server ??= await createServer(dir, authority, commonName, now);
    return ok({
      caFile: join(dir, FILES.caCert),
      caPem: authority.pem,
      certChainPem: `${server.certPem.trimEnd()}\n${authority.pem.trimEnd()}\n`,
      keyPem: server.keyPem,
      commonName,
    });
  } catch (error) {
    return err(`cannot prepare the TLS identity in ${dir}: ${(error as Error).message}`);
  }
}
