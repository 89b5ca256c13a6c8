import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';
import type { Target } from './e2e/fixtures';
import { findElectronRuntime } from './e2e/support/paths';

/**
 * Two targets, one suite: `web` (the browser-mode host in Chromium; the default) and `electron`
 * (the desktop app). Pick one with `E2E_TARGET=web|electron` or `--project web|electron`.
 */
const TARGETS: readonly Target[] = ['web', 'electron'];

const requested = process.env['E2E_TARGET'];
if (requested !== undefined && !TARGETS.includes(requested as Target))
  throw new Error(`E2E_TARGET must be one of ${TARGETS.join(', ')}, not "${requested}"`);

/** Project names given with --project on the command line (runner process only). */
function projectsOnCommandLine(): string[] {
  const names: string[] = [];
  process.argv.forEach((arg, i) => {
    if (arg === '--project') names.push(process.argv[i + 1] ?? '');
    else if (arg.startsWith('--project=')) names.push(arg.slice('--project='.length));
  });
  return names;
}

// Workers re-read this file with their own argv, so they always know both projects; the runner
// decides which ones run: E2E_TARGET, else --project, else the default (web).
const isWorker = process.env['TEST_WORKER_INDEX'] !== undefined;
const onCommandLine = projectsOnCommandLine();
const selected: readonly Target[] =
  requested !== undefined
    ? [requested as Target]
    : isWorker || onCommandLine.length > 0
      ? TARGETS
      : ['web'];

// One printed reason for the whole electron target when there is no runtime to launch.
const electronRuns =
  !isWorker &&
  selected.includes('electron') &&
  (requested === 'electron' || onCommandLine.includes('electron'));
const electronRuntime = findElectronRuntime();
if (electronRuns && !electronRuntime.ok)
  console.log(`electron target skipped: ${electronRuntime.reason}`);

/**
 * One worker per core (each brings up its own web host on port 0 and its own Chromium, so specs
 * share nothing), at most four; `E2E_WORKERS=N` overrides it (README "Testing").
 */
function workerCount(): number {
  const fromEnv = process.env['E2E_WORKERS'];
  if (fromEnv === undefined || fromEnv === '') return Math.min(4, availableParallelism());
  const count = Number(fromEnv);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`E2E_WORKERS must be a whole number from 1, not "${fromEnv}"`);
  return count;
}

export default defineConfig<object, { target: Target }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: workerCount(),
  forbidOnly: process.env['CI'] !== undefined,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure' },
  projects: selected.map((target) => ({
    name: target,
    use: { target },
    // The security spec pins Electron's settings; the web target has its own host spec.
    testIgnore: target === 'web' ? ['**/electron-*.spec.ts'] : ['**/web-*.spec.ts'],
  })),
});
