import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousViolations } from './support/axe';
import { RECOVERY_TIMEOUT, type HarnessPage } from './pages/harness-page';

// Care with work, timing presets, remembered settings and access (README "Care with work",
// "Timing presets", "Remembered window settings"), at a 1280×800 screen.
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ harnessPage: h }) => {
  await h.freshRun();
  await h.page.setViewportSize({ width: 1280, height: 800 });
});

/** What has the keyboard focus, as a person would name it: role-ish tag and accessible name. */
function focused(page: Page): Promise<string> {
  // No DOM types in the e2e project: the page's own globals, read as a string expression.
  return page.evaluate<string>(`(() => {
    const e = document.activeElement;
    if (e === null || e === document.body) return 'body';
    const labelled = e.getAttribute('aria-labelledby');
    const name =
      e.getAttribute('aria-label') ??
      (labelled ? document.getElementById(labelled)?.textContent : null) ??
      (e.labels && e.labels[0] ? e.labels[0].textContent : null) ??
      e.textContent ??
      '';
    return e.tagName.toLowerCase() + ':' + name.replace(/\\s+/g, ' ').trim().slice(0, 60);
  })()`);
}

/** The run id shown in the role panel. */
const runId = (h: HarnessPage) =>
  h.page.getByRole('region', { name: 'Role' }).locator('[data-run-id]');

test('"Apply role" on a run with events asks first; "Keep this run" keeps it and the focus', async ({
  harnessPage: h,
}) => {
  const before = (await runId(h).getAttribute('data-run-id')) ?? '';
  const apply = h.role.getByRole('button', { name: 'Apply role' });
  await apply.click();
  await expect(h.newRunDialog).toBeVisible();
  await expect(h.newRunDialog).toContainText(/the \d+ events of this run leave the timeline/);
  await h.newRunDialog.getByRole('button', { name: 'Keep this run' }).click();
  await expect(h.newRunDialog).toBeHidden();
  await expect(apply).toBeFocused();
  await expect(
    h.page.getByRole('region', { name: 'Role' }).getByText('Not applied: this run is kept.'),
  ).toBeVisible();
  await expect(runId(h)).toHaveAttribute('data-run-id', before);

  // Escape is "no" too.
  await apply.press('Enter');
  await expect(h.newRunDialog).toBeVisible();
  await h.page.keyboard.press('Escape');
  await expect(h.newRunDialog).toBeHidden();
  await expect(runId(h)).toHaveAttribute('data-run-id', before);
});

test('pausing the recording says events are not kept and counts the skipped ones', async ({
  harnessPage: h,
}) => {
  const follow = h.page.getByRole('button', { name: 'Follow newest' });
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await h.recordButton.click();
  const paused = h.page.locator('[data-recording-paused]');
  await expect(paused).toContainText('Recording paused: new events are not kept');
  await expect(follow).toHaveAttribute('aria-pressed', 'false');

  await h.fault('Logout').click();
  await expect(paused).toHaveAttribute('data-skipped', /^[1-9]\d*$/, {
    timeout: RECOVERY_TIMEOUT,
  });
  await expect(paused).toContainText(/\d+ events? skipped so far/);

  await h.recordButton.click();
  await expect(paused).toHaveCount(0);
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
});

test('the theme and the pane sizes come back after a reload: the core keeps them', async ({
  harnessPage: h,
}) => {
  const separator = h.page.getByRole('separator').first();
  const size = async () => Number(await separator.getAttribute('aria-valuenow'));
  const theme = h.page.getByRole('combobox', { name: 'Theme' });
  const before = await size();
  try {
    await theme.selectOption('dark');
    await separator.focus();
    for (let i = 0; i < 5; i++) await h.page.keyboard.press('ArrowLeft');
    await expect.poll(size).toBeLessThan(before);
    const resized = await size();

    await h.page.reload();
    await h.shell.waitUntilReady();
    await expect(h.page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
    await expect(h.page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(size).toBeCloseTo(resized, 0);
  } finally {
    // The host outlives this test: leave the settings as the other tests expect them.
    await h.page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
    await separator.focus();
    while ((await size()) < before) await h.page.keyboard.press('ArrowRight');
  }
});

test('every control is reached by the keyboard, in the order of the window', async ({
  harnessPage: h,
}) => {
  // From the top of the page, as after a click on an empty spot of the app bar.
  await h.page.getByRole('heading', { level: 1 }).click();
  const stops: string[] = [];
  for (let i = 0; i < 400; i++) {
    await h.page.keyboard.press('Tab');
    const now = await focused(h.page);
    stops.push(now);
    if (now.startsWith('button:Apply role')) break;
  }
  const at = (pattern: RegExp) => stops.findIndex((s) => pattern.test(s));
  const order = [
    /^select:Theme/,
    /^button:.*Update payment app/,
    /^button:Reset simulator/,
    /^input:Search timeline/,
    /^button:.*Send payment/,
    /^button:Apply role/,
  ].map((pattern) => ({ pattern: String(pattern), index: at(pattern) }));
  for (const { pattern, index } of order)
    expect(index, `${pattern} in ${stops.join(' | ')}`).toBeGreaterThanOrEqual(0);
  expect(order.map((o) => o.index)).toEqual([...order.map((o) => o.index)].sort((a, b) => a - b));
  expect(stops).not.toContain('body');

  // A fault pressed from the keyboard keeps the focus on its button.
  const logout = h.fault('Logout');
  await logout.focus();
  await h.page.keyboard.press('Enter');
  await h.expectSession('loggedOut');
  await expect(logout).toBeFocused();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violations on the replay view (${colorScheme})`, async ({
    harnessPage: h,
  }) => {
    await h.page.emulateMedia({ colorScheme });
    const download = h.page.waitForEvent('download');
    await h.saveButton.click();
    const path = await (await download).path();
    await h.openInput.setInputFiles(path);
    await expect(h.scrubber).toBeVisible();
    expect(await seriousViolations(h.page)).toEqual([]);
  });

  test(`no serious or critical accessibility violations with the new-run question open (${colorScheme})`, async ({
    harnessPage: h,
  }) => {
    await h.page.emulateMedia({ colorScheme });
    await h.role.getByRole('button', { name: 'Apply role' }).click();
    await expect(h.newRunDialog).toBeVisible();
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.newRunDialog.getByRole('button', { name: 'Keep this run' }).click();
  });
}
