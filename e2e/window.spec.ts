import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { RECOVERY_TIMEOUT } from './pages/harness-page';
import { seriousViolations } from './support/axe';
import { ROOT } from './support/paths';

// The window as a QA engineer at a 1280×800 screen meets it (README "Using the window").
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ harnessPage: h }) => {
  await h.freshRun();
  await h.page.setViewportSize({ width: 1280, height: 800 });
});

test('session strip, fault bar and timeline are in view together, with no horizontal scrolling', async ({
  harnessPage: h,
}) => {
  await expect(h.session).toBeInViewport({ ratio: 1 });
  await expect(h.faults).toBeInViewport({ ratio: 1 });
  await expect(h.page.getByRole('region', { name: 'Timeline', exact: true })).toBeInViewport();
  await expect(h.armed).toBeInViewport();
  for (const name of ['Update payment app', 'Approve then lose response', 'Silent session reset'])
    await expect(h.fault(name)).toBeInViewport({ ratio: 1 });
  // No DOM types in the e2e project: the page's own globals, read as a string expression.
  const overflow = await h.page.evaluate<number>(
    '(document.scrollingElement ?? document.documentElement).scrollWidth - (document.scrollingElement ?? document.documentElement).clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(0);

  // Pressing a fault does not push the session out of view.
  await h.fault('Logout').click();
  await h.expectSession('loggedOut');
  await expect(h.session).toBeInViewport({ ratio: 1 });
});

/** Rows of a timeline whose whole box is inside the list's visible box. */
async function rowsInView(h: { page: Page }, name = 'Timeline'): Promise<number> {
  const list = h.page.getByRole('listbox', { name, exact: true });
  const box = await list.boundingBox();
  if (box === null) return 0;
  let inside = 0;
  for (const row of await list.getByRole('option').all()) {
    const r = await row.boundingBox();
    if (r !== null && r.y >= box.y - 1 && r.y + r.height <= box.y + box.height + 1) inside++;
  }
  return inside;
}

/** The least number of timeline rows in view with the strip, at 1280×800 (README "Using the window"). */
const MIN_ROWS_IN_VIEW = 14;

test('client role at 1280×800: strip, fault bar and at least 14 whole timeline rows in view together', async ({
  harnessPage: h,
}) => {
  // Enough events to fill the list: every fault a person presses, around a payment.
  await h.fault('Logout').click();
  await h.expectSession('loggedOut');
  await h.composer('Login').getByRole('button', { name: 'Log in' }).click();
  await h.expectSession('ready', RECOVERY_TIMEOUT);
  await h.fault('Drop link').click();
  await h.expectSession('ready', RECOVERY_TIMEOUT);
  await expect.poll(() => h.rows().count()).toBeGreaterThanOrEqual(MIN_ROWS_IN_VIEW);
  await expect(h.session).toBeInViewport({ ratio: 1 });
  await expect(h.faults).toBeInViewport({ ratio: 1 });
  expect(await rowsInView(h)).toBeGreaterThanOrEqual(MIN_ROWS_IN_VIEW);
  const faultsBox = await h.faults.boundingBox();
  const listBox = await h.page
    .getByRole('listbox', { name: 'Timeline', exact: true })
    .boundingBox();
  // The fault bar takes at most two rows of buttons, and sits above the list.
  expect(faultsBox!.height).toBeLessThanOrEqual(64);
  expect(listBox!.y).toBeGreaterThan(faultsBox!.y + faultsBox!.height);
  expect(listBox!.y + listBox!.height).toBeLessThanOrEqual(800);
});

/** The replay's title and scrubber take two rows' height above its list (before the fix: 5). */
const MIN_REPLAY_ROWS_IN_VIEW = MIN_ROWS_IN_VIEW - 2;

test('replay at 1280×800: with its session folded the replayed timeline takes the height', async ({
  harnessPage: h,
}) => {
  await h.openInput.setInputFiles(
    join(ROOT, 'resources', 'traces', 'reference-approve-then-drop.jsonl'),
  );
  await expect(h.scrubber).toBeVisible();
  await expect(h.page.locator('[data-session-folded]')).toHaveAttribute(
    'data-session-folded',
    'true',
  );
  await expect
    .poll(() => rowsInView(h, 'Replay timeline'))
    .toBeGreaterThanOrEqual(MIN_REPLAY_ROWS_IN_VIEW);
  await expect(h.session).toBeInViewport({ ratio: 1 });
});

test('the keyboard reaches every fault button that applies and the filters toggle', async ({
  harnessPage: h,
}) => {
  const names = await h.faults.locator('button:not([disabled])').allTextContents();
  expect(names.length).toBeGreaterThanOrEqual(10);
  await h.fault('Update payment app').focus();
  const reached = new Set<string>();
  for (let i = 0; i < 60 && reached.size < names.length; i++) {
    const name = await h.page.evaluate<string>('document.activeElement?.textContent ?? ""');
    if (names.includes(name)) reached.add(name);
    await h.page.keyboard.press('Tab');
  }
  expect([...reached].sort()).toEqual([...names].sort());
  const toggle = h.page
    .getByRole('region', { name: 'Timeline', exact: true })
    .getByRole('button', { name: /^Filters/ });
  await h.page.getByRole('searchbox', { name: 'Search timeline' }).focus();
  for (let i = 0; i < 5; i++) {
    const name = await h.page.evaluate<string>('document.activeElement?.textContent ?? ""');
    if (name.startsWith('Filters')) break;
    await h.page.keyboard.press('Tab');
  }
  await expect(toggle).toBeFocused();
  await h.page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
});

test('BUSY pressed twice shows 6 left in the armed list; Clear armed faults empties it', async ({
  harnessPage: h,
}) => {
  await h.fault('BUSY next logins').click();
  await h.fault('BUSY next logins').click();
  await expect(h.armed.getByRole('listitem')).toHaveText(['BUSY next logins — 6 left×']);
  await expect(h.armed.getByRole('listitem')).toHaveAttribute('data-armed', 'busyNextLogins');

  const busyRetries = await h.count('busyRetries');
  await h.page.getByRole('button', { name: 'Clear armed faults' }).click();
  await expect(h.armed.getByRole('listitem')).toHaveCount(0);
  await expect(h.rows({ kind: 'fault', text: 'BUSY next logins: taken back' })).toBeVisible();
  // Nothing was left armed: the next login goes straight through.
  await h.composer('Login').getByRole('button', { name: 'Log in' }).click();
  await expect(h.outcome('Login')).toHaveAttribute('data-op-state', 'done', {
    timeout: RECOVERY_TIMEOUT,
  });
  await expect(h.counter('busyRetries')).toHaveText(String(busyRetries));
});

test('an out-of-range parameter shows an inline error and arms nothing', async ({
  harnessPage: h,
}) => {
  const count = h.faults.getByRole('spinbutton', { name: 'BUSY login count' });
  await count.fill('0');
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await expect(
    h.faults.getByText('BUSY login count must be a whole number from 1 to 1,000.'),
  ).toBeVisible();
  await h.fault('BUSY next logins').click();
  await expect(h.page.locator('[data-fault-feedback="invalid"]')).toBeVisible();
  await expect(h.armed.getByRole('listitem')).toHaveCount(0);
  await expect(h.rows({ kind: 'fault', text: 'BUSY next logins' })).toHaveCount(0);

  const delay = h.faults.getByRole('spinbutton', { name: 'Delay in milliseconds' });
  await delay.fill('-5');
  await h.fault('Delay responses').click();
  await expect(
    h.faults.getByText('Delay must be a whole number from 0 to 600,000 ms.'),
  ).toBeVisible();
  await expect(h.armed.getByRole('listitem')).toHaveCount(0);
});

test('one armed fault is removed by its button; Reset simulator starts the payment app afresh', async ({
  harnessPage: h,
}) => {
  await h.fault('Approve then lose response').click();
  await h.fault('Force next payment outcome').click();
  await expect(h.armed.getByRole('listitem')).toHaveCount(2);
  await h.armed.getByRole('button', { name: 'Remove Approve then lose response' }).click();
  await expect(h.armed.getByRole('listitem')).toHaveCount(1);
  await expect(h.armed.getByRole('listitem')).toContainText('Force next payment outcome');

  const logins = await h.count('logins');
  await h.page.getByRole('button', { name: 'Reset simulator' }).click();
  await expect(h.armed.getByRole('listitem')).toHaveCount(0);
  await expect.poll(() => h.count('logins'), { timeout: RECOVERY_TIMEOUT }).toBeGreaterThan(logins);
  await h.expectSession('ready');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violations on the main view (${colorScheme})`, async ({
    harnessPage: h,
  }) => {
    await h.page.emulateMedia({ colorScheme });
    await h.fault('BUSY next logins').click();
    await expect(h.armed.getByRole('listitem')).toHaveCount(1);
    expect(await seriousViolations(h.page)).toEqual([]);
  });
}
