import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  pbkdf2Sync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { err, ok, type Result } from '@shared/result';

/**
 * NexoCrypto, the payload protection of the Terminal API over a local network (README "Terminal
 * API wire"): the whole nexo envelope is encrypted with AES-256-CBC and signed with HMAC-SHA256,
 * both keyed from a shared passphrase. Byte for byte what Adyen's libraries do (their
 * `NexoDerivedKeyGenerator` and `NexoCrypto`), so a POS built on them talks to the simulator
 * and the reference client talks to a real terminal.
 */

/** The `AdyenCryptoVersion` the libraries send. */
export const ADYEN_CRYPTO_VERSION = 1;

const SALT = Buffer.from('AdyenNexoV1Salt', 'latin1');
const ITERATIONS = 4000;
const HMAC_KEY_BYTES = 32;
const CIPHER_KEY_BYTES = 32;
const IV_BYTES = 16;

/** A shared key as a terminal's configuration names it. */
export interface NexoKeySettings {
  readonly keyIdentifier: string;
  readonly keyVersion: number;
  readonly passphrase: string;
}

/** The key material derived from a passphrase. */
export interface DerivedKey {
  readonly hmacKey: Buffer;
  readonly cipherKey: Buffer;
  readonly iv: Buffer;
}

/**
 * PBKDF2-HMAC-SHA1 over the passphrase read as Latin-1, 4000 rounds, a fixed salt; the first 32
 * bytes are the HMAC key, the next 32 the AES key, the next 16 the IV base. The libraries ask
 * for 640 bytes and use the first 80: PBKDF2 computes its output block by block, so the first
 * 80 bytes are the same whatever the length asked for.
 */
export function deriveNexoKey(passphrase: string): DerivedKey {
  const bytes = pbkdf2Sync(
    Buffer.from(passphrase, 'latin1'),
    SALT,
    ITERATIONS,
    HMAC_KEY_BYTES + CIPHER_KEY_BYTES + IV_BYTES,
    'sha1',
  );
  return {
    hmacKey: bytes.subarray(0, HMAC_KEY_BYTES),
    cipherKey: bytes.subarray(HMAC_KEY_BYTES, HMAC_KEY_BYTES + CIPHER_KEY_BYTES),
    iv: bytes.subarray(HMAC_KEY_BYTES + CIPHER_KEY_BYTES),
  };
}

/** The clear part of an encrypted message that names the key and carries nonce and MAC. */
export interface SecurityTrailer {
  readonly AdyenCryptoVersion: number;
  readonly KeyIdentifier: string;
  readonly KeyVersion: number;
  /** Base64 of the 16 random bytes XORed into the IV. */
  readonly Nonce: string;
  /** Base64 of HMAC-SHA256 over the clear envelope. */
  readonly Hmac: string;
}

/** The body of `SaleToPOIRequest`/`SaleToPOIResponse` when the message travels encrypted. */
export interface SecuredMessage {
  readonly MessageHeader: unknown;
  readonly NexoBlob: string;
  readonly SecurityTrailer: SecurityTrailer;
}

/** Why an encrypted message was refused; the names are what the timeline and README show. */
export type CryptoFailure =
  | 'malformed-trailer'
  | 'unsupported-crypto-version'
  | 'unknown-key-identifier'
  | 'unknown-key-version'
  | 'bad-nonce'
  | 'undecryptable-blob'
  | 'bad-hmac';

/** One sentence per failure, for the timeline's "security" row and the CLI. */
export const CRYPTO_FAILURE_TEXT: Readonly<Record<CryptoFailure, string>> = {
  'malformed-trailer': 'the SecurityTrailer is missing a field or has one of the wrong type',
  'unsupported-crypto-version': 'the AdyenCryptoVersion is not one this side speaks',
  'unknown-key-identifier': 'the KeyIdentifier names no key this side knows',
  'unknown-key-version': 'the KeyVersion is not the version of the key this side knows',
  'bad-nonce': 'the Nonce is not 16 bytes of base64',
  'undecryptable-blob': 'the NexoBlob does not decrypt with the key',
  'bad-hmac': 'the Hmac does not match the decrypted message',
};

function xorIv(base: Buffer, nonce: Buffer): Buffer {
  const iv = Buffer.alloc(IV_BYTES);
  for (let i = 0; i < IV_BYTES; i += 1) iv[i] = (base[i] ?? 0) ^ (nonce[i] ?? 0);
  return iv;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function strictBase64(text: string): Buffer | undefined {
  return text.length % 4 === 0 && BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

function trailerOf(value: unknown): SecurityTrailer | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const t = value as Record<string, unknown>;
  // Versions arrive as numbers from the libraries; some POS code sends them as strings.
  const num = (v: unknown): number | undefined =>
    typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
  const cryptoVersion = num(t.AdyenCryptoVersion);
  const keyVersion = num(t.KeyVersion);
  if (
    cryptoVersion === undefined ||
    keyVersion === undefined ||
    typeof t.KeyIdentifier !== 'string' ||
    typeof t.Nonce !== 'string' ||
    typeof t.Hmac !== 'string'
  ) {
    return undefined;
  }
  return {
    AdyenCryptoVersion: cryptoVersion,
    KeyIdentifier: t.KeyIdentifier,
    KeyVersion: keyVersion,
    Nonce: t.Nonce,
    Hmac: t.Hmac,
  };
}

/** True when a `SaleToPOIRequest`/`SaleToPOIResponse` body is the encrypted form. */
export function isSecured(body: unknown): boolean {
  return (
    typeof body === 'object' && body !== null && 'NexoBlob' in body && 'SecurityTrailer' in body
  );
}

/**
 * One shared key, its material derived once. The passphrase stays inside: nothing this object
 * exposes (and nothing JSON.stringify finds on it) reveals it, so it cannot leak into a trace.
 */
export class NexoKey {
  readonly keyIdentifier: string;
  readonly keyVersion: number;
  readonly #derived: DerivedKey;

  constructor(settings: NexoKeySettings) {
    this.keyIdentifier = settings.keyIdentifier;
    this.keyVersion = settings.keyVersion;
    this.#derived = deriveNexoKey(settings.passphrase);
  }

  /**
   * Encrypts a whole envelope (`{"SaleToPOIRequest": {...}}` as JSON text) into its secured body;
   * the clear `MessageHeader` travels beside the blob, as the libraries send it.
   */
  encrypt(envelopeJson: string, messageHeader: unknown, nonce: Buffer = randomBytes(IV_BYTES)) {
    const clear = Buffer.from(envelopeJson, 'utf8');
    const cipher = createCipheriv(
      'aes-256-cbc',
      this.#derived.cipherKey,
      xorIv(this.#derived.iv, nonce),
    );
    const blob = Buffer.concat([cipher.update(clear), cipher.final()]);
    const secured: SecuredMessage = {
      MessageHeader: messageHeader,
      NexoBlob: blob.toString('base64'),
      SecurityTrailer: {
        AdyenCryptoVersion: ADYEN_CRYPTO_VERSION,
        KeyIdentifier: this.keyIdentifier,
        KeyVersion: this.keyVersion,
        Nonce: nonce.toString('base64'),
        Hmac: this.mac(clear).toString('base64'),
      },
    };
    return secured;
  }

  /**
   * Checks the trailer names this key, decrypts the blob and verifies its HMAC (in constant
   * time); returns the clear envelope's JSON text or why it was refused.
   */
  decrypt(secured: unknown): Result<string, CryptoFailure> {
    const body = secured as Partial<Record<string, unknown>> | null;
    const trailer = trailerOf(body?.SecurityTrailer);
    if (trailer === undefined || typeof body?.NexoBlob !== 'string') {
      return err('malformed-trailer');
    }
    if (trailer.AdyenCryptoVersion !== ADYEN_CRYPTO_VERSION) {
      return err('unsupported-crypto-version');
    }
    if (trailer.KeyIdentifier !== this.keyIdentifier) return err('unknown-key-identifier');
    if (trailer.KeyVersion !== this.keyVersion) return err('unknown-key-version');
    const nonce = strictBase64(trailer.Nonce);
    if (nonce?.length !== IV_BYTES) return err('bad-nonce');
    const blob = strictBase64(body.NexoBlob);
    if (blob === undefined || blob.length === 0 || blob.length % IV_BYTES !== 0) {
      return err('undecryptable-blob');
    }
    let clear: Buffer;
    try {
      const decipher = createDecipheriv(
        'aes-256-cbc',
        this.#derived.cipherKey,
        xorIv(this.#derived.iv, nonce),
      );
      clear = Buffer.concat([decipher.update(blob), decipher.final()]);
    } catch {
      // Node reports bad PKCS#7 padding by throwing: the blob was not made with this key.
      return err('undecryptable-blob');
    }
    const expected = this.mac(clear);
    const received = strictBase64(trailer.Hmac);
    if (received?.length !== expected.length || !timingSafeEqual(expected, received)) {
      return err('bad-hmac');
    }
    return ok(clear.toString('utf8'));
  }

  /** What a trace or a log may say about this key. */
  toJSON(): { keyIdentifier: string; keyVersion: number } {
    return { keyIdentifier: this.keyIdentifier, keyVersion: this.keyVersion };
  }

  private mac(clear: Buffer): Buffer {
    return createHmac('sha256', this.#derived.hmacKey).update(clear).digest();
  }
}
