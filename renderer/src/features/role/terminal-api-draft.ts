import type {
  HarnessRole,
  NexoKeyRequest,
  TerminalApiInfo,
  TerminalApiListenSettings,
  TerminalApiPeerSettings,
} from '@shared/ipc';
import { nexoKeyRequestSchema } from '@shared/ipc/terminal-api-schemas';
import { err, ok, type Result } from '@shared/result';

/**
 * The Terminal API fields of the role form as the user types them (README "Terminal API wire").
 * The passphrase lives here and in the request the form sends, nowhere else: the core never
 * sends it back, so after a new run the field starts empty and the key names are kept.
 */
export interface KeyDraft {
  /** Encrypt with NexoCrypto. */
  readonly enabled: boolean;
  readonly keyIdentifier: string;
  readonly keyVersion: string;
  readonly passphrase: string;
}

/** The client role's trust and key towards a Terminal API peer. */
export interface PeerDraft {
  readonly caFile: string;
  readonly insecure: boolean;
  readonly key: KeyDraft;
}

/** The terminal role's key and requirement on its Terminal API front. */
export interface ListenDraft {
  readonly key: KeyDraft;
  readonly requireEncryption: boolean;
}

export interface TerminalApiDrafts {
  readonly peer: PeerDraft;
  readonly listen: ListenDraft;
}

function keyDraftOf(info: TerminalApiInfo | undefined): KeyDraft {
  return {
    enabled: info?.keyIdentifier !== undefined,
    keyIdentifier: info?.keyIdentifier ?? '',
    keyVersion: info?.keyVersion === undefined ? '1' : String(info.keyVersion),
    passphrase: '',
  };
}

/** The drafts a form starts from: the key names and trust the core reports, no passphrase. */
export function draftsOf(role: HarnessRole | undefined, info?: TerminalApiInfo) {
  const client = role === 'client' ? info : undefined;
  const terminal = role === 'terminal' ? info : undefined;
  return {
    peer: {
      caFile: client?.caFile ?? '',
      insecure: client?.insecure === true,
      key: keyDraftOf(client),
    },
    listen: { key: keyDraftOf(terminal), requireEncryption: terminal?.requireEncryption === true },
  } satisfies TerminalApiDrafts;
}

/** Field names as the form labels them, for problems the user can act on. */
const FIELD_LABELS: Readonly<Record<keyof NexoKeyRequest, string>> = {
  keyIdentifier: 'Key identifier',
  keyVersion: 'Key version',
  passphrase: 'Passphrase',
};

/** The key a draft names (undefined when encryption is off), or what is wrong with it. */
export function keyOf(draft: KeyDraft): Result<NexoKeyRequest | undefined, string> {
  if (!draft.enabled) return ok(undefined);
  const version = draft.keyVersion.trim() === '' ? Number.NaN : Number(draft.keyVersion);
  const parsed = nexoKeyRequestSchema.safeParse({
    keyIdentifier: draft.keyIdentifier.trim(),
    keyVersion: version,
    passphrase: draft.passphrase,
  });
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue?.path[0] as keyof NexoKeyRequest | undefined;
  const label = field === undefined ? 'The key' : FIELD_LABELS[field];
  // The schema's message names the rule, never the value typed.
  if (field === 'passphrase' && draft.passphrase === '')
    return err('Passphrase: type the shared passphrase (it is never shown again).');
  if (field === 'keyVersion') return err('Key version: a whole number from 0.');
  if (field === 'keyIdentifier')
    return err('Key identifier: the key name the terminal knows, 1 to 64 characters, no spaces.');
  return err(`${label}: ${issue?.message ?? 'invalid'}`);
}

/** The client role's settings towards a Terminal API peer, or what is wrong with them. */
export function peerSettingsOf(draft: PeerDraft): Result<TerminalApiPeerSettings, string> {
  const key = keyOf(draft.key);
  if (!key.ok) return key;
  const caFile = draft.caFile.trim();
  if (caFile !== '' && draft.insecure)
    return err('Trust the CA file or skip the certificate check, not both.');
  return ok({
    ...(caFile === '' ? {} : { caFile }),
    ...(draft.insecure ? { insecure: true } : {}),
    ...(key.value === undefined ? {} : { key: key.value }),
  });
}

/** The terminal role's Terminal API settings, or what is wrong with them. */
export function listenSettingsOf(draft: ListenDraft): Result<TerminalApiListenSettings, string> {
  const key = keyOf(draft.key);
  if (!key.ok) return key;
  return ok({
    ...(key.value === undefined ? {} : { key: key.value }),
    ...(draft.requireEncryption ? { requireEncryption: true } : {}),
  });
}
