import { expect, test } from './fixtures';
import { RECOVERY_TIMEOUT } from './pages/harness-page';

// The timing presets of the session policy (README "Timing presets"), at a 1280×800 screen.
// The e2e host's fast timings would make the policy "custom": this file starts from the
// realistic timings of a real payment app.
test.use({ hostTiming: 'realistic' });
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ harnessPage: h }) => {
  await h.freshRun();
  await h.page.setViewportSize({ width: 1280, height: 800 });
});

test('"Fast for QA" shows in the session strip and recovers a lost approval in seconds', async ({
  harnessPage: h,
}) => {
  const timings = h.session.locator('[data-timing-preset]');
  await expect(timings).toHaveText('Timings Realistic');
  await h.fault('Approve then lose response').click();
  await expect(h.session.locator('[data-slow-recovery-hint]')).toContainText(
    'given up on only after 2 min',
  );

  const panel = h.page.locator('details').filter({ hasText: 'Session policy' });
  await panel.getByText('Session policy', { exact: true }).click();
  // The radio follows the policy in force, so it is clicked, not "checked": the core answers.
  await panel.getByRole('radio', { name: /^Fast for QA/ }).click();
  await expect(timings).toHaveText('Timings Fast for QA');
  await expect(h.session.locator('[data-slow-recovery-hint]')).toHaveCount(0);

  try {
    await h.composer('Payment').getByRole('button', { name: 'Send payment' }).click();
    // Well inside the two minutes the realistic payment timeout alone would take.
    await expect(h.counter('recoveredPayments')).toHaveText('1', { timeout: RECOVERY_TIMEOUT });
  } finally {
    await panel.getByRole('radio', { name: /^Realistic/ }).click();
    await expect(timings).toHaveText('Timings Realistic');
  }
});
