import { useCallback } from 'react';
import type { ConfigureRequest } from '@shared/ipc';
import { err } from '@shared/result';
import { useHarnessApi } from '../../api/api-context';
import { useConfirmation } from '../../components/ConfirmDialog';
import { selectRun } from '../../store/selectors';
import type { HarnessState } from '../../store/harness-state';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { configureRole } from './commands';
import { RolePanel } from './RolePanel';

const copy = (text: string) => navigator.clipboard.writeText(text);

/** Events of the current run on the timeline: what a new run would take off it. */
const eventsOfRun = (s: HarnessState) => s.timeline.length;

/**
 * The role switcher bound to `simulator:configure` and the store's current run. A new role
 * starts a new run, so on a run with events it asks first (README "Care with work").
 */
export function LiveRolePanel() {
  const api = useHarnessApi();
  const store = useHarnessStoreApi();
  const run = useHarnessStore(selectRun);
  const { ask, dialog } = useConfirmation();
  const onConfigure = useCallback(
    async (request: ConfigureRequest) => {
      if (api === null) return err('no harness core');
      const events = eventsOfRun(store.getState());
      if (events > 0) {
        const go = await ask({
          title: 'Start a new run?',
          description: `Applying the role starts a new run: the ${String(events)} events of this run leave the timeline. To keep them, choose "Keep this run" and press "Save trace" first.`,
          confirm: 'Start a new run',
          cancel: 'Keep this run',
        });
        if (!go) return err('Not applied: this run is kept.');
      }
      return configureRole(api, request);
    },
    [api, store, ask],
  );
  return (
    <>
      <RolePanel run={run} onConfigure={onConfigure} copyText={copy} />
      {dialog}
    </>
  );
}
