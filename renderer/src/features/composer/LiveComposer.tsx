import { useMemo } from 'react';
import { err } from '@shared/result';
import { useHarnessApi } from '../../api/api-context';
import { selectLedger, selectSimulatorInfo } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { composerActions } from './commands';
import type { ComposerActions } from './composer-actions';
import {
  paymentsInFlight,
  selectComposerUnavailable,
  selectSessionOps,
  selectTracedOps,
} from './composer-selectors';
import { Composer } from './Composer';

const NO_CORE = () => Promise.resolve(err('no harness core'));

const OFFLINE: ComposerActions = {
  login: NO_CORE,
  logout: NO_CORE,
  pay: NO_CORE,
  status: NO_CORE,
  reverse: NO_CORE,
  abort: NO_CORE,
  admin: NO_CORE,
};

/** The composer bound to the core's `requests:*` calls and the store's ledger and session. */
export function LiveComposer() {
  const api = useHarnessApi();
  const actions = useMemo(() => (api === null ? OFFLINE : composerActions(api)), [api]);
  const ledger = useHarnessStore(selectLedger);
  const ops = useHarnessStore(selectSessionOps);
  const traced = useHarnessStore(selectTracedOps);
  const payments = useMemo(() => paymentsInFlight(ops, traced), [ops, traced]);
  const unavailable = useHarnessStore(selectComposerUnavailable);
  const currency = useHarnessStore(selectSimulatorInfo)?.simulator?.settings.currency;
  return (
    <Composer
      actions={actions}
      unavailableReason={unavailable}
      ledger={ledger}
      paymentsInFlight={payments}
      defaultCurrency={currency}
    />
  );
}
