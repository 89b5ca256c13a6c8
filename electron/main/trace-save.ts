import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { ApiResult, ReportRequest, SaveAsResult, TraceFile } from '@shared/ipc';
import { err, ok } from '@shared/result';
import type { HarnessCore } from '../core/harness';

/** What the native save dialog offers for a file: its title and its file type. */
interface SaveKind {
  readonly title: string;
  readonly filterName: string;
}

/** File types by extension, for the dialog's filter. */
const KINDS: Readonly<Record<string, SaveKind>> = {
  '.jsonl': { title: 'Save trace', filterName: 'App2App trace (JSON Lines)' },
  '.html': { title: 'Save report', filterName: 'HTML report' },
  '.xml': { title: 'Save JUnit results', filterName: 'JUnit XML' },
};

/**
 * Shows the native save dialog (modal to the window that asked) for a file the core produced,
 * and writes it. The core stays Electron-free; in browser mode the same calls answer
 * `unavailable` and the renderer downloads the file instead.
 */
async function saveWithDialog(
  file: ApiResult<TraceFile>,
  window: BrowserWindow | null,
): Promise<ApiResult<SaveAsResult>> {
  if (!file.ok) return file;
  const extension = extname(file.value.fileName);
  const kind = KINDS[extension] ?? { title: 'Save', filterName: 'File' };
  const options: SaveDialogOptions = {
    title: kind.title,
    defaultPath: join(app.getPath('documents'), file.value.fileName),
    filters: [
      ...(extension === '' ? [] : [{ name: kind.filterName, extensions: [extension.slice(1)] }]),
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const choice =
    window === null
      ? await dialog.showSaveDialog(options)
      : await dialog.showSaveDialog(window, options);
  if (choice.canceled || choice.filePath === '') return ok({ kind: 'cancelled' });
  try {
    await writeFile(choice.filePath, file.value.text, 'utf8');
  } catch (error) {
    return err({
      kind: 'unavailable',
      message: `cannot write ${choice.filePath}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return ok({ kind: 'saved', path: choice.filePath });
}

/** `trace:saveAs` in the desktop app: the run's trace through the native save dialog. */
export async function saveTraceWithDialog(
  core: HarnessCore,
  window: BrowserWindow | null,
): Promise<ApiResult<SaveAsResult>> {
  return saveWithDialog(await core.calls['trace:save'](undefined), window);
}

/** `report:saveAs` in the desktop app: the report `report:export` renders, through the dialog. */
export async function saveReportWithDialog(
  core: HarnessCore,
  request: ReportRequest,
  window: BrowserWindow | null,
): Promise<ApiResult<SaveAsResult>> {
  return saveWithDialog(await core.calls['report:export'](request), window);
}
