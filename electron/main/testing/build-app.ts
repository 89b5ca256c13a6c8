import { execFile } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The repository root: this file sits in `<root>/electron/main/testing/`. */
export const ROOT = resolve(import.meta.dirname, '..', '..', '..');

/**
 * Builds the whole app (main, preload, renderer) with the project's own electron-vite config into
 * a fresh folder under `<root>/tmp/` and returns it (`<dir>/main/index.js`, …). Inside the
 * repository, so the bundle's package imports resolve from its node_modules; apart from `out/`,
 * so an e2e run reading `out/` at the same time is never disturbed.
 */
export async function buildAppIntoFreshFolder(): Promise<string> {
  await mkdir(join(ROOT, 'tmp'), { recursive: true });
  const dir = await mkdtemp(join(ROOT, 'tmp', 'app-build-'));
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'build',
      '--outDir',
      dir,
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT },
  );
  return dir;
}
