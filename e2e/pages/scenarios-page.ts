import { expect, type Locator, type Page } from '@playwright/test';

/** How long a batch of built-in scenarios may take in virtual time on a slow machine. */
export const SCENARIO_TIMEOUT = 60_000;

/**
 * The scenarios panel, the scenario trace in the centre and the live verdicts, located by role
 * and accessible name or by their documented markers (`data-scenario`, `data-status`,
 * `data-scenario-result`, `data-verdict`, `data-pass`, `data-events`).
 */
export class ScenariosPage {
  readonly panel: Locator;
  readonly progress: Locator;
  readonly trace: Locator;
  readonly traceTimeline: Locator;
  readonly liveVerdicts: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Scenarios' });
    this.progress = this.panel.getByRole('progressbar', { name: 'Scenario progress' });
    this.trace = page.getByRole('region', { name: /^Scenario trace of / });
    this.traceTimeline = this.trace.getByRole('listbox', { name: 'Scenario timeline' });
    this.liveVerdicts = page.getByRole('region', { name: 'Live verdicts' });
  }

  row(name: string): Locator {
    return this.panel.locator(`[data-scenario="${name}"]`);
  }

  result(name: string): Locator {
    return this.row(name).locator(`[data-scenario-result="${name}"]`);
  }

  /** Presses "Run <name>" and waits until a new batch has finished. */
  async run(name: string): Promise<void> {
    const button = this.panel.getByRole('button', { name: `Run ${name}`, exact: true });
    await expect(button).toBeEnabled({ timeout: SCENARIO_TIMEOUT });
    const before = (await this.panel.getAttribute('data-batch-id')) ?? '';
    await button.click();
    await expect(this.panel).not.toHaveAttribute('data-batch-id', before, {
      timeout: SCENARIO_TIMEOUT,
    });
    await expect(this.panel).toHaveAttribute('data-scenarios-state', 'done', {
      timeout: SCENARIO_TIMEOUT,
    });
  }
}
