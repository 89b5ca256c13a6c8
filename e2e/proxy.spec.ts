import { expect, test } from './fixtures';
import { RECOVERY_TIMEOUT } from './pages/harness-page';
import { ScenariosPage } from './pages/scenarios-page';
import { startSimulatorProcess } from './support/simulator-process';
import { TcpPos } from './support/tcp-pos';

test.describe.configure({ timeout: 120_000 });

const LOGIN = {
  DateTime: new Date().toISOString(),
  SaleSoftware: { ProviderIdentification: 'e2e', ApplicationName: 'proxied', SoftwareVersion: '1' },
  SaleTerminalData: { TerminalEnvironment: 'Attended' },
  OperatorLanguage: 'en',
};

function paymentOf(transactionId: string) {
  return {
    SaleData: {
      SaleTransactionID: { TransactionID: transactionId, TimeStamp: new Date().toISOString() },
    },
    PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: 12.5 } },
  };
}

// Proxy role (README "The proxy role"): the window stands between a plain TCP POS in the test
// process and a terminal that is a separate `a2a simulator` process on a WebSocket. A fault
// button in the middle loses an approved payment's response; the POS resends it blindly, and the
// live verdicts catch the double charge.
test('proxy role between a POS and a terminal: both legs, a fault in the middle, the verdict', async ({
  harnessPage: h,
}) => {
  const terminal = await startSimulatorProcess([
    '--init-ms',
    '0',
    '--card-ms',
    '50',
    '--auth-ms',
    '50',
  ]);
  const s = new ScenariosPage(h.page);
  try {
    const address = await h.switchToProxy(terminal.nexoUrl, 'tcp');
    await expect(h.fault('Restart payment app')).toBeDisabled();
    await h.page.getByRole('button', { name: /unavailable here: why\?$/ }).click();
    await expect(h.page.getByText(/not in proxy role: the terminal is real/).first()).toBeVisible();

    const pos = await TcpPos.open(address, 'E2E-PROXY');
    try {
      const login = pos.send('Login', LOGIN);
      expect(await pos.response('Login', login)).toMatchObject({
        Response: { Result: 'Success' },
      });
      const card = h.page.getByRole('listitem', { name: 'POS E2E-PROXY' });
      await expect(card).toHaveAttribute('data-pos-state', 'loggedIn');
      await expect(card.getByText('the terminal answered Login with Success')).toBeVisible();

      // The armed list shows the middle's faults as it does the simulator's, counts added up.
      await h.fault('Ignore next requests').click();
      await h.fault('Ignore next requests').click();
      await h.fault('BUSY next logins').click();
      await expect(h.armed.getByRole('listitem')).toHaveText([
        'BUSY next logins — 3 left×',
        'Ignore next requests — 2 left×',
      ]);
      await h.armed.getByRole('button', { name: 'Remove BUSY next logins' }).click();
      await expect(h.armed.getByRole('listitem')).toHaveText(['Ignore next requests — 2 left×']);
      await expect(h.armed.getByRole('listitem')).toHaveAttribute(
        'data-armed',
        'ignoreNextRequests',
      );
      await h.page.getByRole('button', { name: 'Clear armed faults' }).click();
      await expect(h.armed.getByRole('listitem')).toHaveCount(0);
      await expect(
        h.rows({ kind: 'fault', text: 'Ignore next requests: taken back' }),
      ).toBeVisible();
      await expect(h.page.getByRole('button', { name: 'Reset simulator' })).toBeDisabled();

      await h.fault('Approve then lose response').click();
      await expect(h.armed.getByRole('listitem')).toHaveText([
        'Approve then lose response — the next payment×',
      ]);
      await expect(
        h.rows({ kind: 'fault', text: 'Approve then lose response: armed' }),
      ).toBeVisible();
      const lost = pos.send('Payment', paymentOf('E2EPX1'));
      await expect(
        h.rows({ kind: 'fault', text: 'Approve then lose response: took effect' }),
      ).toBeVisible({ timeout: RECOVERY_TIMEOUT });
      const dropped = h.rows({
        kind: 'message',
        category: 'Payment',
        serviceId: lost,
        direction: 'toPos',
      });
      await expect(dropped).toHaveAttribute('data-leg', 'terminal');
      await expect(dropped).toHaveAttribute('data-proxied', 'dropped');
      await expect(dropped).toContainText('terminal leg, dropped by a fault');
      await expect(
        h.rows({ kind: 'message', category: 'Payment', serviceId: lost, direction: 'toPoi' }),
      ).toHaveAttribute('data-leg', 'pos');

      // The blind resend: the same sale again, without asking TransactionStatus first.
      const resent = pos.send('Payment', paymentOf('E2EPX1'));
      expect(await pos.response('Payment', resent)).toMatchObject({
        Response: { Result: 'Success' },
      });
      // Both ways carried messages once the terminal link was open: the strip says what the
      // proxy added.
      const latency = h.session.getByRole('group', { name: 'Added latency' });
      for (const direction of ['toTerminal', 'toPos']) {
        const way = latency.locator(`[data-latency="${direction}"]`);
        await expect(way).toHaveAttribute('data-median-ms', /^\d+(\.\d+)?$/);
        await expect(way).toHaveAttribute('data-p99-ms', /^\d+(\.\d+)?$/);
        await expect(way).toContainText(/median [\d.<, ]+ ms, p99 [\d.<, ]+ ms/);
      }

      const failing = s.liveVerdicts.locator(
        '[data-verdict="no-double-charge"][data-pass="false"]',
      );
      await expect(failing).toBeVisible({ timeout: RECOVERY_TIMEOUT });
      await expect(s.liveVerdicts).toHaveAttribute('data-verdicts-pass', 'false');
    } finally {
      pos.destroy();
    }
  } finally {
    await terminal.stop();
  }
  await h.freshRun();
});
