import { expect, test } from './fixtures';
import { seriousViolations } from './support/axe';

// The timeline's flow view and filter bar (README "Timeline flow view"), at 1280×800.
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ harnessPage: h }) => {
  await h.freshRun();
  await h.page.setViewportSize({ width: 1280, height: 800 });
});

test('the flow view draws the login on the lanes, paired, on the session band', async ({
  harnessPage: h,
}) => {
  await h.filter('Login');
  const response = h.rows({
    kind: 'message',
    category: 'Login',
    direction: 'toPos',
    text: 'Success',
  });
  await expect(response.last()).toHaveAttribute('data-band', /.+/);
  await expect(response.last().locator('.tl-flow-message.tl-leftward')).toHaveCount(1);
  await expect(response.last().locator('.tl-rail-end')).toHaveCount(1);
  await expect(response.last()).toHaveAccessibleName(
    /payment application to POS (WS )?Login Response #\S+ Success/,
  );
  // The list fits its pane: no horizontal scrolling inside it either.
  // No DOM types in the e2e project: the page's own globals, read as a string expression.
  const overflow = await h.page.evaluate<number>(
    `(() => { const list = document.querySelector('[role="listbox"][aria-label="Timeline"]'); return list.scrollWidth - list.clientWidth; })()`,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('chips count their rows and narrow the list; only problems keeps faults', async ({
  harnessPage: h,
}) => {
  const region = h.page.getByRole('region', { name: 'Timeline', exact: true });
  // The chips are folded behind "Filters", which counts the released ones.
  const toggle = region.getByRole('button', { name: /^Filters/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  const login = region.getByRole('group', { name: 'Categories' }).getByRole('button', {
    name: /^Login \d+$/,
  });
  await expect(login).toHaveAttribute('aria-pressed', 'true');
  await login.click();
  await expect(login).toHaveAttribute('aria-pressed', 'false');
  await expect(h.rows({ category: 'Login' })).toHaveCount(0);
  await expect(toggle).toHaveAccessibleName('Filters (1 active)');
  await login.click();

  await h.fault('Logout').click();
  await h.expectSession('loggedOut');
  await region.getByRole('button', { name: /^Only problems \d+$/ }).click();
  await expect(h.rows({ kind: 'fault', text: 'Logout: done' })).toBeVisible();
  await expect(h.rows({ kind: 'session' })).toHaveCount(0);
});

test('Compact switches to the one-line list and back; both pass axe', async ({
  harnessPage: h,
}) => {
  const region = h.page.getByRole('region', { name: 'Timeline', exact: true });
  const compact = region.getByRole('button', { name: 'Compact', exact: true });
  const axe = () => seriousViolations(h.page, '[data-centre-view]');
  expect(await axe()).toEqual([]);
  await compact.click();
  await expect(h.rows().first()).toHaveClass(/tl-row-compact/);
  expect(await axe()).toEqual([]);
  await compact.click();
  await expect(h.rows().first()).toHaveClass(/tl-row-flow/);
});
