import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

/** The repository root (e2e/ sits directly in it). */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** The version the core must report: package.json's. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** A file to use, or why there is none. */
export type Found =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/**
 * The Chromium to drive: `CHROMIUM_PATH` if set, else Playwright's own browser if installed,
 * else Debian's `/usr/bin/chromium`. (`scripts/e2e.mjs` applies the same order.)
 */
export function findChromium(): Found {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '')
    return existsSync(fromEnv)
      ? { ok: true, path: fromEnv }
      : { ok: false, reason: `CHROMIUM_PATH=${fromEnv} does not exist` };
  const bundled = chromium.executablePath();
  if (existsSync(bundled)) return { ok: true, path: bundled };
  if (existsSync('/usr/bin/chromium')) return { ok: true, path: '/usr/bin/chromium' };
  return {
    ok: false,
    reason: 'no Chromium found: set CHROMIUM_PATH, or install Debian package "chromium"',
  };
}

/**
 * The Electron runtime, found without `require('electron')` (which would try to download it):
 * `node_modules/electron/path.txt` names the binary under `node_modules/electron/dist/`.
 */
export function findElectronRuntime(): Found {
  const dir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile))
    return {
      ok: false,
      reason: 'no Electron runtime installed (node_modules/electron/path.txt is missing)',
    };
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary))
    return { ok: false, reason: `no Electron runtime installed (${binary} is missing)` };
  return { ok: true, path: binary };
}

/** The browser launch flags the e2e runs use (quiet, no background traffic). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
