import { useCallback } from 'react';
import { err } from '@shared/result';
import { useHarnessApi } from '../../api/api-context';
import { selectCentreView, selectMode, selectReplay } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { exportReplayReport, exportReport } from './commands';
import { ExportReportButton } from './ExportReportButton';

/** "Export report" bound to what the centre shows: the live run, or the trace open in replay. */
export function LiveExportReport() {
  const api = useHarnessApi();
  const mode = useHarnessStore(selectMode);
  const centre = useHarnessStore(selectCentreView);
  const replay = useHarnessStore(selectReplay);

  const onExport = useCallback(() => {
    if (api === null || mode === null) return Promise.resolve(err('no harness core'));
    return centre === 'replay' && replay !== null
      ? exportReplayReport(api, mode, replay)
      : exportReport(api, mode, { kind: 'run' });
  }, [api, mode, centre, replay]);

  return <ExportReportButton onExport={onExport} />;
}
