import { useCallback, useEffect } from 'react';
import { err } from '@shared/result';
import type { Verdict } from '@shared/trace/checkers';
import { useHarnessApi } from '../../api/api-context';
import { exportReport } from '../reports/commands';
import { ScenarioExports } from '../reports/ScenarioExports';
import { selectMode, selectStreamLiveSince } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import {
  loadScenarioCatalogue,
  openScenarioTrace,
  runScenarios,
  showScenarioVerdict,
} from './commands';
import {
  selectScenarioBatch,
  selectScenarioCatalogue,
  selectScenarioCatalogueError,
  selectScenarioExpanded,
  selectScenarioRunError,
  selectScenarioRunPending,
  selectScenarioRuns,
  selectScenarioSelection,
} from './scenarios-slice';
import { ScenariosPanel } from './ScenariosPanel';
import type { ScenarioRun } from './scenario-runs';

/**
 * The scenarios panel bound to the store and the core. The list is fetched once the event
 * stream is live (and again after a reconnect, if it failed); progress arrives on the stream.
 */
export function LiveScenariosPanel() {
  const api = useHarnessApi();
  const store = useHarnessStoreApi();
  const catalogue = useHarnessStore(selectScenarioCatalogue);
  const catalogueError = useHarnessStore(selectScenarioCatalogueError);
  const batch = useHarnessStore(selectScenarioBatch);
  const runs = useHarnessStore(selectScenarioRuns);
  const runPending = useHarnessStore(selectScenarioRunPending);
  const runError = useHarnessStore(selectScenarioRunError);
  const selection = useHarnessStore(selectScenarioSelection);
  const expanded = useHarnessStore(selectScenarioExpanded);
  const liveSince = useHarnessStore(selectStreamLiveSince);
  const mode = useHarnessStore(selectMode);
  const listed = catalogue !== null;

  useEffect(() => {
    if (api === null || listed || liveSince === null) return;
    void loadScenarioCatalogue(api, store);
  }, [api, store, listed, liveSince]);

  const actions = store.getState();
  const onRun = useCallback(
    (names: readonly string[] | 'all') => {
      if (api !== null) void runScenarios(api, store, names);
    },
    [api, store],
  );
  const onOpenTrace = useCallback(
    (run: ScenarioRun) => {
      if (api !== null) void openScenarioTrace(api, store, run.batchId, run.report);
    },
    [api, store],
  );
  const onShowVerdict = useCallback(
    (run: ScenarioRun, verdict: Verdict) => {
      if (api !== null) void showScenarioVerdict(api, store, run.batchId, run.report, verdict);
    },
    [api, store],
  );
  const onExport = useCallback(
    (id: string, format: 'html' | 'junit') =>
      api === null || mode === null
        ? Promise.resolve(err('no harness core'))
        : exportReport(api, mode, { kind: 'scenarios', batchId: id, format }),
    [api, mode],
  );
  const onReload = useCallback(() => {
    if (api !== null) void loadScenarioCatalogue(api, store);
  }, [api, store]);

  return (
    <ScenariosPanel
      catalogue={catalogue}
      catalogueError={catalogueError}
      batch={batch}
      runs={runs}
      runPending={runPending}
      runError={runError}
      selection={selection}
      expanded={expanded}
      onToggleSelected={actions.toggleScenarioSelected}
      onExpand={actions.expandScenario}
      onRun={onRun}
      onOpenTrace={onOpenTrace}
      onShowVerdict={onShowVerdict}
      onReload={onReload}
      exports={<ScenarioExports batch={batch} onExport={onExport} />}
    />
  );
}
