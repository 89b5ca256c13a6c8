import { useId } from 'react';
import type { KeyDraft } from './terminal-api-draft';

export interface TerminalApiKeyFieldsProps {
  readonly draft: KeyDraft;
  readonly onChange: (draft: KeyDraft) => void;
}

/**
 * The NexoCrypto key (README "Terminal API wire"): identifier, version and the shared
 * passphrase, typed into a password field that never shows it and that the core never fills.
 * The fields show once encryption is ticked, so a clear-text setup stays short.
 */
export function TerminalApiKeyFields({ draft, onChange }: TerminalApiKeyFieldsProps) {
  const id = useId();
  const change = (patch: Partial<KeyDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="tapi-key" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>NexoCrypto key</legend>
      <label>
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => change({ enabled: e.target.checked })}
        />{' '}
        Encrypt with NexoCrypto
      </label>
      {draft.enabled && (
        <div className="tapi-key-fields">
          <label className="role-field">
            Key identifier
            <input
              type="text"
              value={draft.keyIdentifier}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => change({ keyIdentifier: e.target.value })}
            />
          </label>
          <label className="role-field">
            Key version
            <input
              type="number"
              min={0}
              value={draft.keyVersion}
              onChange={(e) => change({ keyVersion: e.target.value })}
            />
          </label>
          <label className="role-field">
            Passphrase
            <input
              type="password"
              value={draft.passphrase}
              autoComplete="new-password"
              aria-description="Shared with the terminal; never shown again, never in traces"
              onChange={(e) => change({ passphrase: e.target.value })}
            />
          </label>
        </div>
      )}
    </fieldset>
  );
}
