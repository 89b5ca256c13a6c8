import { useId, useState } from 'react';
import type { PolicyChange } from '@shared/ipc';
import type { Result } from '@shared/result';
import { PartialSessionPolicy, type SessionPolicy } from '@shared/session/policy';
import { changesOf, draftOf, POLICY_LABELS, type PolicyDraft } from './policy-fields';
import './policy.css';

export interface PolicyPanelProps {
  /** The policy in force; null until the core said it. */
  readonly policy: SessionPolicy | null;
  readonly onApply: (changes: Partial<SessionPolicy>) => Promise<Result<PolicyChange, string>>;
}

function PolicyForm({
  policy,
  onApply,
  setNote,
}: {
  readonly policy: SessionPolicy;
  readonly onApply: PolicyPanelProps['onApply'];
  /** Reports the last apply; kept by the panel because the form starts over on a new policy. */
  readonly setNote: (note: string) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(policy));
  const changes = PartialSessionPolicy.safeParse(changesOf(policy, draft));
  const problem = changes.success
    ? undefined
    : (() => {
        const issue = changes.error.issues[0];
        const key = String(issue?.path[0] ?? '') as keyof SessionPolicy;
        return `${POLICY_LABELS[key] ?? key}: ${issue?.message ?? 'invalid'}`;
      })();
  const keys = Object.keys(POLICY_LABELS) as (keyof SessionPolicy)[];
  return (
    <form
      className="policy-form"
      noValidate
      aria-label="Session policy"
      onSubmit={(e) => {
        e.preventDefault();
        if (!changes.success) return;
        void onApply(changes.data).then((r) =>
          setNote(
            r.ok
              ? r.value.restarted
                ? 'Applied; the idle session manager restarted with it.'
                : 'Applied.'
              : `Not applied: ${r.error}`,
          ),
        );
      }}
    >
      <div className="policy-fields">
        {keys.map((key) => {
          const value = draft[key];
          const inputId = `${id}-${key}`;
          return typeof value === 'boolean' ? (
            <label key={key} className="policy-check">
              <input
                type="checkbox"
                checked={value}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.checked })}
              />{' '}
              {POLICY_LABELS[key]}
            </label>
          ) : (
            <div key={key} className="policy-field">
              <label htmlFor={inputId}>{POLICY_LABELS[key]}</label>
              <input
                id={inputId}
                type="number"
                min={0}
                value={value}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              />
            </div>
          );
        })}
      </div>
      {problem !== undefined && <p className="policy-problem">{problem}</p>}
      <button type="submit" disabled={problem !== undefined}>
        Apply policy
      </button>
    </form>
  );
}

/**
 * The session manager's rules (timeouts, BUSY backoff, retries), editable: QA shortens a
 * payment timeout to see a recovery in seconds instead of minutes. Folded away by default.
 */
export function PolicyPanel({ policy, onApply }: PolicyPanelProps) {
  const [note, setNote] = useState('');
  return (
    <details className="panel-box policy-panel">
      <summary>Session policy</summary>
      {policy === null ? (
        <p className="muted">Waiting for the harness core…</p>
      ) : (
        // A new policy from the core (applied here or elsewhere) starts the form over.
        <PolicyForm
          key={JSON.stringify(policy)}
          policy={policy}
          onApply={onApply}
          setNote={setNote}
        />
      )}
      <p className="muted" aria-live="polite">
        {note}
      </p>
    </details>
  );
}
