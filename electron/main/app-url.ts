// Pure helpers (no `electron` import) so they can be unit-tested without an Electron runtime.

/** The custom scheme the renderer is served from in Electron (never `file://`). */
export const APP_SCHEME = 'app';
/** The one host of that scheme. */
export const APP_HOST = 'harness';
/** The renderer's origin in Electron. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Whether `url` belongs to our own renderer (same scheme and host); anything unparsable is not. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
