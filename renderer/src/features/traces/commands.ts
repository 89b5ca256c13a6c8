import type { HarnessApi, HarnessMode } from '@shared/ipc';
import { err, ok, type Result } from '@shared/result';
import { traceToMermaid } from '@shared/trace/mermaid';
import { describeTraceError, parseTrace } from '@shared/trace/reader';
import type { TraceEvent } from '@shared/trace/view';
import { toTextResult } from '../../api/api-result';
import type { HarnessStore } from '../../store/harness-store';
import type { ReplayTrace } from '../../store/replay-slice';
import { downloadText } from './download';

/** Switches recording on or off; the store follows the core's answer. */
export async function setRecording(
  api: HarnessApi,
  store: HarnessStore,
  on: boolean,
): Promise<Result<boolean, string>> {
  const result = toTextResult(await api.trace.setRecording({ on }));
  if (!result.ok) return result;
  store.getState().setRecording(result.value.recording, result.value.skipped);
  return ok(result.value.recording);
}

/**
 * Saves the current run's trace: in Electron main shows the native save dialog and writes the
 * file; in browser mode the page downloads it. Resolves to what happened, for the status line.
 */
export async function saveTrace(
  api: HarnessApi,
  mode: HarnessMode,
  download: typeof downloadText = downloadText,
): Promise<Result<string, string>> {
  if (mode === 'electron') {
    const saved = toTextResult(await api.trace.saveAs());
    if (!saved.ok) return saved;
    return ok(saved.value.kind === 'saved' ? `Saved to ${saved.value.path}` : 'Save cancelled');
  }
  const file = toTextResult(await api.trace.save());
  if (!file.ok) return file;
  download(file.value.fileName, file.value.text, 'application/x-ndjson');
  return ok(`Downloaded ${file.value.fileName}`);
}

/**
 * Reads a trace file the user picked and parses it here with the same pure reader the core
 * uses (a 100,000-event file must not cross the bridge twice). A corrupt or unsupported file
 * becomes an error that names the file and the line.
 */
export function readTraceText(fileName: string, text: string): Result<ReplayTrace, string> {
  const parsed = parseTrace(text);
  if (!parsed.ok) return err(`${fileName} ${describeTraceError(parsed.error)}`);
  return ok({
    fileName,
    header: parsed.value.header,
    events: parsed.value.events,
    warnings: parsed.value.warnings.map((w) => `line ${w.line}: ${w.reason}`),
  });
}

/** Opens a trace file into the replay view, or shows why it cannot be opened. */
export async function openTraceFile(file: File, store: HarnessStore): Promise<void> {
  store.getState().startReplayLoad();
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    store
      .getState()
      .failReplay(
        `${file.name}: could not be read (${error instanceof Error ? error.message : String(error)})`,
      );
    return;
  }
  const trace = readTraceText(file.name, text);
  if (trace.ok) store.getState().openReplay(trace.value);
  else store.getState().failReplay(trace.error);
}

/** The visible flow as a Mermaid sequence diagram. */
export function mermaidOf(events: readonly TraceEvent[], title: string): string {
  return traceToMermaid(events, { title });
}
