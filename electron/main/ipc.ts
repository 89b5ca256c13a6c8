import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CALL_CHANNELS, type ApiResult, type CallChannel, type CallHandlers } from '@shared/ipc';
import { serialisablePayload } from '@shared/ipc/api-frames';
import { err } from '@shared/result';
import type { HarnessCore } from '../core/harness';
import { dispatchCall } from '../core/harness/dispatch';
import { isAppUrl } from './app-url';
import { saveReportWithDialog, saveTraceWithDialog } from './trace-save';

/** Reports something worth a line in the main process log. */
export type MainLog = (line: string) => void;

/**
 * Only our own page, in the top frame of a window we created, may call the core: a frame that
 * navigated elsewhere, an iframe, or a foreign WebContents gets `forbidden`.
 */
function isTrustedSender(event: IpcMainInvokeEvent, windows: ReadonlySet<WebContents>): boolean {
  const frame = event.senderFrame;
  return (
    frame !== null && frame.parent === null && isAppUrl(frame.url) && windows.has(event.sender)
  );
}

/**
 * The core's handlers as the desktop app answers them: the same, except the calls only main can
 * answer because they need Electron (the native save dialogs, modal to the asking window).
 */
function mainHandlers(core: HarnessCore, sender: WebContents): CallHandlers {
  return {
    ...core.calls,
    'trace:saveAs': () => saveTraceWithDialog(core, BrowserWindow.fromWebContents(sender)),
    'report:saveAs': (request) =>
      saveReportWithDialog(core, request, BrowserWindow.fromWebContents(sender)),
  };
}

/**
 * The one `handle()` of the main process: checks the sender, parses the payload against the
 * contract (through the same dispatcher as browser mode) and answers with a result value.
 * Expected failures are values because Electron passes only an error's message across; only a
 * bug throws.
 */
function handle(
  channel: CallChannel,
  core: HarnessCore,
  windows: ReadonlySet<WebContents>,
  log: MainLog,
): void {
  ipcMain.handle(channel, (event, payload: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event, windows)) {
      log(`refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return Promise.resolve(
        err({ kind: 'forbidden', message: `${channel} is only for the harness window` }),
      );
    }
    return dispatchCall(mainHandlers(core, event.sender), channel, payload, (ch, error) =>
      log(`bug in ${ch}: ${error instanceof Error ? error.stack : String(error)}`),
    );
  });
}

/** Registers a handler for every call channel of the contract (none can be forgotten). */
export function registerHarnessIpc(
  core: HarnessCore,
  windows: ReadonlySet<WebContents>,
  log: MainLog,
): void {
  for (const channel of CALL_CHANNELS) handle(channel, core, windows, log);
}

/**
 * Streams the core's event batches to one window, subscribing again on every (re)load so the
 * new page gets its own `hello`. Returns the function that stops it.
 */
export function forwardEvents(core: HarnessCore, contents: WebContents): () => void {
  let unsubscribe: (() => void) | undefined;
  const subscribe = (): void => {
    unsubscribe?.();
    unsubscribe = core.subscribeEvents((batch) => {
      if (contents.isDestroyed()) return;
      try {
        contents.send('events:batch', batch);
      } catch {
        // A value structured clone refuses must not end the stream (README "Reliability and
        // limits"): the batch goes again with placeholders for what cannot be sent.
        contents.send('events:batch', serialisablePayload(batch));
      }
    });
  };
  contents.on('did-finish-load', subscribe);
  const stop = (): void => {
    unsubscribe?.();
    unsubscribe = undefined;
    contents.off('did-finish-load', subscribe);
  };
  contents.once('destroyed', stop);
  return stop;
}
