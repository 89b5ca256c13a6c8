import { BrowserWindow } from 'electron';
import { PRODUCT_NAME } from '../core/version';
import { APP_ENTRY_URL } from './app-url';
import { secureWebPreferences } from './web-preferences';

/**
 * The window factory: the only place a BrowserWindow is made, so every window gets the secure
 * web preferences. Shown when its first paint is ready (no white flash).
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    title: PRODUCT_NAME,
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
