import { useCallback } from 'react';
import type { FaultRequest, HarnessArmedKind } from '@shared/ipc';
import { err } from '@shared/result';
import { useHarnessApi } from '../../api/api-context';
import { selectArmedFaults, selectFaults, selectSimulatorRuns } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { ArmedFaults } from './ArmedFaults';
import { applyFault, disarmFaults, resetSimulator } from './commands';
import { FaultBar } from './FaultBar';

const NO_CORE = err('no harness core');

/** The fault bar bound to the core: availability from the store, presses to `faults:apply`. */
export function LiveFaultBar() {
  const api = useHarnessApi();
  const faults = useHarnessStore(selectFaults);
  const onApply = useCallback(
    (request: FaultRequest) => (api === null ? Promise.resolve(NO_CORE) : applyFault(api, request)),
    [api],
  );
  return <FaultBar availability={faults} onApply={onApply} />;
}

/** The armed faults of the embedded simulator or the proxy, as the core last pushed them. */
export function LiveArmedFaults() {
  const api = useHarnessApi();
  const armed = useHarnessStore(selectArmedFaults);
  const canReset = useHarnessStore(selectSimulatorRuns);
  const onDisarm = useCallback(
    (kind?: HarnessArmedKind) =>
      api === null ? Promise.resolve(NO_CORE) : disarmFaults(api, kind),
    [api],
  );
  const onReset = useCallback(
    () => (api === null ? Promise.resolve(NO_CORE) : resetSimulator(api)),
    [api],
  );
  return <ArmedFaults armed={armed} canReset={canReset} onDisarm={onDisarm} onReset={onReset} />;
}
