import { useId, useState } from 'react';
import type { ComposerActions, PaymentInFlight } from './composer-actions';
import { OutcomeLine } from './OutcomeLine';
import { useOperation } from './use-operation';

export interface AbortFormProps {
  readonly abort: ComposerActions['abort'];
  readonly disabled: boolean;
  /** Payments in flight, newest last. */
  readonly payments: readonly PaymentInFlight[];
}

/** Sentinel option: let the core abort whatever payment is in flight. */
const CURRENT = '';

/** Abort of the payment in flight (it loses the race once authorisation has started). */
export function AbortForm({ abort, disabled, payments }: AbortFormProps) {
  const id = useId();
  const [picked, setPicked] = useState(CURRENT);
  const [state, start] = useOperation();
  const value = payments.some((p) => p.serviceId === picked) ? picked : CURRENT;
  return (
    <form
      className="op-form"
      aria-label="Abort"
      onSubmit={(e) => {
        e.preventDefault();
        void start(value === CURRENT ? 'Abort' : `Abort #${value}`, () =>
          abort(value === CURRENT ? {} : { serviceId: value }),
        );
      }}
    >
      <h3>Abort</h3>
      <div className="op-fields">
        <label htmlFor={`${id}-payment`}>Payment in flight</label>
        <select id={`${id}-payment`} value={value} onChange={(e) => setPicked(e.target.value)}>
          <option value={CURRENT}>
            {payments.length === 0 ? 'None in flight' : 'The payment in flight'}
          </option>
          {payments.map((p) => (
            <option key={p.serviceId} value={p.serviceId}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={disabled}>
        Abort payment
      </button>
      <OutcomeLine state={state} />
    </form>
  );
}
