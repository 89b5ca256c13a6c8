import { join } from 'node:path';
import { app, BrowserWindow, type WebContents } from 'electron';
import { createHarnessCore } from '../core/harness';
import { forwardEvents, registerHarnessIpc } from './ipc';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { hardenApp } from './security';
import { createMainWindow } from './window';

// Test override: a fresh profile per e2e worker (and thus its own single-instance lock).
// Ignored in packaged builds, where nothing may redirect the app's data.
const testUserData = process.env['A2A_USER_DATA_DIR'];
if (!app.isPackaged && testUserData !== undefined && testUserData !== '')
  app.setPath('userData', testUserData);

const log = (line: string): void => void process.stderr.write(`a2a main: ${line}\n`);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  // ServiceID state and the payment journal survive restarts of the app, in its user data.
  const core = createHarnessCore({
    mode: 'electron',
    dataDir: join(app.getPath('userData'), 'harness'),
    log,
  });
  const windows = new Set<WebContents>();
  let mainWindow: BrowserWindow | undefined;

  const openWindow = (): void => {
    const window = createMainWindow(join(import.meta.dirname, '../preload/index.cjs'));
    const contents = window.webContents;
    windows.add(contents);
    forwardEvents(core, contents);
    window.on('closed', () => {
      windows.delete(contents);
      if (mainWindow === window) mainWindow = undefined;
    });
    mainWindow = window;
  };

  app.on('second-instance', () => {
    if (mainWindow === undefined) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => core.close());

  void app.whenReady().then(() => {
    hardenApp();
    serveAppProtocol(join(import.meta.dirname, '../renderer'));
    registerHarnessIpc(core, windows, log);
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });
}
