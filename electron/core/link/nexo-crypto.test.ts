import { NexoCrypto } from '@adyen/api-library';
import { describe, expect, it } from 'vitest';
import {
  ADYEN_CRYPTO_VERSION,
  NexoKey,
  deriveNexoKey,
  type CryptoFailure,
  type SecuredMessage,
} from './nexo-crypto';

const SETTINGS = { keyIdentifier: 'harnessKey', keyVersion: 1, passphrase: 'correct horse' };
/** The key as Adyen's library takes it. */
const SDK_KEY = {
  KeyIdentifier: SETTINGS.keyIdentifier,
  KeyVersion: SETTINGS.keyVersion,
  Passphrase: SETTINGS.passphrase,
  AdyenCryptoVersion: ADYEN_CRYPTO_VERSION,
};

const HEADER = {
  ProtocolVersion: '3.0',
  MessageClass: 'Service',
  MessageCategory: 'Payment',
  MessageType: 'Request',
  ServiceID: '4711',
  SaleID: 'POS-1',
  POIID: 'V400m-324688179',
};
const ENVELOPE = JSON.stringify({
  SaleToPOIRequest: {
    MessageHeader: HEADER,
    PaymentRequest: {
      SaleData: { SaleTransactionID: { TransactionID: 'T1', TimeStamp: '2026-12-06T07:00:00Z' } },
      PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: 12.5 } },
    },
  },
});

/** The SDK's own encryption of the envelope, as `TerminalLocalAPI` sends it. */
function sdkEncrypt(envelope = ENVELOPE, key = SDK_KEY): SecuredMessage {
  // The SDK's typings want its generated model classes; the plain header is what it sends.
  return NexoCrypto.encrypt(HEADER as never, envelope, key) as unknown as SecuredMessage;
}

function sdkDecrypt(secured: SecuredMessage, key = SDK_KEY): string {
  return new NexoCrypto().decrypt(secured as never, key);
}

function refusal(secured: unknown, key = new NexoKey(SETTINGS)): CryptoFailure | 'accepted' {
  const result = key.decrypt(secured);
  return result.ok ? 'accepted' : result.error;
}

/** Flips one bit in the middle of a base64 field. */
function flipBase64(text: string): string {
  const bytes = Buffer.from(text, 'base64');
  const at = Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe('NexoCrypto interop with Adyen’s own library', () => {
  it('decrypts what the SDK encrypts and verifies its HMAC', () => {
    const decrypted = new NexoKey(SETTINGS).decrypt(sdkEncrypt());
    expect(decrypted).toEqual({ ok: true, value: ENVELOPE });
  });

  it('encrypts what the SDK decrypts', () => {
    const secured = new NexoKey(SETTINGS).encrypt(ENVELOPE, HEADER);
    expect(sdkDecrypt(secured)).toBe(ENVELOPE);
    expect(secured.SecurityTrailer).toMatchObject({
      AdyenCryptoVersion: 1,
      KeyIdentifier: 'harnessKey',
      KeyVersion: 1,
    });
    expect(secured.MessageHeader).toEqual(HEADER);
  });

  it('derives the same material for passphrases outside ASCII, read as Latin-1 like the SDK', () => {
    const settings = { ...SETTINGS, passphrase: 'pässwörd-€' };
    const secured = new NexoKey(settings).encrypt(ENVELOPE, HEADER);
    expect(sdkDecrypt(secured, { ...SDK_KEY, Passphrase: settings.passphrase })).toBe(ENVELOPE);
  });

  it('uses a fresh nonce per message, so equal envelopes give different blobs', () => {
    const key = new NexoKey(SETTINGS);
    const a = key.encrypt(ENVELOPE, HEADER);
    const b = key.encrypt(ENVELOPE, HEADER);
    expect(a.SecurityTrailer.Nonce).not.toBe(b.SecurityTrailer.Nonce);
    expect(a.NexoBlob).not.toBe(b.NexoBlob);
  });

  it('splits the PBKDF2 output into HMAC key, AES key and IV base', () => {
    const derived = deriveNexoKey('correct horse');
    expect([derived.hmacKey.length, derived.cipherKey.length, derived.iv.length]).toEqual([
      32, 32, 16,
    ]);
  });
});

describe('NexoCrypto refusals', () => {
  it('refuses a tampered blob', () => {
    const secured = sdkEncrypt();
    // A flipped bit in CBC either breaks the padding or garbles a block: both are refused.
    expect(refusal({ ...secured, NexoBlob: flipBase64(secured.NexoBlob) })).toMatch(
      /^(undecryptable-blob|bad-hmac)$/,
    );
  });

  it('refuses a blob that is not whole AES blocks', () => {
    const secured = sdkEncrypt();
    const cut = Buffer.from(secured.NexoBlob, 'base64').subarray(1).toString('base64');
    expect(refusal({ ...secured, NexoBlob: cut })).toBe('undecryptable-blob');
  });

  it('refuses a tampered HMAC', () => {
    const secured = sdkEncrypt();
    const trailer = { ...secured.SecurityTrailer, Hmac: flipBase64(secured.SecurityTrailer.Hmac) };
    expect(refusal({ ...secured, SecurityTrailer: trailer })).toBe('bad-hmac');
  });

  it('refuses a wrong key identifier before trying to decrypt', () => {
    const secured = sdkEncrypt(ENVELOPE, { ...SDK_KEY, KeyIdentifier: 'otherKey' });
    expect(refusal(secured)).toBe('unknown-key-identifier');
  });

  it('refuses a wrong key version', () => {
    const secured = sdkEncrypt(ENVELOPE, { ...SDK_KEY, KeyVersion: 2 });
    expect(refusal(secured)).toBe('unknown-key-version');
  });

  it('refuses the right names with the wrong passphrase', () => {
    const secured = sdkEncrypt(ENVELOPE, { ...SDK_KEY, Passphrase: 'wrong horse' });
    expect(refusal(secured)).toMatch(/^(undecryptable-blob|bad-hmac)$/);
  });

  it('refuses a nonce that is not 16 bytes', () => {
    const secured = sdkEncrypt();
    const trailer = { ...secured.SecurityTrailer, Nonce: Buffer.alloc(8).toString('base64') };
    expect(refusal({ ...secured, SecurityTrailer: trailer })).toBe('bad-nonce');
  });

  it('refuses a trailer with a field missing and an unknown crypto version', () => {
    const secured = sdkEncrypt();
    const { Hmac: _dropped, ...noHmac } = secured.SecurityTrailer;
    expect(refusal({ ...secured, SecurityTrailer: noHmac })).toBe('malformed-trailer');
    expect(refusal({ MessageHeader: HEADER })).toBe('malformed-trailer');
    const v2 = { ...secured.SecurityTrailer, AdyenCryptoVersion: 2 };
    expect(refusal({ ...secured, SecurityTrailer: v2 })).toBe('unsupported-crypto-version');
  });

  it('the SDK refuses what a different key encrypted, so the interop tests above can fail', () => {
    const secured = new NexoKey({ ...SETTINGS, passphrase: 'wrong horse' }).encrypt(
      ENVELOPE,
      HEADER,
    );
    expect(() => sdkDecrypt(secured)).toThrow();
  });

  it('never shows its passphrase when serialised', () => {
    const key = new NexoKey(SETTINGS);
    expect(JSON.stringify({ key })).not.toContain('horse');
    expect(JSON.stringify({ key })).toContain('harnessKey');
  });
});
