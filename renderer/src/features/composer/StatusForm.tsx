import { useId, useState } from 'react';
import type { ComposerActions } from './composer-actions';
import { OutcomeLine } from './OutcomeLine';
import { useOperation } from './use-operation';

export interface StatusFormProps {
  readonly status: ComposerActions['status'];
  readonly disabled: boolean;
}

/** A ServiceID as nexo allows it: 1–10 characters. */
const SERVICE_ID = /^[^\s]{1,10}$/;

/** TransactionStatus of the last payment, or of the message with a given ServiceID. */
export function StatusForm({ status, disabled }: StatusFormProps) {
  const id = useId();
  const [which, setWhich] = useState<'last' | 'byId'>('last');
  const [serviceId, setServiceId] = useState('');
  const [state, start] = useOperation();
  const invalid = which === 'byId' && !SERVICE_ID.test(serviceId.trim());
  return (
    <form
      className="op-form"
      aria-label="TransactionStatus"
      onSubmit={(e) => {
        e.preventDefault();
        if (invalid) return;
        const sid = serviceId.trim();
        void start(
          which === 'last' ? 'TransactionStatus of the last payment' : `TransactionStatus #${sid}`,
          () => status(which === 'last' ? {} : { serviceId: sid }),
        );
      }}
    >
      <h3>TransactionStatus</h3>
      <fieldset className="op-choice">
        <legend className="visually-hidden">Which transaction</legend>
        <label>
          <input
            type="radio"
            name={`${id}-which`}
            checked={which === 'last'}
            onChange={() => setWhich('last')}
          />{' '}
          Last payment
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-which`}
            checked={which === 'byId'}
            onChange={() => setWhich('byId')}
          />{' '}
          By ServiceID
        </label>
        <input
          aria-label="ServiceID to ask about"
          className="op-sid"
          value={serviceId}
          maxLength={10}
          disabled={which !== 'byId'}
          aria-invalid={invalid}
          onChange={(e) => setServiceId(e.target.value)}
        />
      </fieldset>
      <button type="submit" disabled={disabled || invalid}>
        Ask status
      </button>
      <OutcomeLine state={state} />
    </form>
  );
}
