import { useCallback } from 'react';
import type { TraceEvent } from '@shared/trace/view';
import { selectReplay, selectReplayId } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { MermaidExport } from '../traces/MermaidExport';
import { ReplayView } from './ReplayView';

/** The replay view of the trace the store holds (nothing when no trace is open). */
export function LiveReplay() {
  const store = useHarnessStoreApi();
  const trace = useHarnessStore(selectReplay);
  const id = useHarnessStore(selectReplayId);
  const onClose = useCallback(() => store.getState().closeReplay(), [store]);
  const renderExport = useCallback(
    (visible: () => readonly TraceEvent[]) =>
      trace === null ? null : <MermaidExport events={visible} title={trace.fileName} />,
    [trace],
  );
  if (trace === null) return null;
  return <ReplayView key={id} trace={trace} onClose={onClose} renderExport={renderExport} />;
}
