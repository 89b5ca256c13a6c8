import { useId, useState } from 'react';
import { minorToDecimalText, wireToMinor } from '@shared/protocol/money';
import { MAGIC_AMOUNTS, OUTCOMES } from '@shared/simulator/outcomes';
import type { ComposerActions, PaymentInput } from './composer-actions';
import { OutcomeLine } from './OutcomeLine';
import { useOperation } from './use-operation';

export interface PaymentFormProps {
  readonly pay: ComposerActions['pay'];
  readonly disabled: boolean;
  /** The terminal currency, the form's default. */
  readonly defaultCurrency?: string;
}

type PaymentType = NonNullable<PaymentInput['paymentType']>;

/** The payment types the core accepts. */
const PAYMENT_TYPES: readonly PaymentType[] = ['Normal', 'Refund'];

/** Checks the amount the way the core will (exact decimal, right number of decimals, > 0). */
function amountProblem(amount: string, currency: string): string | undefined {
  if (!/^[A-Z]{3}$/.test(currency)) return 'Currency must be three capital letters (e.g. EUR).';
  const minor = wireToMinor(amount, currency);
  if (!minor.ok) return `Amount: ${minor.error.reason}.`;
  if (minor.value <= 0) return 'Amount must be more than zero.';
  return undefined;
}

/**
 * Payment: amount, currency, payment type, and a picker of the simulator's magic amounts
 * (the ending of the amount in minor units picks the outcome).
 */
export function PaymentForm({ pay, disabled, defaultCurrency = 'EUR' }: PaymentFormProps) {
  const id = useId();
  const [amount, setAmount] = useState('12.50');
  const [currency, setCurrency] = useState(defaultCurrency);
  const [paymentType, setPaymentType] = useState<PaymentType>('Normal');
  const [magic, setMagic] = useState('');
  const [state, start] = useOperation();
  const problem = amountProblem(amount.trim(), currency);

  const pickMagic = (value: string) => {
    setMagic(value);
    const ending = Number(value);
    if (value !== '' && Number.isInteger(ending)) setAmount(minorToDecimalText(ending, currency));
  };

  return (
    <form
      className="op-form"
      aria-label="Payment"
      onSubmit={(e) => {
        e.preventDefault();
        if (problem !== undefined) return;
        const input = { amount: amount.trim(), currency, paymentType };
        void start(`Payment ${input.amount} ${currency}`, () => pay(input));
      }}
    >
      <h3>Payment</h3>
      <div className="op-fields">
        <label htmlFor={`${id}-amount`}>Amount</label>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          value={amount}
          aria-invalid={problem !== undefined}
          aria-describedby={problem === undefined ? undefined : `${id}-problem`}
          onChange={(e) => {
            setAmount(e.target.value);
            setMagic('');
          }}
        />
        <label htmlFor={`${id}-currency`}>Currency</label>
        <input
          id={`${id}-currency`}
          className="op-currency"
          value={currency}
          maxLength={3}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
        />
        <label htmlFor={`${id}-type`}>Payment type</label>
        <select
          id={`${id}-type`}
          value={paymentType}
          onChange={(e) => setPaymentType(e.target.value === 'Refund' ? 'Refund' : 'Normal')}
        >
          {PAYMENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-magic`}>Magic amount</label>
        <select id={`${id}-magic`} value={magic} onChange={(e) => pickMagic(e.target.value)}>
          <option value="">Pick an outcome…</option>
          {MAGIC_AMOUNTS.map((row) => (
            <option key={row.ending} value={String(row.ending)}>
              {`…${row.ending}: ${OUTCOMES[row.outcome].meaning}`}
            </option>
          ))}
        </select>
      </div>
      {problem !== undefined && (
        <p id={`${id}-problem`} className="op-problem">
          {problem}
        </p>
      )}
      <button type="submit" disabled={disabled || problem !== undefined}>
        Send payment
      </button>
      <OutcomeLine state={state} />
    </form>
  );
}
