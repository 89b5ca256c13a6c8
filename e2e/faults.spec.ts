import { expect, test } from './fixtures';

// A run starts with the payment app initialising and answering BUSY: give recoveries time.
test.describe.configure({ timeout: 120_000 });
import { RECOVERY_TIMEOUT, type HarnessPage } from './pages/harness-page';

// Runs on both targets. Every fault button against the embedded simulator: each produces its
// rows on the timeline, and the session recovers (or, after Logout, stays logged out).

/** Waits until the client logged in again after a fault, and is ready. */
async function recovered(h: HarnessPage, loginsBefore: number): Promise<void> {
  await expect
    .poll(() => h.count('logins'), { timeout: RECOVERY_TIMEOUT })
    .toBeGreaterThan(loginsBefore);
  await h.expectSession('ready');
}

test.beforeEach(async ({ harnessPage: h }) => {
  await h.setPolicy({
    'Payment inactivity timeout (ms)': '3000',
    'TransactionStatus timeout (ms)': '2000',
    'Login timeout (ms)': '3000',
  });
  await h.freshRun();
});

for (const name of ['Update payment app', 'Restart payment app'] as const) {
  test(`"${name}": the payment app restarts, the session is lost and comes back`, async ({
    harnessPage: h,
  }) => {
    await h.fault(name).click();
    await expect(h.rows({ kind: 'fault', text: `${name}: done` })).toBeVisible();
    await expect(h.rows({ kind: 'lifecycle', text: '→ initialising' }).last()).toBeVisible();
    await recovered(h, 1);
    await expect(h.rows({ kind: 'lifecycle', text: 'initialising → ready' }).last()).toBeVisible();
  });
}

test('"Restart POS app": the client starts over and logs in again', async ({ harnessPage: h }) => {
  await h.fault('Restart POS app').click();
  await expect(h.rows({ kind: 'fault', text: 'Restart POS app: done' })).toBeVisible();
  await recovered(h, 1);
  await expect(h.rows({ kind: 'session', text: '→ ready' }).last()).toBeVisible();
});

test('"Drop link": the link closes abruptly, the client reconnects and logs in', async ({
  harnessPage: h,
}) => {
  await h.fault('Drop link').click();
  await expect(h.rows({ kind: 'fault', text: 'Drop link: done' })).toBeVisible();
  await expect(h.rows({ kind: 'link', text: 'Link closed' }).first()).toBeVisible();
  await recovered(h, 1);
});

test('"Logout": the POS logs out and the session stays logged out', async ({ harnessPage: h }) => {
  await h.fault('Logout').click();
  await expect(h.rows({ kind: 'fault', text: 'Logout: done' })).toBeVisible();
  await expect(h.rows({ kind: 'message', category: 'Logout', direction: 'toPoi' })).toBeVisible();
  await expect(
    h.rows({ kind: 'message', category: 'Logout', direction: 'toPos', text: 'Success' }),
  ).toBeVisible();
  await h.expectSession('loggedOut');
  await expect(h.fault('Logout')).toBeVisible();
  expect(await h.count('logins')).toBe(1);
});

test('"BUSY next logins": the next logins answer BUSY and the client backs off', async ({
  harnessPage: h,
}) => {
  const busyBefore = await h.count('busyRetries');
  await h.page.getByRole('spinbutton', { name: 'BUSY login count' }).fill('2');
  await h.fault('BUSY next logins').click();
  await expect(h.rows({ kind: 'fault', text: 'BUSY next logins: armed' })).toBeVisible();
  await h.composer('Login').getByRole('button', { name: 'Log in' }).click();
  await expect(h.outcome('Login')).toHaveText('Login succeeded', { timeout: RECOVERY_TIMEOUT });
  expect(await h.count('busyRetries')).toBe(busyBefore + 2);
  await expect(h.rows({ kind: 'session', text: '→ waiting after BUSY' }).last()).toBeVisible();
  await h.expectSession('ready');
});

test('"Lose next response": the payment response is lost and recovered through status', async ({
  harnessPage: h,
}) => {
  await h.fault('Lose next response').click();
  await h.pay('12.50');
  await expect(h.outcome('Payment')).toHaveText(
    'Payment 12.50 EUR recovered after a lost response: approved',
    {
      timeout: RECOVERY_TIMEOUT,
    },
  );
  await expect(h.rows({ kind: 'fault', text: 'Lose next response: took effect' })).toBeVisible();
  await expect(h.rows({ kind: 'timeout', category: 'Payment' })).toBeVisible();
  await expect(
    h.rows({ kind: 'message', category: 'TransactionStatus', direction: 'toPoi' }).last(),
  ).toBeVisible();
  await h.expectSession('ready');
});

test('"Approve then lose response": recovered outcome and exactly one ledger approval', async ({
  harnessPage: h,
}) => {
  await h.fault('Approve then lose response').click();
  await h.pay('12.50');
  await expect(h.outcome('Payment')).toHaveText(
    'Payment 12.50 EUR recovered after a lost response: approved',
    {
      timeout: RECOVERY_TIMEOUT,
    },
  );
  await expect(h.outcome('Payment')).toHaveAttribute('data-outcome', 'recovered');
  await expect(
    h.rows({ kind: 'fault', text: 'Approve then lose response: took effect' }),
  ).toBeVisible();
  await expect(h.counter('recoveredPayments')).toHaveText('1');
  await h.expectSession('ready');
  await h.openLedger();
  await expect(h.ledger.locator('tbody tr[data-result="approved"]')).toHaveCount(1);
  await expect(h.ledger.locator('[data-approvals]')).toHaveAttribute('data-approvals', '1');
  await h.centreView('Live timeline').click();
});

test('"Restart during payment": the payment app restarts mid-payment; one final outcome', async ({
  harnessPage: h,
}) => {
  await h.fault('Restart during payment').click();
  await h.pay('12.50');
  await expect(h.outcome('Payment')).toHaveAttribute('data-op-state', 'done', {
    timeout: RECOVERY_TIMEOUT,
  });
  await expect(h.outcome('Payment')).toHaveText(
    /^Payment 12\.50 EUR (approved|partly approved|declined|recovered|not processed|outcome unknown|failed)\b/,
  );
  await expect(h.rows({ kind: 'fault', text: 'Restart during payment' }).last()).toBeVisible();
  await recovered(h, 1);
});

test('"Silent session reset": the next request is ignored, the client logs in again', async ({
  harnessPage: h,
}) => {
  await h.fault('Silent session reset').click();
  await expect(h.rows({ kind: 'fault', text: 'Silent session reset: done' })).toBeVisible();
  await h.composer('TransactionStatus').getByRole('button', { name: 'Ask status' }).click();
  await expect(h.outcome('TransactionStatus')).toHaveAttribute('data-op-state', 'done', {
    timeout: RECOVERY_TIMEOUT,
  });
  await expect(h.rows({ kind: 'timeout', category: 'TransactionStatus' })).toBeVisible();
  await recovered(h, 1);
});
