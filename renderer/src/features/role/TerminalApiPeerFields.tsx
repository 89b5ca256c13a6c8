import type { PeerDraft } from './terminal-api-draft';
import { TerminalApiKeyFields } from './TerminalApiKeyFields';

export interface TerminalApiPeerFieldsProps {
  readonly draft: PeerDraft;
  readonly onChange: (draft: PeerDraft) => void;
}

/**
 * How the client role reaches a Terminal API peer (README "Terminal API wire"): the CA file
 * that signed the terminal's certificate, or no check at all like the SDK's unencrypted mode,
 * and the NexoCrypto key.
 */
export function TerminalApiPeerFields({ draft, onChange }: TerminalApiPeerFieldsProps) {
  const change = (patch: Partial<PeerDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className="tapi-peer" data-wire="terminal-api">
      <label className="role-field">
        CA file
        <input
          type="text"
          value={draft.caFile}
          disabled={draft.insecure}
          placeholder="/path/to/ca.pem"
          spellCheck={false}
          aria-description="PEM of the CA that signed the terminal's certificate (the simulator prints its caFile)"
          onChange={(e) => change({ caFile: e.target.value })}
        />
      </label>
      <label>
        <input
          type="checkbox"
          checked={draft.insecure}
          onChange={(e) => change({ insecure: e.target.checked })}
        />{' '}
        Skip the certificate check (insecure, test terminals only)
      </label>
      <TerminalApiKeyFields draft={draft.key} onChange={(key) => change({ key })} />
    </div>
  );
}
