import { describe, expect, it } from 'vitest';
import {
  draftsOf,
  keyOf,
  listenSettingsOf,
  peerSettingsOf,
  type KeyDraft,
} from './terminal-api-draft';

const KEY: KeyDraft = {
  enabled: true,
  keyIdentifier: 'K1',
  keyVersion: '2',
  passphrase: 'secret phrase',
};

describe('Terminal API drafts', () => {
  it('start from the key names the core reports, never with a passphrase', () => {
    const drafts = draftsOf('terminal', {
      keyIdentifier: 'K1',
      keyVersion: 2,
      requireEncryption: true,
      caFile: '/data/tls/ca.pem',
    });
    expect(drafts.listen).toEqual({
      key: { enabled: true, keyIdentifier: 'K1', keyVersion: '2', passphrase: '' },
      requireEncryption: true,
    });
    expect(drafts.peer.key.enabled).toBe(false);
    expect(
      draftsOf('client', { caFile: '/ca.pem', keyIdentifier: 'P', keyVersion: 0 }).peer,
    ).toEqual({
      caFile: '/ca.pem',
      insecure: false,
      key: { enabled: true, keyIdentifier: 'P', keyVersion: '0', passphrase: '' },
    });
  });

  it('a key is all three fields, checked like the core checks them', () => {
    expect(keyOf({ ...KEY, enabled: false })).toEqual({ ok: true, value: undefined });
    expect(keyOf(KEY)).toEqual({
      ok: true,
      value: { keyIdentifier: 'K1', keyVersion: 2, passphrase: 'secret phrase' },
    });
    expect(keyOf({ ...KEY, passphrase: '' })).toEqual({
      ok: false,
      error: 'Passphrase: type the shared passphrase (it is never shown again).',
    });
    expect(keyOf({ ...KEY, keyVersion: '' })).toMatchObject({ ok: false, error: /^Key version/ });
    expect(keyOf({ ...KEY, keyVersion: '1.5' })).toMatchObject({
      ok: false,
      error: /^Key version/,
    });
    expect(keyOf({ ...KEY, keyIdentifier: '' })).toEqual({
      ok: false,
      error: 'Key identifier: the key name the terminal knows, 1 to 64 characters, no spaces.',
    });
    const problem = keyOf({ ...KEY, passphrase: 'naïve €' });
    expect(problem).toMatchObject({ ok: false, error: /^Passphrase: Latin-1/ });
    expect(JSON.stringify(problem)).not.toContain('naïve');
  });

  it('peer settings: a CA file or insecure, with or without a key', () => {
    const off = { ...KEY, enabled: false };
    expect(peerSettingsOf({ caFile: ' /ca.pem ', insecure: false, key: KEY })).toEqual({
      ok: true,
      value: {
        caFile: '/ca.pem',
        key: { keyIdentifier: 'K1', keyVersion: 2, passphrase: 'secret phrase' },
      },
    });
    expect(peerSettingsOf({ caFile: '', insecure: true, key: off })).toEqual({
      ok: true,
      value: { insecure: true },
    });
    expect(peerSettingsOf({ caFile: '/ca.pem', insecure: true, key: off }).ok).toBe(false);
  });

  it('listen settings: the key and the requirement', () => {
    expect(listenSettingsOf({ key: KEY, requireEncryption: true })).toMatchObject({
      ok: true,
      value: { key: { keyIdentifier: 'K1' }, requireEncryption: true },
    });
    expect(listenSettingsOf({ key: { ...KEY, enabled: false }, requireEncryption: false })).toEqual(
      { ok: true, value: {} },
    );
  });
});
