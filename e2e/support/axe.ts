import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * The serious and critical accessibility violations axe-core finds on the page (or within
 * `include`), each as its rule and the first few elements it names, so a failure reads at a
 * glance. Only violations are gathered: the tests assert nothing about passes, and collecting
 * the details of every passing node took about a fifth of a scan's time on the main view.
 */
export async function seriousViolations(
  page: Page,
  include?: string,
): Promise<{ id: string; nodes: string[] }[]> {
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  const results = await (include === undefined ? builder : builder.include(include)).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}
