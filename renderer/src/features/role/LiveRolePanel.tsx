import { useCallback } from 'react';
import type { ConfigureRequest } from '@shared/ipc';
import { err } from '@shared/result';
import { useHarnessApi } from '../../api/api-context';
import { selectRun } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { configureRole } from './commands';
import { RolePanel } from './RolePanel';

const copy = (text: string) => navigator.clipboard.writeText(text);

/** The role switcher bound to `simulator:configure` and the store's current run. */
export function LiveRolePanel() {
  const api = useHarnessApi();
  const run = useHarnessStore(selectRun);
  const onConfigure = useCallback(
    (request: ConfigureRequest) =>
      api === null ? Promise.resolve(err('no harness core')) : configureRole(api, request),
    [api],
  );
  return <RolePanel run={run} onConfigure={onConfigure} copyText={copy} />;
}
