import { useId, useState } from 'react';
import {
  describeFault,
  HARNESS_FAULT_NAMES,
  type FaultAvailability,
  type FaultRequest,
  type HarnessFaultName,
} from '@shared/ipc';
import type { Result } from '@shared/result';
import { DEFAULT_FAULT_PARAMS, faultRequest, type FaultParams } from './fault-catalog';
import { FaultParamControl } from './FaultParamControl';
import { FAULT_ICONS } from './fault-icons';
import './faults.css';

export interface FaultBarProps {
  /** Which faults apply now (`faults:available`); null while unknown. */
  readonly availability: readonly FaultAvailability[] | null;
  /** Applies one fault; resolves to what the core did, or why it refused. */
  readonly onApply: (request: FaultRequest) => Promise<Result<string, string>>;
}

const UNKNOWN_REASON = 'Waiting for the harness core to say which faults apply.';

/** The last press and how it went, shown beside the bar. */
type Feedback =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending'; readonly fault: HarnessFaultName }
  | { readonly kind: 'applied'; readonly fault: HarnessFaultName; readonly message: string }
  | { readonly kind: 'invalid'; readonly fault: HarnessFaultName; readonly message: string }
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
    case 'invalid':
      return `${describeFault(feedback.fault).label} not armed: ${feedback.message}`;
    case 'failed':
      return `${describeFault(feedback.fault).label} failed: ${feedback.message}`;
  }
}

/** The unavailable faults grouped by their reason: one line per reason instead of one per button. */
function unavailableLines(
  availability: readonly FaultAvailability[] | null,
): { reason: string; labels: string[] }[] {
  if (availability === null) return [{ reason: UNKNOWN_REASON, labels: [] }];
  const byReason = new Map<string, string[]>();
  for (const a of availability) {
    if (a.enabled) continue;
    const reason = a.reason ?? 'Not available now.';
    byReason.set(reason, [...(byReason.get(reason) ?? []), a.label]);
  }
  return [...byReason].map(([reason, labels]) => ({ reason, labels }));
}

/**
 * The fault buttons as one compact toolbar that stays in view (README "Fault buttons"): each
 * fault that applies is an icon, its label and its parameter; one that cannot apply shrinks to
 * its icon (its accessible name stays the label), and the reasons are one "why?" away, so the
 * bar takes two rows at 1280×800 and the timeline keeps the room. Each button's accessible name
 * is the fixed label of shared/ipc's fault table (testing surface) and its tooltip names the
 * real-world event. A parameter out of range is marked where it is typed and the fault is not
 * armed.
 */
export function FaultBar({ availability, onApply }: FaultBarProps) {
  const [params, setParams] = useState<FaultParams>(DEFAULT_FAULT_PARAMS);
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'idle' });
  const [reasonsShown, setReasonsShown] = useState(false);
  const reasonsId = useId();
  const byName = new Map(availability?.map((a) => [a.fault, a]));
  const reasons = unavailableLines(availability);
  const unavailable = HARNESS_FAULT_NAMES.filter((fault) => byName.get(fault)?.enabled !== true);

  const press = async (fault: HarnessFaultName) => {
    if (feedback.kind === 'pending') return;
    const request = faultRequest(fault, params);
    if (!request.ok) {
      setFeedback({ kind: 'invalid', fault, message: request.error });
      return;
    }
    setFeedback({ kind: 'pending', fault });
    const result = await onApply(request.value);
    setFeedback(
      result.ok
        ? { kind: 'applied', fault, message: result.value }
        : { kind: 'failed', fault, message: result.error },
    );
  };

  // The faults that apply first, in the table's order; the ones that do not, as icons after them.
  const ordered = [
    ...HARNESS_FAULT_NAMES.filter((fault) => !unavailable.includes(fault)),
    ...unavailable,
  ];
  return (
    <div className="fault-bar">
      <div className="fault-toolbar" role="toolbar" aria-label="Faults">
        {ordered.map((fault) => {
          const { label, description, side } = describeFault(fault);
          const Icon = FAULT_ICONS[fault];
          const state = byName.get(fault);
          const enabled = state?.enabled ?? false;
          const reason =
            state === undefined ? UNKNOWN_REASON : (state.reason ?? 'Not available now.');
          const pending = feedback.kind === 'pending' && feedback.fault === fault;
          const tooltip = enabled ? description : `${description} Unavailable: ${reason}`;
          return (
            <div
              key={fault}
              className={`fault-item fault-side-${side}${enabled ? '' : ' fault-item-off'}`}
              data-fault={fault}
              data-enabled={enabled}
            >
              {/* Not disabled while pending: the pressed button keeps the focus. */}
              <button
                type="button"
                className="fault-button"
                title={enabled ? description : `${label}: unavailable. ${reason}`}
                aria-description={tooltip}
                aria-busy={pending}
                disabled={!enabled}
                onClick={() => void press(fault)}
              >
                <Icon className="fault-icon" aria-hidden="true" size={14} strokeWidth={2.25} />
                <span className={enabled ? 'fault-label' : 'visually-hidden'}>{label}</span>
              </button>
              {enabled && (
                <FaultParamControl
                  fault={fault}
                  params={params}
                  onChange={setParams}
                  disabled={false}
                />
              )}
            </div>
          );
        })}
      </div>
      <div className="fault-notes">
        <p
          className="fault-feedback"
          role="status"
          aria-live="polite"
          data-fault-feedback={feedback.kind}
          title={feedbackText(feedback)}
        >
          {feedbackText(feedback)}
        </p>
        {availability === null ? (
          <p className="fault-reason" data-fault-reason>
            {UNKNOWN_REASON}
          </p>
        ) : reasons.length > 0 ? (
          <button
            type="button"
            className="fault-why"
            aria-expanded={reasonsShown}
            aria-controls={reasonsId}
            onClick={() => setReasonsShown(!reasonsShown)}
          >
            {unavailable.length} unavailable here: why?
          </button>
        ) : null}
      </div>
      {/* Always in the DOM, so the toggle's aria-controls names an element. */}
      <div id={reasonsId} className="fault-reasons" hidden={availability === null || !reasonsShown}>
        {availability !== null &&
          reasons.map(({ reason, labels }) => (
            <p key={reason} className="fault-reason" data-fault-reason>
              {labels.length > 0 && (
                <span className="fault-reason-labels">{labels.join(', ')}: </span>
              )}
              {reason}
            </p>
          ))}
      </div>
    </div>
  );
}
