import type { HarnessApi, ScenarioReport } from '@shared/ipc';
import { verdictFocus, type Verdict } from '@shared/trace/checkers';
import type { TraceEvent, TraceHeader } from '@shared/trace/events';
import { apiErrorText } from '../../api/api-result';
import type { HarnessStore } from '../../store/harness-store';

/** Fetches the scenarios the core can run (the built-in packs and any files given at start). */
export async function loadScenarioCatalogue(api: HarnessApi, store: HarnessStore): Promise<void> {
  const listed = await api.scenarios.list();
  const s = store.getState();
  if (listed.ok) s.setScenarioCatalogue(listed.value);
  else s.failScenarioCatalogue(apiErrorText(listed));
}

/**
 * Runs scenarios (by name, or all). Progress arrives on the event stream while the call runs;
 * its answer (the whole batch) is applied too, so a window that missed events still ends right.
 */
export async function runScenarios(
  api: HarnessApi,
  store: HarnessStore,
  names: readonly string[] | 'all',
): Promise<void> {
  const s = store.getState();
  s.startScenarioRun();
  const ran = await api.scenarios.run({ names });
  store.getState().endScenarioRun(ran.ok ? { batch: ran.value } : { error: apiErrorText(ran) });
}

/**
 * Opens the trace of one run of the last batch in the centre, fetched page by page (pages keep
 * browser-mode frames small), with `focusSeq` selected. When that trace is open already, only
 * the selection moves.
 */
export async function openScenarioTrace(
  api: HarnessApi,
  store: HarnessStore,
  batchId: string,
  report: ScenarioReport,
  focusSeq?: number,
): Promise<void> {
  const open = store.getState().scenarioTrace;
  if (open !== null && open.batchId === batchId && open.name === report.name) {
    if (focusSeq !== undefined) store.getState().selectScenarioTraceRow(focusSeq);
    return;
  }
  const key = { batchId, name: report.name };
  store.getState().loadScenarioTrace(report, batchId, focusSeq);
  const events: TraceEvent[] = [];
  let header: TraceHeader | undefined;
  for (;;) {
    const page = await api.scenarios.trace({ ...key, afterSeq: events.at(-1)?.seq ?? 0 });
    if (!page.ok) {
      store.getState().failScenarioTrace(key, apiErrorText(page));
      return;
    }
    header = page.value.header;
    events.push(...page.value.events);
    if (!page.value.more || page.value.events.length === 0) break;
  }
  store.getState().fillScenarioTrace(key, { header, events });
}

/** Shows a verdict of a scenario run: its trace opens with the event the verdict is about selected. */
export function showScenarioVerdict(
  api: HarnessApi,
  store: HarnessStore,
  batchId: string,
  report: ScenarioReport,
  verdict: Verdict,
): Promise<void> {
  return openScenarioTrace(api, store, batchId, report, verdictFocus(verdict));
}
