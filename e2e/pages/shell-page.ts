import { expect, type Locator, type Page } from '@playwright/test';

/** The harness shell as a person sees it: app bar, connection state, core facts. */
export class ShellPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly connection: Locator;
  readonly coreSummary: Locator;
  readonly startupError: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-app-state]');
    this.title = page.getByRole('heading', { level: 1 });
    // Scoped to the app bar: other panels (e.g. live verdicts) announce their own status.
    this.connection = page.getByRole('banner').getByRole('status');
    this.coreSummary = page.getByRole('region', { name: 'Harness core' });
    this.startupError = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: 'The harness could not start' }) });
  }

  /** A fact the core reported ("Version", "Started", "Mode", "Event stream"): the value after its term. */
  fact(name: string): Locator {
    return this.coreSummary
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${name}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  async waitUntilReady(): Promise<void> {
    await expect(this.root).toHaveAttribute('data-app-state', 'ready');
  }

  async version(): Promise<string> {
    return (await this.fact('Version').textContent())?.trim() ?? '';
  }
}
