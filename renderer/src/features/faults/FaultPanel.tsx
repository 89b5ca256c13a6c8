import { useId, useState } from 'react';
import {
  describeFault,
  HARNESS_FAULT_NAMES,
  type FaultAvailability,
  type FaultRequest,
  type HarnessFaultName,
} from '@shared/ipc';
import type { Result } from '@shared/result';
import { DEFAULT_FAULT_PARAMS, FAULT_REQUESTS, type FaultParams } from './fault-catalog';
import { FaultParamControl } from './FaultParamControl';
import './faults.css';

export interface FaultPanelProps {
  /** Which faults apply now (`faults:available`); null while unknown. */
  readonly availability: readonly FaultAvailability[] | null;
  /** Applies one fault; resolves to what the core did, or why it refused. */
  readonly onApply: (request: FaultRequest) => Promise<Result<string, string>>;
}

const UNKNOWN_REASON = 'Waiting for the harness core to say which faults apply.';

/** The last press and how it went, shown under the buttons. */
type Feedback =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending'; readonly fault: HarnessFaultName }
  | { readonly kind: 'applied'; readonly fault: HarnessFaultName; readonly message: string }
  | { readonly kind: 'failed'; readonly fault: HarnessFaultName; readonly message: string };

function feedbackText(feedback: Feedback): string {
  switch (feedback.kind) {
    case 'idle':
      return '';
    case 'pending':
      return `${describeFault(feedback.fault).label}…`;
    case 'applied':
      // The core's message names the fault already ("Drop link: applied").
      return feedback.message;
    case 'failed':
      return `${describeFault(feedback.fault).label} failed: ${feedback.message}`;
  }
}

/**
 * One button per fault (README "Fault buttons"). Each button's accessible name is the fixed label of
 * shared/ipc's fault table (testing surface), its tooltip (title and aria-description) names
 * the real-world event, and it is disabled with a visible reason where the fault cannot apply.
 */
export function FaultPanel({ availability, onApply }: FaultPanelProps) {
  const [params, setParams] = useState<FaultParams>(DEFAULT_FAULT_PARAMS);
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'idle' });
  const titleId = useId();
  const byName = new Map(availability?.map((a) => [a.fault, a]));

  const press = async (fault: HarnessFaultName) => {
    setFeedback({ kind: 'pending', fault });
    const result = await onApply(FAULT_REQUESTS[fault](params));
    setFeedback(
      result.ok
        ? { kind: 'applied', fault, message: result.value }
        : { kind: 'failed', fault, message: result.error },
    );
  };

  return (
    <section className="panel-box fault-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Faults</h2>
      <ul className="fault-list">
        {HARNESS_FAULT_NAMES.map((fault) => {
          const { label, description, side } = describeFault(fault);
          const state = byName.get(fault);
          const enabled = state?.enabled ?? false;
          const reason =
            state === undefined ? UNKNOWN_REASON : (state.reason ?? 'Not available now.');
          const pending = feedback.kind === 'pending' && feedback.fault === fault;
          return (
            <li key={fault} className="fault-item" data-fault={fault} data-enabled={enabled}>
              <div className="fault-row">
                <button
                  type="button"
                  className={`fault-button fault-side-${side}`}
                  title={description}
                  aria-description={enabled ? description : `${description} Unavailable: ${reason}`}
                  aria-busy={pending}
                  disabled={!enabled || pending}
                  onClick={() => void press(fault)}
                >
                  {label}
                </button>
                <FaultParamControl
                  fault={fault}
                  params={params}
                  onChange={setParams}
                  disabled={!enabled}
                />
              </div>
              {!enabled && <p className="fault-reason">{reason}</p>}
            </li>
          );
        })}
      </ul>
      <p className="fault-feedback" aria-live="polite" data-fault-feedback={feedback.kind}>
        {feedbackText(feedback)}
      </p>
    </section>
  );
}
