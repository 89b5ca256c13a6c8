import { useCallback } from 'react';
import type { FaultRequest } from '@shared/ipc';
import { err } from '@shared/result';
import { useHarnessApi } from '../../api/api-context';
import { selectFaults } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { applyFault } from './commands';
import { FaultPanel } from './FaultPanel';

/** The fault panel bound to the core: availability from the store, presses to `faults:apply`. */
export function LiveFaultPanel() {
  const api = useHarnessApi();
  const faults = useHarnessStore(selectFaults);
  const onApply = useCallback(
    (request: FaultRequest) =>
      api === null ? Promise.resolve(err('no harness core')) : applyFault(api, request),
    [api],
  );
  return <FaultPanel availability={faults} onApply={onApply} />;
}
