import { once } from 'node:events';
import WebSocket from 'ws';
import { expect, test } from './fixtures';
import { RECOVERY_TIMEOUT } from './pages/harness-page';
import { ScenariosPage } from './pages/scenarios-page';

// The panels at the size the issue names (README "Ledger", "Live verdicts"): what a QA engineer
// reads and clicks at 1280×800. Runs on both targets.
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ harnessPage: h }) => {
  await h.setPolicy({
    'Payment inactivity timeout (ms)': '3000',
    'TransactionStatus timeout (ms)': '2000',
    'Login timeout (ms)': '3000',
  });
  await h.freshRun();
  await h.page.setViewportSize({ width: 1280, height: 800 });
});

test('the ledger row of a recovered payment is marked and selects its messages', async ({
  harnessPage: h,
}) => {
  await h.fault('Approve then lose response').click();
  await h.pay('12.50');
  await expect(h.outcome('Payment')).toHaveAttribute('data-outcome', 'recovered', {
    timeout: RECOVERY_TIMEOUT,
  });
  // The session history says why the session moved: the lost response, then the recovery.
  await expect(
    h.page.getByRole('list', { name: 'Session history' }).getByRole('listitem').first(),
  ).toContainText('Payment approved, its response lost');

  await h.openLedger();
  const row = h.ledger.locator('tbody tr').first();
  await expect(row).toHaveAttribute('data-recovered', 'true');
  await expect(row).toContainText('recovered');
  const poiId = (await row.getAttribute('data-poi-transaction-id')) ?? '';
  // The id is readable in full, not cut.
  await expect(row.getByText(poiId.slice(-3))).toBeVisible();
  const requestSeq = (await row.getAttribute('data-request-seq')) ?? '';
  expect(requestSeq).toMatch(/^\d+$/);

  await row.getByRole('button', { name: /Show the messages/ }).click();
  await expect(h.timeline).toBeVisible();
  await expect(h.selectedRow).toHaveAttribute('data-seq', requestSeq);
  await expect(h.selectedRow).toHaveAttribute('data-category', 'Payment');
  await expect(h.selectedRow).toHaveAttribute('data-direction', 'toPoi');
});

test('a failing verdict selects the request it names, not the link that opened the episode', async ({
  harnessPage: h,
}) => {
  const s = new ScenariosPage(h.page);
  const address = await h.switchToTerminal(0);
  await expect(h.rows({ kind: 'lifecycle', text: 'initialising → ready' }).last()).toBeVisible({
    timeout: RECOVERY_TIMEOUT,
  });
  const pos = new WebSocket(address);
  try {
    await once(pos, 'open');
    pos.send(
      JSON.stringify({
        SaleToPOIRequest: {
          MessageHeader: {
            ProtocolVersion: '3.1',
            MessageClass: 'Service',
            MessageCategory: 'Payment',
            MessageType: 'Request',
            ServiceID: 'PANELPAY1',
            SaleID: 'E2E-POS',
            POIID: 'A2A-SIM-001',
          },
          PaymentRequest: {
            SaleData: {
              SaleTransactionID: { TransactionID: 'T1', TimeStamp: '2026-01-01T00:00:00Z' },
            },
            PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: 12.5 } },
          },
        },
      }),
    );
    const failing = s.liveVerdicts.locator(
      '[data-verdict="login-before-requests"][data-pass="false"]',
    );
    await expect(failing).toBeVisible({ timeout: RECOVERY_TIMEOUT });
    const request = h.rows({ kind: 'message', category: 'Payment', serviceId: 'PANELPAY1' });
    const seq = (await request.first().getAttribute('data-seq')) ?? '';
    // The checker's evidence starts at the link; the verdict is about the Payment.
    expect(((await failing.getAttribute('data-events')) ?? '').split(' ')[0]).not.toBe(seq);
    await failing.getByRole('button', { name: /^Login before requests: failed/ }).click();
    await expect(h.selectedRow).toHaveAttribute('data-seq', seq);
    await expect(h.selectedRow).toHaveAttribute('data-service-id', 'PANELPAY1');
  } finally {
    pos.close();
    await h.page.setViewportSize({ width: 1600, height: 1500 });
    await h.freshRun();
  }
});
