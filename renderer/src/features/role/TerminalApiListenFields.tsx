import type { ListenDraft } from './terminal-api-draft';
import { TerminalApiKeyFields } from './TerminalApiKeyFields';

export interface TerminalApiListenFieldsProps {
  readonly draft: ListenDraft;
  readonly onChange: (draft: ListenDraft) => void;
}

/** What the terminal role asks of a POS on the Terminal API: the key, and whether clear text is refused. */
export function TerminalApiListenFields({ draft, onChange }: TerminalApiListenFieldsProps) {
  const change = (patch: Partial<ListenDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="tapi-listen">
      <legend className="visually-hidden">Terminal API settings</legend>
      <TerminalApiKeyFields draft={draft.key} onChange={(key) => change({ key })} />
      <label>
        <input
          type="checkbox"
          checked={draft.requireEncryption}
          onChange={(e) => change({ requireEncryption: e.target.checked })}
        />{' '}
        Require encryption (refuse clear-text requests)
      </label>
    </fieldset>
  );
}
