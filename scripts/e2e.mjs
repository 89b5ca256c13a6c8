#!/usr/bin/env node
// End-to-end tests: the web target in Chromium, then the electron target (which skips itself,
// with one printed reason, where no Electron runtime is installed). Extra arguments go to
// `playwright test`. Never downloads a browser: Chromium must already be on the machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** CHROMIUM_PATH, else Playwright's own browser if installed, else Debian's /usr/bin/chromium. */
function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    fail(`CHROMIUM_PATH=${fromEnv} does not exist.`);
  }
  const { chromium } = createRequire(import.meta.url)('@playwright/test');
  const bundled = chromium.executablePath();
  if (existsSync(bundled)) return bundled;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  fail(
    'no Chromium found for the end-to-end tests. Install it (Debian: `apt-get install chromium`) ' +
      'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
  );
}

/** @param {string} message @returns {never} */
function fail(message) {
  process.stderr.write(`e2e: ${message}\n`);
  process.exit(1);
}

if (
  !existsSync(join(root, 'out', 'main', 'cli.js')) ||
  !existsSync(join(root, 'out', 'renderer', 'index.html'))
)
  fail('the harness is not built; run `npm run build` first.');

const chromium = findChromium();

/** Runs one target; returns its exit status and the counts its JSON report gives. */
/** @param {'web' | 'electron'} target */
function run(target) {
  const report = join(tmpdir(), `a2a-e2e-${process.pid}-${target}.json`);
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', '@playwright', 'test', 'cli.js'),
      'test',
      '--reporter=list,json',
      ...args,
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_TARGET: target,
        CHROMIUM_PATH: chromium,
        PLAYWRIGHT_JSON_OUTPUT_NAME: report,
      },
    },
  );
  if (result.error) fail(`could not run Playwright: ${result.error.message}`);
  return { status: result.status ?? 1, counts: readCounts(report) };
}

/** The expected / unexpected / flaky / skipped counts of a Playwright JSON report. */
/** @param {string} file */
function readCounts(file) {
  try {
    const { stats } = JSON.parse(readFileSync(file, 'utf8'));
    rmSync(file, { force: true });
    return {
      passed: stats.expected + stats.flaky,
      failed: stats.unexpected,
      skipped: stats.skipped,
    };
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}

const web = run('web');
const electron = run('electron');
const total = (/** @type {'passed' | 'failed' | 'skipped'} */ key) =>
  web.counts[key] + electron.counts[key];
// One closing line for both targets, so a reader of the log sees the whole e2e result at once.
process.stdout.write(
  `e2e: ${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped\n`,
);
process.exitCode = web.status !== 0 ? web.status : electron.status;
