import type { TerminalApiInfo } from '@shared/ipc';

export interface TerminalApiInForceProps {
  readonly info: TerminalApiInfo;
  /** Terminal role shows the CA file a POS must trust; client role the one its peer is checked against. */
  readonly role: 'client' | 'terminal';
  readonly copyText?: (text: string) => Promise<void>;
}

/** "Key K v1, encryption required" in words: what the run's Terminal API uses (never the passphrase). */
function describeKey(info: TerminalApiInfo, role: 'client' | 'terminal'): string {
  const key =
    info.keyIdentifier === undefined
      ? 'no NexoCrypto key'
      : `NexoCrypto key ${info.keyIdentifier} v${String(info.keyVersion ?? 0)}`;
  if (role === 'client') return info.insecure === true ? `${key}, certificate not checked` : key;
  return info.requireEncryption === true
    ? `${key}, encryption required`
    : `${key}, clear text accepted`;
}

/**
 * The Terminal API settings of the run (README "Terminal API wire"): the key in force and the
 * CA file, with "Copy path" so it can be handed to the POS (Adyen's `certificatePath`, `--ca`).
 */
export function TerminalApiInForce({ info, role, copyText }: TerminalApiInForceProps) {
  return (
    <div className="tapi-in-force" data-terminal-api-key={info.keyIdentifier ?? ''}>
      <p className="muted">Terminal API: {describeKey(info, role)}</p>
      {info.caFile !== undefined && (
        <p className="role-address" data-ca-file={info.caFile}>
          {role === 'terminal' ? 'CA file for the POS' : 'Trusted CA file'}:{' '}
          <code>{info.caFile}</code>{' '}
          {copyText !== undefined && (
            <button
              type="button"
              aria-label="Copy CA file path"
              onClick={() => void copyText(info.caFile ?? '')}
            >
              Copy path
            </button>
          )}
        </p>
      )}
    </div>
  );
}
