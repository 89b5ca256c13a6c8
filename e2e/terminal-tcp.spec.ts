import { expect, test } from './fixtures';
import { RECOVERY_TIMEOUT } from './pages/harness-page';
import { TcpPos } from './support/tcp-pos';

// A run starts with the payment app initialising; a payment takes its card and auth phases.
test.describe.configure({ timeout: 120_000 });

// Terminal role over nexo over TCP (README "Wires"): a POS that knows only Market Pay's TCP
// binding, in the test process, outside the harness, logs in and pays; the window shows its
// rows with their wire, and a fault button ends its session.
test('terminal role serves a plain TCP POS: login, payment, rows with their wire, Drop link', async ({
  harnessPage: h,
}) => {
  const address = await h.switchToTerminalWithTcp();
  await expect(h.rows({ kind: 'lifecycle', text: 'initialising → ready' }).last()).toBeVisible({
    timeout: RECOVERY_TIMEOUT,
  });

  const pos = await TcpPos.open(address, 'E2E-TCP');
  try {
    const login = pos.send('Login', {
      DateTime: new Date().toISOString(),
      SaleSoftware: {
        ProviderIdentification: 'e2e',
        ApplicationName: 'plain-tcp',
        SoftwareVersion: '1.0',
      },
      SaleTerminalData: { TerminalEnvironment: 'Attended' },
      OperatorLanguage: 'en',
    });
    expect(await pos.response('Login', login)).toMatchObject({ Response: { Result: 'Success' } });

    const payment = pos.send('Payment', {
      SaleData: {
        SaleTransactionID: { TransactionID: 'E2ETCP1', TimeStamp: new Date().toISOString() },
      },
      PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: 12.5 } },
    });
    expect(await pos.response('Payment', payment)).toMatchObject({
      Response: { Result: 'Success' },
    });

    await expect(h.rows({ kind: 'link', wire: 'tcp', text: 'Link opened' })).toBeVisible();
    await expect(
      h.rows({ kind: 'message', category: 'Login', direction: 'toPoi', wire: 'tcp' }),
    ).toBeVisible();
    await expect(
      h.rows({
        kind: 'message',
        category: 'Payment',
        direction: 'toPos',
        serviceId: payment,
        wire: 'tcp',
        text: 'Success',
      }),
    ).toBeVisible();
    await expect(h.rows({ kind: 'poiSession', text: 'opened' }).last()).toBeVisible();

    // Drop link cuts the socket as a pulled cable does (a reset, no FIN) and ends the session.
    await h.fault('Drop link').click();
    expect(await pos.ended).toBe('reset');
    await expect(h.rows({ kind: 'fault', text: 'Drop link: done' })).toBeVisible();
    await expect(h.rows({ kind: 'poiSession', text: /closed.*dropLink/ }).last()).toBeVisible();
    await expect(h.rows({ kind: 'link', wire: 'tcp', text: 'Link closed' })).toBeVisible();
  } finally {
    pos.destroy();
  }
  await h.freshRun();
});
