import { useId } from 'react';
import type { LedgerEntry } from '@shared/trace/events';
import { AbortForm } from './AbortForm';
import { AdminForm } from './AdminForm';
import type { ComposerActions, PaymentInFlight } from './composer-actions';
import { OutcomeLine } from './OutcomeLine';
import { PaymentForm } from './PaymentForm';
import { ReversalForm } from './ReversalForm';
import { StatusForm } from './StatusForm';
import { useOperation } from './use-operation';
import './composer.css';

export interface ComposerProps {
  readonly actions: ComposerActions;
  /** Why no request can be sent now (e.g. terminal role); undefined = requests allowed. */
  readonly unavailableReason?: string;
  readonly ledger: readonly LedgerEntry[] | null;
  readonly paymentsInFlight: readonly PaymentInFlight[];
  readonly defaultCurrency?: string;
}

/** A one-button operation (Login, Logout) with its outcome line. */
function SimpleOperation({
  label,
  button,
  run,
  disabled,
}: {
  readonly label: string;
  readonly button: string;
  readonly run: ComposerActions['login'];
  readonly disabled: boolean;
}) {
  const [state, start] = useOperation();
  return (
    <form
      className="op-form op-simple"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void start(label, run);
      }}
    >
      <button type="submit" disabled={disabled}>
        {button}
      </button>
      <OutcomeLine state={state} />
    </form>
  );
}

/**
 * The composer (README "Requests (composer)"): every request kind of the reference client. Each form shows
 * its operation's final outcome right under its button. Button names avoid the fault buttons'
 * names (Playwright matches names by substring), so "Log out" here, "Logout" in the faults.
 */
export function Composer({
  actions,
  unavailableReason,
  ledger,
  paymentsInFlight,
  defaultCurrency,
}: ComposerProps) {
  const titleId = useId();
  const disabled = unavailableReason !== undefined;
  return (
    <section className="panel-box composer" aria-labelledby={titleId}>
      <h2 id={titleId}>Requests</h2>
      {disabled && <p className="op-unavailable">{unavailableReason}</p>}
      <div className="op-simple-row">
        <SimpleOperation label="Login" button="Log in" run={actions.login} disabled={disabled} />
        <SimpleOperation label="Logout" button="Log out" run={actions.logout} disabled={disabled} />
      </div>
      <PaymentForm pay={actions.pay} disabled={disabled} defaultCurrency={defaultCurrency} />
      <StatusForm status={actions.status} disabled={disabled} />
      <ReversalForm reverse={actions.reverse} disabled={disabled} ledger={ledger} />
      <AbortForm abort={actions.abort} disabled={disabled} payments={paymentsInFlight} />
      <AdminForm admin={actions.admin} disabled={disabled} />
    </section>
  );
}
