import { useId, useState } from 'react';
import type { AdminKind, ComposerActions } from './composer-actions';
import { OutcomeLine } from './OutcomeLine';
import { useOperation } from './use-operation';

export interface AdminFormProps {
  readonly admin: ComposerActions['admin'];
  readonly disabled: boolean;
}

const KINDS: Readonly<Record<AdminKind, string>> = {
  diagnosis: 'Diagnosis',
  update: 'Software update check',
};

/** An Admin request (diagnosis or update). */
export function AdminForm({ admin, disabled }: AdminFormProps) {
  const id = useId();
  const [kind, setKind] = useState<AdminKind>('diagnosis');
  const [state, start] = useOperation();
  return (
    <form
      className="op-form"
      aria-label="Admin"
      onSubmit={(e) => {
        e.preventDefault();
        void start(`Admin ${kind}`, () => admin({ kind }));
      }}
    >
      <h3>Admin</h3>
      <div className="op-fields">
        <label htmlFor={`${id}-kind`}>Admin request</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => setKind(e.target.value === 'update' ? 'update' : 'diagnosis')}
        >
          {(Object.keys(KINDS) as AdminKind[]).map((k) => (
            <option key={k} value={k}>
              {KINDS[k]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={disabled}>
        Send Admin
      </button>
      <OutcomeLine state={state} />
    </form>
  );
}
