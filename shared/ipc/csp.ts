import type { HarnessMode } from './contract';

/**
 * The Content-Security-Policy of the renderer page, per mode. Both hosts (Electron's custom
 * protocol, the browser-mode HTTP server) send it as a response header; the page has no inline
 * script or style, so nothing needs `unsafe-inline`.
 *
 * - `electron`: the renderer has no network at all (`connect-src 'none'`): IPC is not a fetch.
 * - `browser`: the renderer may open exactly the host's own WebSocket (`wsOrigins`, e.g.
 *   `ws://127.0.0.1:5318`), which carries the HarnessApi.
 */
export function contentSecurityPolicy(
  mode: HarnessMode,
  wsOrigins: readonly string[] = [],
): string {
  const connect = mode === 'electron' || wsOrigins.length === 0 ? "'none'" : wsOrigins.join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
