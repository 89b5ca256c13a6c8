import { useCallback } from 'react';
import { err } from '@shared/result';
import { useHarnessApi } from '../../api/api-context';
import { visibleEvents } from '../replay/visible-events';
import {
  selectCentreView,
  selectMode,
  selectRecording,
  selectReplayError,
  selectReplayLoading,
  selectRole,
} from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { openTraceFile, saveTrace, setRecording } from './commands';
import { LiveExportReport } from '../reports/LiveExportReport';
import { MermaidExport } from './MermaidExport';
import { TraceToolbar } from './TraceToolbar';

/** The trace toolbar bound to the core (record, save) and the store (open into replay). */
export function LiveTraceBar() {
  const api = useHarnessApi();
  const store = useHarnessStoreApi();
  const mode = useHarnessStore(selectMode);
  const recording = useHarnessStore(selectRecording);
  const openError = useHarnessStore(selectReplayError);
  const opening = useHarnessStore(selectReplayLoading);
  const centre = useHarnessStore(selectCentreView);
  const role = useHarnessStore(selectRole);

  const onRecordingChange = useCallback(
    (on: boolean) =>
      api === null ? Promise.resolve(err('no harness core')) : setRecording(api, store, on),
    [api, store],
  );
  const onSave = useCallback(
    () =>
      api === null || mode === null
        ? Promise.resolve(err('no harness core'))
        : saveTrace(api, mode),
    [api, mode],
  );
  const onOpen = useCallback((file: File) => void openTraceFile(file, store), [store]);
  const liveVisible = useCallback(() => {
    const s = store.getState();
    return visibleEvents(s.timeline, s.timelineFilter);
  }, [store]);

  return (
    <TraceToolbar
      recording={recording}
      onRecordingChange={onRecordingChange}
      onSave={onSave}
      onOpen={onOpen}
      openError={openError}
      opening={opening}
    >
      <LiveExportReport />
      {centre === 'live' && (
        <MermaidExport events={liveVisible} title={`a2a ${role ?? 'live'} run`} />
      )}
    </TraceToolbar>
  );
}
