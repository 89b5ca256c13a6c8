import { useId } from 'react';
import type { HarnessFaultName } from '@shared/ipc';
import { PaymentOutcomeOverride, PaymentPhase } from '@shared/simulator/faults';
import { OUTCOMES } from '@shared/simulator/outcomes';
import {
  NUMBER_PARAMS,
  parseNumberParam,
  RESPONSE_CATEGORIES,
  type FaultParams,
  type NumberParam,
} from './fault-catalog';

export interface FaultParamControlProps {
  readonly fault: HarnessFaultName;
  readonly params: FaultParams;
  readonly onChange: (params: FaultParams) => void;
  readonly disabled: boolean;
}

const PHASE_LABELS: Readonly<Record<PaymentPhase, string>> = {
  waitingForCard: 'waiting for card',
  authorising: 'authorising',
};

/**
 * A whole-number parameter as typed: an out-of-range value stays on screen, marked invalid,
 * with the field's allowed range beside it (the fault is never armed with another number).
 */
function NumberParamInput({
  param,
  label,
  value,
  step,
  disabled,
  onChange,
}: {
  readonly param: NumberParam;
  readonly label: string;
  readonly value: string;
  readonly step?: number;
  readonly disabled: boolean;
  readonly onChange: (text: string) => void;
}) {
  const errorId = useId();
  const parsed = parseNumberParam(param, value);
  return (
    <>
      <input
        className="fault-param fault-param-number"
        type="number"
        min={param.min}
        max={param.max}
        step={step}
        aria-label={label}
        aria-invalid={!parsed.ok}
        aria-describedby={parsed.ok ? undefined : errorId}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
      {!parsed.ok && (
        <span id={errorId} className="fault-param-error" data-param-error>
          {parsed.error}
        </span>
      )}
    </>
  );
}

function CategorySelect({
  label,
  value,
  anyLabel,
  disabled,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly anyLabel: string;
  readonly disabled: boolean;
  readonly onChange: (category: string) => void;
}) {
  return (
    <select
      className="fault-param"
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
    >
      {RESPONSE_CATEGORIES.map((c) => (
        <option key={c} value={c}>
          {c === '' ? anyLabel : c}
        </option>
      ))}
    </select>
  );
}

/** The parameter a fault takes (BUSY count, category, phase, …), or nothing. */
export function FaultParamControl({ fault, params, onChange, disabled }: FaultParamControlProps) {
  switch (fault) {
    case 'busyNextLogins':
      return (
        <NumberParamInput
          param={NUMBER_PARAMS.busyCount}
          label="BUSY login count"
          value={params.busyCount}
          disabled={disabled}
          onChange={(busyCount) => onChange({ ...params, busyCount })}
        />
      );
    case 'ignoreNextRequests':
      return (
        <NumberParamInput
          param={NUMBER_PARAMS.ignoreCount}
          label="Requests to ignore"
          value={params.ignoreCount}
          disabled={disabled}
          onChange={(ignoreCount) => onChange({ ...params, ignoreCount })}
        />
      );
    case 'dropNextResponse':
      return (
        <CategorySelect
          label="Response to lose"
          value={params.loseCategory}
          anyLabel="any category"
          disabled={disabled}
          onChange={(loseCategory) => onChange({ ...params, loseCategory })}
        />
      );
    case 'restartDuringPayment':
      return (
        <select
          className="fault-param"
          aria-label="Payment phase to restart in"
          value={params.restartPhase}
          disabled={disabled}
          onChange={(e) => {
            const phase = PaymentPhase.safeParse(e.target.value);
            if (phase.success) onChange({ ...params, restartPhase: phase.data });
          }}
        >
          {PaymentPhase.options.map((p) => (
            <option key={p} value={p}>
              {PHASE_LABELS[p]}
            </option>
          ))}
        </select>
      );
    case 'delayResponses':
      return (
        <>
          <NumberParamInput
            param={NUMBER_PARAMS.delayMs}
            label="Delay in milliseconds"
            value={params.delayMs}
            step={100}
            disabled={disabled}
            onChange={(delayMs) => onChange({ ...params, delayMs })}
          />
          <CategorySelect
            label="Responses to delay"
            value={params.delayCategory}
            anyLabel="every category"
            disabled={disabled}
            onChange={(delayCategory) => onChange({ ...params, delayCategory })}
          />
        </>
      );
    case 'nextPaymentOutcome':
      return (
        <select
          className="fault-param"
          aria-label="Outcome of the next payment"
          value={params.nextOutcome}
          disabled={disabled}
          onChange={(e) => {
            const outcome = PaymentOutcomeOverride.safeParse(e.target.value);
            if (outcome.success) onChange({ ...params, nextOutcome: outcome.data });
          }}
        >
          {PaymentOutcomeOverride.options.map((o) => (
            <option key={o} value={o}>
              {OUTCOMES[o].meaning}
            </option>
          ))}
        </select>
      );
    case 'update':
    case 'restart':
    case 'restartClient':
    case 'dropLink':
    case 'logout':
    case 'approveThenDrop':
    case 'resetSessions':
    case 'dropUpstreamLink':
      return null;
  }
}
