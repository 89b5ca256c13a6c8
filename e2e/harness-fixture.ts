import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test as base, type Locator, type Page } from '@playwright/test';

/**
 * A Playwright fixture for integrators' own suites (README "A Playwright fixture for your own
 * suite"): it starts the harness in browser mode (`a2a web --port 0 --json`) with a chosen
 * simulator profile and, optionally, a scenario to run at once, opens the page in the test's
 * `page`, and reads verdicts from the page's documented markers (`data-scenario`,
 * `data-scenario-result`, `data-verdict`, `data-pass`, `data-events`). The package ships it
 * compiled as `app2app-harness/playwright`:
 *
 * ```ts
 * import { test, expect } from 'app2app-harness/playwright';
 * test.use({ harnessOptions: { profile: 'nexo', scenario: 'busy-at-start' } });
 * test('BUSY at start passes', async ({ harness }) => {
 *   const result = await harness.result();
 *   expect(result.pass).toBe(true);
 *   expect(result.verdicts.every((v) => v.pass)).toBe(true);
 * });
 * ```
 */

/** How the harness starts. */
export interface HarnessOptions {
  /** Profile of the embedded simulator the live harness talks to (default `app2app`). */
  readonly profile?: 'app2app' | 'nexo' | 'adyen';
  /** A built-in scenario's name or a scenario file: run as soon as the harness listens. */
  readonly scenario?: string;
  /** The command that runs `a2a` (default: `node <this package>/bin/a2a.mjs`). */
  readonly command?: readonly string[];
  /** Working directory of the harness process (relative scenario paths resolve from here). */
  readonly cwd?: string;
  /** How long a scenario result may take to show, ms (default 60 s). */
  readonly timeoutMs?: number;
  /**
   * Keep ServiceIDs and the payment journal in this folder across runs (`a2a web --data-dir`);
   * default: a fresh temporary folder per run.
   */
  readonly dataDir?: string;
}

/** One verdict as the page shows it. */
export interface VerdictMarker {
  readonly checker: string;
  readonly pass: boolean;
  readonly message: string;
  /** Seqs of the events the verdict rests on (of the run's trace). */
  readonly events: readonly number[];
}

/** One scenario result as the page shows it. */
export interface ScenarioOutcome {
  readonly name: string;
  readonly pass: boolean;
  readonly verdicts: readonly VerdictMarker[];
}

/** What the `harness` fixture gives a test. */
export interface Harness {
  /** The harness page (the test's own `page`), loaded and connected. */
  readonly page: Page;
  /** The page's URL, token included. */
  readonly url: string;
  /** The `--scenario` given in the options, by its scenario name, once the harness reported it. */
  startScenario(): Promise<string | undefined>;
  /**
   * The result of a scenario (default: the start scenario) once the scenarios panel has it; its
   * row is unfolded to read it.
   */
  result(name?: string): Promise<ScenarioOutcome>;
  /** The verdicts of a scenario result (default: the start scenario). */
  verdicts(name?: string): Promise<readonly VerdictMarker[]>;
  /** Presses the scenario's Run button and waits for its new result. */
  runScenario(name: string): Promise<ScenarioOutcome>;
  /** The live verdicts (every checker on the live run: the external POS in terminal role). */
  liveVerdicts(): Promise<readonly VerdictMarker[]>;
  /** What the harness wrote on stderr so far (JSON lines). */
  stderr(): string;
}

/**
 * The harness package's root: the nearest folder above this file whose package.json is ours.
 * Found rather than fixed, because the same code runs as `e2e/harness-fixture.ts` in the
 * repository and compiled as `out/playwright/harness-fixture.js` in the package entry.
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (name === 'app2app-harness') return dir;
    }
    if (dirname(dir) === dir)
      throw new Error(`app2app-harness: no package.json of ours above ${from}`);
  }
}

const PACKAGE_ROOT = findPackageRoot(import.meta.dirname);

interface Started {
  readonly url: string;
  readonly stderr: () => string;
  /** The `{"event":"scenario",...}` line's name, once it came. */
  readonly scenario: Promise<string | undefined>;
  stop(): Promise<void>;
}

async function startHarness(options: HarnessOptions): Promise<Started> {
  const [command, ...args] = options.command ?? [
    process.execPath,
    resolve(PACKAGE_ROOT, 'bin', 'a2a.mjs'),
  ];
  const flags = [
    'web',
    '--port',
    '0',
    '--json',
    ...(options.profile === undefined ? [] : ['--profile', options.profile]),
    ...(options.scenario === undefined ? [] : ['--scenario', options.scenario]),
    ...(options.dataDir === undefined ? [] : ['--data-dir', options.dataDir]),
  ];
  const child: ChildProcess = spawn(command ?? process.execPath, [...args, ...flags], {
    cwd: options.cwd ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let reportScenario: (name: string | undefined) => void = () => undefined;
  const scenario = new Promise<string | undefined>((done) => (reportScenario = done));
  if (options.scenario === undefined) reportScenario(undefined);
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr += `${line}\n`;
    try {
      const entry = JSON.parse(line) as { event?: unknown; name?: unknown };
      if (entry.event === 'scenario' && typeof entry.name === 'string') reportScenario(entry.name);
    } catch {
      // Not every stderr line needs to be JSON (a crash trace); it is kept in `stderr` anyway.
    }
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  const lines = createInterface({ input: child.stdout! });
  const [first] = await Promise.race([
    once(lines, 'line') as Promise<[string]>,
    exited.then(([code]) => {
      throw new Error(`a2a web exited (${String(code)}) before listening:\n${stderr}`);
    }),
  ]);
  const listening = JSON.parse(first) as { event?: string; url?: string };
  if (listening.event !== 'listening' || listening.url === undefined)
    throw new Error(`a2a web: unexpected first line: ${first}`);
  return {
    url: listening.url,
    stderr: () => stderr,
    scenario,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The part of a DOM element the marker reader uses (this file compiles without the DOM lib). */
interface MarkerElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { readonly textContent: string | null } | null;
}

async function readVerdicts(scope: Locator): Promise<VerdictMarker[]> {
  return scope.locator('[data-verdict]').evaluateAll((items: MarkerElement[]) =>
    items.map((item) => ({
      checker: item.getAttribute('data-verdict') ?? '',
      pass: item.getAttribute('data-pass') === 'true',
      message: item.querySelector('[data-verdict-message]')?.textContent ?? '',
      events: (item.getAttribute('data-events') ?? '')
        .split(' ')
        .filter((seq: string) => seq !== '')
        .map(Number),
    })),
  );
}

function createHarness(page: Page, started: Started, options: HarnessOptions): Harness {
  const timeout = options.timeoutMs ?? 60_000;
  const panel = page.getByRole('region', { name: 'Scenarios' });
  const row = (name: string) => panel.locator(`[data-scenario="${name}"]`);
  const nameOf = async (name: string | undefined): Promise<string> => {
    const chosen = name ?? (await started.scenario);
    if (chosen === undefined)
      throw new Error('no scenario named: pass a name, or set harnessOptions.scenario');
    return chosen;
  };
  const result = async (name?: string): Promise<ScenarioOutcome> => {
    const scenario = await nameOf(name);
    const item = row(scenario);
    await expect(item).toHaveAttribute('data-status', /^(passed|failed)$/, { timeout });
    // The row's disclosure button (its title) unfolds the result.
    const title = item.locator('button[aria-expanded]');
    if ((await title.getAttribute('aria-expanded')) !== 'true') await title.click();
    const block = item.locator(`[data-scenario-result="${scenario}"]`);
    await expect(block).toBeVisible();
    return {
      name: scenario,
      pass: (await block.getAttribute('data-pass')) === 'true',
      verdicts: await readVerdicts(block),
    };
  };
  return {
    page,
    url: started.url,
    startScenario: () => started.scenario,
    result,
    verdicts: async (name) => (await result(name)).verdicts,
    async runScenario(name) {
      await expect(row(name)).toBeVisible({ timeout });
      const before = (await panel.getAttribute('data-batch-id')) ?? '';
      await panel.getByRole('button', { name: `Run ${name}`, exact: true }).click();
      // A new batch, finished: the panel may still show the last one for a moment.
      await expect(panel).not.toHaveAttribute('data-batch-id', before, { timeout });
      await expect(panel).toHaveAttribute('data-scenarios-state', 'done', { timeout });
      return result(name);
    },
    async liveVerdicts() {
      const live = page.getByRole('region', { name: 'Live verdicts' });
      await expect(live).toHaveAttribute('data-verdicts-pass', /^(true|false)$/, { timeout });
      return readVerdicts(live);
    },
    stderr: started.stderr,
  };
}

/** `test` with a `harness` fixture (and its `harnessOptions`, set with `test.use`). */
export const test = base.extend<{ harnessOptions: HarnessOptions; harness: Harness }>({
  harnessOptions: [{}, { option: true }],
  harness: async ({ page, harnessOptions }, use) => {
    const started = await startHarness(harnessOptions);
    try {
      await page.goto(started.url);
      await expect(page.locator('[data-app-state]')).toHaveAttribute('data-app-state', 'ready');
      await use(createHarness(page, started, harnessOptions));
    } finally {
      await started.stop();
    }
  },
});

export { expect };
