import { useId } from 'react';
import type { HarnessRole, LiveVerdicts } from '@shared/ipc';
import type { Verdict } from '@shared/trace/checkers';
import { VerdictList } from './VerdictList';

export interface VerdictsPanelProps {
  /** The verdicts on the live run; null until the core judged it. */
  readonly verdicts: LiveVerdicts | null;
  readonly role: HarnessRole | null;
  /** Shows the event a verdict is about (`seq`) on the live timeline. */
  readonly onShow: (verdict: Verdict, seq: number) => void;
}

const WHOM: Readonly<Record<HarnessRole, string>> = {
  terminal: 'the external POS, as the simulator sees it',
  client: 'the reference client',
  proxy: 'the external POS, as the proxy in the middle sees it',
};

function summary(verdicts: LiveVerdicts): string {
  const failing = verdicts.verdicts.filter((v) => !v.pass).length;
  const judged = `${String(verdicts.throughSeq)} events judged`;
  return failing === 0
    ? `Every checker passes (${judged}).`
    : `${String(failing)} failing ${failing === 1 ? 'verdict' : 'verdicts'} (${judged}).`;
}

/**
 * The checkers' verdicts on the live run (README "Live verdicts"), updated as events arrive; in
 * terminal role they judge somebody else's POS. Clicking a verdict shows its first event on the
 * live timeline. Testing surface: the region "Live verdicts" carries `data-verdicts-pass` and
 * `data-through-seq`; each verdict the markers of {@link VerdictList}.
 */
export function VerdictsPanel({ verdicts, role, onShow }: VerdictsPanelProps) {
  const titleId = useId();
  return (
    <section
      className="panel-box verdicts-panel"
      aria-labelledby={titleId}
      data-verdicts-pass={verdicts === null ? undefined : verdicts.pass}
      data-through-seq={verdicts?.throughSeq}
    >
      <h2 id={titleId}>Live verdicts</h2>
      {role !== null && <p className="muted verdicts-whom">Judging {WHOM[role]}.</p>}
      {verdicts === null ? (
        <p className="muted">Waiting for the first verdicts…</p>
      ) : (
        <>
          <p className="verdicts-summary" data-pass={verdicts.pass} aria-live="polite">
            {summary(verdicts)}
          </p>
          <VerdictList verdicts={verdicts.verdicts} label="Live verdicts list" onShow={onShow} />
        </>
      )}
    </section>
  );
}
