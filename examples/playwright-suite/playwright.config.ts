import { defineConfig } from '@playwright/test';

/**
 * An integrator's own suite: the `harness` fixture starts `a2a web` itself, so this config only
 * says where the specs are and which browser to launch. `CHROMIUM_PATH` picks an installed
 * Chromium instead of Playwright's download; `--no-sandbox` is for running as root in a container.
 */
const executablePath = process.env['CHROMIUM_PATH'];

export default defineConfig({
  testDir: 'tests',
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    launchOptions: {
      ...(executablePath === undefined || executablePath === '' ? {} : { executablePath }),
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    },
  },
});
