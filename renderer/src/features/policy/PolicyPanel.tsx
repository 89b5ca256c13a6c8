import { useId, useState } from 'react';
import type { PolicyChange } from '@shared/ipc';
import type { Result } from '@shared/result';
import { PartialSessionPolicy, type SessionPolicy } from '@shared/session/policy';
import { timingPresetOf } from '@shared/session/timing-presets';
import {
  changesOf,
  describePolicyProblem,
  draftOf,
  POLICY_LABELS,
  type PolicyDraft,
} from './policy-fields';
import { TimingPresetPicker } from './TimingPresetPicker';
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
  const problemKey = changes.success ? undefined : changes.error.issues[0]?.path[0];
  const problem = changes.success
    ? undefined
    : (() => {
        const key = changes.error.issues[0]?.path[0];
        return typeof key === 'string' && key in POLICY_LABELS
          ? describePolicyProblem(key as keyof SessionPolicy)
          : 'The policy has a value it does not allow.';
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
      <TimingPresetPicker
        current={timingPresetOf(policy)}
        onChoose={(preset) =>
          void onApply(preset.timings).then((r) =>
            setNote(r.ok ? `Timings: ${preset.label}.` : `Not applied: ${r.error}`),
          )
        }
      />
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
                aria-invalid={problemKey === key || undefined}
                aria-errormessage={problemKey === key ? `${id}-problem` : undefined}
                value={value}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              />
            </div>
          );
        })}
      </div>
      {problem !== undefined && (
        <p className="policy-problem" id={`${id}-problem`}>
          {problem}
        </p>
      )}
      <button type="submit" disabled={problem !== undefined}>
        Apply policy
      </button>
    </form>
  );
}

/**
 * The session manager's rules (timeouts, BUSY backoff, retries), editable: QA picks the "Fast
 * for QA" timings (or shortens one timeout) to see a recovery in seconds instead of minutes.
 * Folded away by default; the session strip shows which timings are in force.
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
