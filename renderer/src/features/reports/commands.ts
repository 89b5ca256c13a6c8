import type { HarnessApi, HarnessMode, ReportRequest } from '@shared/ipc';
import { renderReport } from '@shared/report';
import { ok, type Result } from '@shared/result';
import { serialiseTrace } from '@shared/trace/format';
import { toTextResult } from '../../api/api-result';
import type { ReplayTrace } from '../../store/replay-slice';
import { downloadText } from '../traces/download';

/** Media types of the files a report request produces, by extension. */
const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html',
  xml: 'application/xml',
};

function typeOf(fileName: string): string {
  return TYPES[fileName.split('.').pop() ?? ''] ?? 'application/octet-stream';
}

/**
 * Writes a report (README "Reports"): in Electron main shows the native save dialog and writes
 * it; in browser mode the page downloads what the core rendered. Resolves to the line the
 * status note shows.
 */
export async function exportReport(
  api: HarnessApi,
  mode: HarnessMode,
  request: ReportRequest,
  download: typeof downloadText = downloadText,
): Promise<Result<string, string>> {
  if (mode === 'electron') {
    const saved = toTextResult(await api.report.saveAs(request));
    if (!saved.ok) return saved;
    return ok(saved.value.kind === 'saved' ? `Saved to ${saved.value.path}` : 'Save cancelled');
  }
  const file = toTextResult(await api.report.export(request));
  if (!file.ok) return file;
  download(file.value.fileName, file.value.text, typeOf(file.value.fileName));
  return ok(`Downloaded ${file.value.fileName}`);
}

/** `trace.jsonl` → `trace.html`. */
function htmlName(fileName: string): string {
  return fileName.replace(/\.jsonl?$/i, '') + '.html';
}

/**
 * The report of the trace open in the replay view. The text is the trace as the harness writes
 * it (for a file the harness wrote, the same bytes as the file). In Electron main saves it; in
 * browser mode the page renders it itself with the same pure renderer, because a large trace
 * would not fit in one bridge frame.
 */
export async function exportReplayReport(
  api: HarnessApi,
  mode: HarnessMode,
  replay: ReplayTrace,
  download: typeof downloadText = downloadText,
): Promise<Result<string, string>> {
  const text = serialiseTrace(replay.header, replay.events);
  if (mode === 'electron')
    return exportReport(api, mode, { kind: 'trace', text, fileName: replay.fileName }, download);
  const fileName = htmlName(replay.fileName);
  const html = renderReport({
    header: replay.header,
    events: replay.events,
    text,
    fileName: replay.fileName,
  });
  download(fileName, html, 'text/html');
  return ok(`Downloaded ${fileName}`);
}
