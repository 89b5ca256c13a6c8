import { useCallback } from 'react';
import type { Verdict } from '@shared/trace/checkers';
import { selectRole } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { showLiveEvent } from './commands';
import { selectLiveVerdicts } from './verdicts-slice';
import { VerdictsPanel } from './VerdictsPanel';

/** The live verdicts bound to the store; a click shows the event a verdict is about on the live timeline. */
export function LiveVerdictsPanel() {
  const store = useHarnessStoreApi();
  const verdicts = useHarnessStore(selectLiveVerdicts);
  const role = useHarnessStore(selectRole);
  const onShow = useCallback(
    (_verdict: Verdict, seq: number) => showLiveEvent(store, seq),
    [store],
  );
  return <VerdictsPanel verdicts={verdicts} role={role} onShow={onShow} />;
}
