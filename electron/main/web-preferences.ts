import type { WebPreferences } from 'electron';

/**
 * Every security setting of the window, in one place (DESIGN §9, STYLE "Electron security").
 * Most are Electron's defaults already; they are spelled out so a reader (and the e2e security
 * spec) sees them, and so a changed default in a future Electron cannot loosen them silently.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}
