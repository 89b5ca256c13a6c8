import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { ApiResult, SaveAsResult } from '@shared/ipc';
import { err, ok } from '@shared/result';
import type { HarnessCore } from '../core/harness';

/**
 * `trace:saveAs` in the desktop app: asks the core for the run's trace, shows the native save
 * dialog (modal to the window that asked) and writes the file. The core stays Electron-free; in
 * browser mode the same call answers `unavailable` and the renderer downloads `trace:save`.
 */
export async function saveTraceWithDialog(
  core: HarnessCore,
  window: BrowserWindow | null,
): Promise<ApiResult<SaveAsResult>> {
  const trace = await core.calls['trace:save'](undefined);
  if (!trace.ok) return trace;
  const options: SaveDialogOptions = {
    title: 'Save trace',
    defaultPath: join(app.getPath('documents'), trace.value.fileName),
    filters: [
      { name: 'App2App trace (JSON Lines)', extensions: ['jsonl'] },
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
    await writeFile(choice.filePath, trace.value.text, 'utf8');
  } catch (error) {
    return err({
      kind: 'unavailable',
      message: `cannot write ${choice.filePath}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return ok({ kind: 'saved', path: choice.filePath });
}
