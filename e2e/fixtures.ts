import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  _electron,
  chromium,
  test as base,
  type Browser,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { HarnessPage } from './pages/harness-page';
import { ShellPage } from './pages/shell-page';
import { CHROMIUM_ARGS, findChromium, findElectronRuntime, ROOT } from './support/paths';
import {
  startWebHostProcess,
  type HostTiming,
  type WebHostProcess,
} from './support/web-host-process';

/** Where the shell runs: the browser-mode host in Chromium, or the Electron app. */
export type Target = 'web' | 'electron';

/** What a worker brings up for its target (or why it cannot). */
type Harness =
  | { readonly kind: 'web'; readonly host: WebHostProcess; readonly browser: Browser }
  | { readonly kind: 'electron'; readonly app: ElectronApplication }
  | { readonly kind: 'unavailable'; readonly reason: string };

interface WorkerFixtures {
  /** Set per project in playwright.config.ts. */
  target: Target;
  /**
   * The web host's `--timing` (README "Testing"): `fast` unless a spec tests how long the
   * simulator or the client take, which says `test.use({ hostTiming: 'realistic' })` and gets
   * workers of its own. The electron target always runs the app's own defaults.
   */
  hostTiming: HostTiming;
  harness: Harness;
}

interface TestFixtures {
  /** The shell's page, loaded, on whichever target the project runs. */
  shellPage: Page;
  shell: ShellPage;
  /** The whole window (session, faults, timeline, composer, ledger, role, traces), opened. */
  harnessPage: HarnessPage;
  /** The Electron app (electron target only; the test is skipped elsewhere). */
  electronApp: ElectronApplication;
  /** The browser-mode host process (web target only; the test is skipped elsewhere). */
  webHost: WebHostProcess;
}

async function launchElectron(executable: string): Promise<ElectronApplication> {
  const userData = await mkdtemp(join(tmpdir(), 'a2a-e2e-electron-'));
  const app = await _electron.launch({
    executablePath: executable,
    // Chromium refuses to start as root without --no-sandbox (containers, CI); this is the OS
    // sandbox of the browser process, not the renderer's `sandbox: true` web preference.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT],
    env: { ...process.env, A2A_USER_DATA_DIR: userData },
  });
  app.process().once('exit', () => void rm(userData, { recursive: true, force: true }));
  return app;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  target: ['web', { option: true, scope: 'worker' }],
  hostTiming: ['fast', { option: true, scope: 'worker' }],

  harness: [
    async ({ target, hostTiming }, use) => {
      if (target === 'electron') {
        const runtime = findElectronRuntime();
        if (!runtime.ok) {
          await use({ kind: 'unavailable', reason: `electron target skipped: ${runtime.reason}` });
          return;
        }
        const app = await launchElectron(runtime.path);
        await use({ kind: 'electron', app });
        await app.close();
        return;
      }
      const executable = findChromium();
      if (!executable.ok) throw new Error(`web target: ${executable.reason}`);
      const host = await startWebHostProcess(hostTiming);
      const browser = await chromium.launch({
        executablePath: executable.path,
        args: CHROMIUM_ARGS,
      });
      await use({ kind: 'web', host, browser });
      await browser.close();
      const code = await host.stop();
      if (code !== 0) throw new Error(`a2a web exited with ${String(code)} after SIGTERM, not 0`);
    },
    { scope: 'worker' },
  ],

  shellPage: async ({ harness }, use, testInfo) => {
    switch (harness.kind) {
      case 'unavailable':
        testInfo.skip(true, harness.reason);
        return;
      case 'electron':
        await use(await harness.app.firstWindow());
        return;
      case 'web': {
        const context = await harness.browser.newContext();
        const page = await context.newPage();
        await page.goto(harness.host.url);
        await use(page);
        await context.close();
        return;
      }
    }
  },

  shell: async ({ shellPage }, use) => {
    await use(new ShellPage(shellPage));
  },

  harnessPage: async ({ shellPage }, use) => {
    const page = new HarnessPage(shellPage);
    await page.open();
    await use(page);
  },

  electronApp: async ({ harness }, use, testInfo) => {
    if (harness.kind !== 'electron') {
      testInfo.skip(true, harness.kind === 'unavailable' ? harness.reason : 'electron target only');
      return;
    }
    await use(harness.app);
  },

  webHost: async ({ harness }, use, testInfo) => {
    if (harness.kind !== 'web') {
      testInfo.skip(true, 'web target only');
      return;
    }
    await use(harness.host);
  },
});

export { expect } from '@playwright/test';
