import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '@shared/ipc';
import { contentTypeFor, findStaticFile } from '../web/static-files';
import { APP_HOST, APP_SCHEME } from './app-url';

/** Must run before `app` is ready: makes `app://` a standard, secure origin (like https). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // `corsEnabled`: Chromium fetches `<script type="module">` in CORS mode, which a custom
    // scheme must opt into (https://www.electronjs.org/docs/latest/api/protocol).
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, corsEnabled: true } },
  ]);
}

const HEADERS = {
  'Content-Security-Policy': contentSecurityPolicy('electron'),
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Serves the built renderer on `app://harness/…` with the Electron CSP (no network). Only files
 * inside `rendererDir` are reachable; the same path check as the browser-mode host applies.
 */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET')
      return new Response('not found', { status: 404 });
    const file = await findStaticFile(rendererDir, url.pathname);
    if (file === undefined) return new Response('not found', { status: 404 });
    return new Response(await readFile(file), {
      status: 200,
      headers: { ...HEADERS, 'Content-Type': contentTypeFor(file) },
    });
  });
}
