import type { HarnessFaultName } from '@shared/ipc';
import { PaymentOutcomeOverride, PaymentPhase } from '@shared/simulator/faults';
import { OUTCOMES } from '@shared/simulator/outcomes';
import { RESPONSE_CATEGORIES, type FaultParams } from './fault-catalog';

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

/** An integer from a number input, or undefined while the text is not one in range. */
function intIn(text: string, min: number, max: number): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
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
        <input
          className="fault-param fault-param-number"
          type="number"
          min={1}
          max={1000}
          aria-label="BUSY login count"
          defaultValue={params.busyCount}
          disabled={disabled}
          onChange={(e) => {
            const busyCount = intIn(e.target.value, 1, 1000);
            if (busyCount !== undefined) onChange({ ...params, busyCount });
          }}
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
          <input
            className="fault-param fault-param-number"
            type="number"
            min={0}
            max={600_000}
            step={100}
            aria-label="Delay in milliseconds"
            defaultValue={params.delayMs}
            disabled={disabled}
            onChange={(e) => {
              const delayMs = intIn(e.target.value, 0, 600_000);
              if (delayMs !== undefined) onChange({ ...params, delayMs });
            }}
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
      return null;
  }
}
