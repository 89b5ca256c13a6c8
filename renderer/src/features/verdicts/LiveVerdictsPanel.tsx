import { useCallback } from 'react';
import type { Verdict } from '@shared/trace/checkers';
import { selectRole } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { showLiveEvent } from './commands';
import { selectLiveVerdicts } from './verdicts-slice';
import { VerdictsPanel } from './VerdictsPanel';

/** The live verdicts bound to the store; a click shows the verdict's first event on the live timeline. */
export function LiveVerdictsPanel() {
  const store = useHarnessStoreApi();
  const verdicts = useHarnessStore(selectLiveVerdicts);
  const role = useHarnessStore(selectRole);
  const onShow = useCallback(
    (verdict: Verdict) => {
      const first = verdict.events[0];
      if (first !== undefined) showLiveEvent(store, first);
    },
    [store],
  );
  return <VerdictsPanel verdicts={verdicts} role={role} onShow={onShow} />;
}
