import { describe, expect, it } from 'vitest';
import { configureRequestSchema, connectRequestSchema, runInfoSchema } from './schemas';
import { nexoKeyRequestSchema, terminalApiInfoSchema } from './terminal-api-schemas';

const KEY = { keyIdentifier: 'K1', keyVersion: 1, passphrase: 'p4ss phrase' };
const TAPI = 'https://127.0.0.1:8443/nexo';

describe('Terminal API settings at the IPC edge', () => {
  it('accepts a Terminal API peer with a CA file and a key, or skipping the check', () => {
    for (const terminalApi of [
      { caFile: '/tmp/ca.pem', key: KEY },
      { insecure: true },
      { key: KEY },
      {},
    ]) {
      expect(
        connectRequestSchema.safeParse({ peer: 'external', url: TAPI, terminalApi }).success,
      ).toBe(true);
      expect(
        configureRequestSchema.safeParse({ role: 'client', peer: { url: TAPI, terminalApi } })
          .success,
      ).toBe(true);
    }
    // http://…/nexo is the same wire without TLS.
    expect(
      connectRequestSchema.safeParse({
        peer: 'external',
        url: 'http://127.0.0.1:8080/nexo',
        terminalApi: { key: KEY },
      }).success,
    ).toBe(true);
  });

  it.each([
    ['another wire', { peer: 'external', url: 'ws://127.0.0.1:1/nexo', terminalApi: {} }],
    ['the Local API', { peer: 'external', url: 'http://127.0.0.1:8080', terminalApi: {} }],
    [
      'a CA file and insecure at once',
      { peer: 'external', url: TAPI, terminalApi: { caFile: '/ca.pem', insecure: true } },
    ],
    ['an unknown field', { peer: 'external', url: TAPI, terminalApi: { ca: '/ca.pem' } }],
  ])('refuses %s', (_name, request) => {
    expect(connectRequestSchema.safeParse(request).success).toBe(false);
  });

  it.each([
    ['an empty key id', { ...KEY, keyIdentifier: '' }],
    ['a key id with a space', { ...KEY, keyIdentifier: 'my key' }],
    ['a negative version', { ...KEY, keyVersion: -1 }],
    ['a fractional version', { ...KEY, keyVersion: 1.5 }],
    ['an empty passphrase', { ...KEY, passphrase: '' }],
    ['a passphrase beyond Latin-1', { ...KEY, passphrase: 'clé €' }],
    ['a missing passphrase', { keyIdentifier: 'K1', keyVersion: 1 }],
  ])('refuses a key with %s', (_name, key) => {
    expect(nexoKeyRequestSchema.safeParse(key).success).toBe(false);
  });

  it('takes a Latin-1 passphrase, the bytes the key is derived from', () => {
    expect(nexoKeyRequestSchema.safeParse({ ...KEY, passphrase: 'clé süß' }).success).toBe(true);
  });

  it('terminal role: an HTTPS port and a key with the encryption requirement', () => {
    expect(
      configureRequestSchema.safeParse({
        role: 'terminal',
        port: 0,
        httpsPort: 8443,
        terminalApi: { key: KEY, requireEncryption: true },
      }).success,
    ).toBe(true);
    expect(
      configureRequestSchema.safeParse({ role: 'terminal', port: 0, httpsPort: 70000 }).success,
    ).toBe(false);
    expect(
      configureRequestSchema.safeParse({
        role: 'terminal',
        port: 0,
        terminalApi: { key: KEY, caFile: '/ca.pem' },
      }).success,
    ).toBe(false);
  });

  it('what the core says back has no room for a passphrase', () => {
    expect(terminalApiInfoSchema.safeParse({ keyIdentifier: 'K1', keyVersion: 1 }).success).toBe(
      true,
    );
    expect(terminalApiInfoSchema.safeParse({ ...KEY }).success).toBe(false);
    // Run info uses the same strict schema, so a bridge refuses a passphrase riding along.
    expect(
      runInfoSchema.shape.terminalApi.safeParse({ keyIdentifier: 'K1', passphrase: 'leak' })
        .success,
    ).toBe(false);
  });
});
