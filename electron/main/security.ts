import { app, session, type WebContents } from 'electron';
import { isAppUrl } from './app-url';

/**
 * Denies what the renderer must never do, for every WebContents the app ever creates: open
 * windows, navigate or redirect away from our own origin, attach a <webview>, or get a
 * permission (camera, notifications, clipboard, …). Called once, before the first window.
 */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
}

function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
