// Shared by the scripts that drive the real page in Chromium (screenshots, the UI benchmark):
// start `a2a web` as a user starts it, and launch the system's Chromium through Playwright.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The repository root (this file sits in scripts/lib/). */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Quiet flags: no background traffic, no GPU (headless boxes), root-friendly. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Why the built app is missing, or undefined when `npm run build` has run. These scripts drive
 * what a user runs, so they never build on their own.
 * @returns {string | undefined}
 */
export function missingBuild() {
  for (const file of ['out/main/cli.js', 'out/renderer/index.html']) {
    if (!existsSync(resolve(ROOT, file))) return `${file} is missing: run \`npm run build\` first`;
  }
  return undefined;
}

/**
 * The Chromium to drive: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium (the same order
 * the e2e runs use after Playwright's own browser, which is never downloaded here).
 * @returns {string}
 */
export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('no Chromium found: set CHROMIUM_PATH, or install the Debian package "chromium"');
}

/** Launches headless Chromium. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * Starts `node bin/a2a.mjs web --port 0 --json` and waits for its listening line.
 * @returns {Promise<{ url: string, stderr: () => string, stop: () => Promise<number | null> }>}
 */
export async function startWebHost() {
  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'bin/a2a.mjs'), 'web', '--port', '0', '--json'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const [first] = await Promise.race([
    once(lines, 'line'),
    exited.then(([code]) => {
      throw new Error(`a2a web exited (${code}) before listening:\n${stderr}`);
    }),
  ]);
  const listening = JSON.parse(first);
  if (listening.event !== 'listening' || typeof listening.url !== 'string') {
    child.kill('SIGTERM');
    throw new Error(`a2a web: unexpected first line: ${first}`);
  }
  return {
    url: listening.url,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await exited;
      return code;
    },
  };
}
