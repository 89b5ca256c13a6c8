import { expect, test } from './fixtures';

// A run starts with the payment app initialising and answering BUSY: give recoveries time.
test.describe.configure({ timeout: 120_000 });
// The start-up story is the simulator's initialising phase and the client's BUSY backoff, at
// the product's own timing (README "Testing").
test.use({ hostTiming: 'realistic' });

// Runs on both targets. The core starts in client role against the embedded simulator, which
// answers BUSY while it initialises: the window must show the whole start-up story.

test('start-up reaches ready after the BUSY phase, and the timeline shows BUSY, backoff and Success', async ({
  harnessPage: h,
}) => {
  await h.freshRun();
  expect(await h.count('busyRetries')).toBeGreaterThanOrEqual(1);

  await h.filter('busy');
  await expect(
    h.rows({ kind: 'message', category: 'Login', direction: 'toPos', text: 'Busy' }).first(),
  ).toBeVisible();
  await expect(h.rows({ kind: 'session', text: '→ waiting after BUSY' }).first()).toBeVisible();
  await expect(
    h.rows({ kind: 'session', text: 'waiting after BUSY → logging in' }).first(),
  ).toBeVisible();

  await h.filter('success');
  const success = h.rows({
    kind: 'message',
    category: 'Login',
    direction: 'toPos',
    text: 'Success',
  });
  await expect(success).toHaveCount(1);
  // The successful Login answered the request sent after the backoff: same ServiceID pair.
  const sid = await success.getAttribute('data-service-id');
  await h.filter(sid ?? '');
  await expect(h.rows({ kind: 'message', direction: 'toPoi', serviceId: sid ?? '' })).toHaveCount(
    1,
  );

  await h.filter('');
  await expect(h.rows({ kind: 'session', text: 'logging in → ready' }).last()).toBeVisible();
});
