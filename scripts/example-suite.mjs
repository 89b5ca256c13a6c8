#!/usr/bin/env node
// @ts-check
// Runs examples/playwright-suite, an integrator's own suite that imports the fixture by its
// package name (`app2app-harness/playwright`), the way it would after
// `npm install --save-dev path/to/app2app-harness`: its node_modules gets a link to this
// package, exactly what npm makes for that `file:` dependency, and nothing is downloaded
// (@playwright/test resolves from this repository's node_modules above it).
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromiumPath, missingBuild, ROOT } from './lib/web-harness.mjs';

const EXAMPLE = join(ROOT, 'examples', 'playwright-suite');

/** @param {string} message */
function fail(message) {
  process.stderr.write(`example suite: ${message}\n`);
  process.exit(1);
}

const missing =
  missingBuild() ??
  (existsSync(join(ROOT, 'out', 'playwright', 'harness-fixture.js'))
    ? undefined
    : 'out/playwright is missing: run `npm run build` first');
if (missing !== undefined) fail(missing);

const link = join(EXAMPLE, 'node_modules', 'app2app-harness');
const linked = (() => {
  try {
    return lstatSync(link).isSymbolicLink();
  } catch {
    return false;
  }
})();
if (!linked) {
  if (existsSync(link)) fail(`${link} exists and is not a link to this package`);
  mkdirSync(join(EXAMPLE, 'node_modules'), { recursive: true });
  symlinkSync(relative(join(EXAMPLE, 'node_modules'), ROOT), link, 'dir');
}

let chromium = '';
try {
  chromium = chromiumPath();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const result = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)],
  {
    cwd: EXAMPLE,
    stdio: 'inherit',
    env: { ...process.env, CHROMIUM_PATH: chromium },
  },
);
if (result.error) fail(`could not run Playwright: ${result.error.message}`);
process.exitCode = result.status ?? 1;
