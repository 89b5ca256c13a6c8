import { describeOutcome, outcomeTone } from './outcome-text';
import type { OperationState } from './use-operation';

const text = (state: OperationState): string => {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'pending':
      return `${state.label} in progress…`;
    case 'done':
      return describeOutcome(state.outcome);
    case 'error':
      return `${state.label} not sent: ${state.message}`;
  }
};

const tone = (state: OperationState): string => {
  switch (state.kind) {
    case 'idle':
    case 'pending':
      return 'neutral';
    case 'done':
      return outcomeTone(state.outcome);
    case 'error':
      return 'error';
  }
};

/**
 * The final outcome of an operation, under the control that started it. `data-op-state` is
 * idle | pending | done | error and `data-outcome` the outcome kind, for Playwright suites.
 */
export function OutcomeLine({ state }: { readonly state: OperationState }) {
  return (
    <p
      className={`op-outcome op-tone-${tone(state)}`}
      aria-live="polite"
      data-op-state={state.kind}
      data-outcome={state.kind === 'done' ? state.outcome.kind : undefined}
    >
      {text(state)}
    </p>
  );
}
