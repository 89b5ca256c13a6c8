import { once } from 'node:events';
import WebSocket from 'ws';
import { expect, test } from './fixtures';

// A run starts with the payment app initialising and answering BUSY: give recoveries time.
test.describe.configure({ timeout: 120_000 });
import { RECOVERY_TIMEOUT } from './pages/harness-page';

// Runs on both targets: the harness plays the payment app for somebody else's POS, here a
// plain WebSocket client in the test process.

function loginRequest(serviceId: string): string {
  return JSON.stringify({
    SaleToPOIRequest: {
      MessageHeader: {
        ProtocolVersion: '3.1',
        MessageClass: 'Service',
        MessageCategory: 'Login',
        MessageType: 'Request',
        ServiceID: serviceId,
        SaleID: 'E2E-POS',
        POIID: 'A2A-SIM-001',
      },
      LoginRequest: {
        DateTime: new Date().toISOString(),
        SaleSoftware: {
          ProviderIdentification: 'e2e',
          ApplicationName: 'plain-ws',
          SoftwareVersion: '1.0',
        },
        SaleTerminalData: { TerminalEnvironment: 'Attended' },
        OperatorLanguage: 'en',
      },
    },
  });
}

test('terminal role accepts a plain WebSocket POS and shows its frames', async ({
  harnessPage: h,
}) => {
  const address = await h.switchToTerminal(0);
  await expect(h.page.getByText(`Terminal role on ${address}`).first()).toBeVisible();
  await expect(h.rows({ kind: 'lifecycle', text: 'initialising → ready' }).last()).toBeVisible({
    timeout: RECOVERY_TIMEOUT,
  });
  // In terminal role the harness sends no requests of its own.
  await expect(h.composer('Payment').getByRole('button', { name: 'Send payment' })).toBeDisabled();

  const pos = new WebSocket(address);
  try {
    await once(pos, 'open');
    const answered = once(pos, 'message') as Promise<[WebSocket.RawData]>;
    pos.send(loginRequest('E2E1'));
    const [frame] = await answered;
    expect(JSON.parse(Buffer.isBuffer(frame) ? frame.toString('utf8') : '')).toMatchObject({
      SaleToPOIResponse: { LoginResponse: { Response: { Result: 'Success' } } },
    });

    await expect(
      h.rows({ kind: 'message', category: 'Login', direction: 'toPoi', serviceId: 'E2E1' }),
    ).toBeVisible();
    await expect(
      h.rows({
        kind: 'message',
        category: 'Login',
        direction: 'toPos',
        serviceId: 'E2E1',
        text: 'Success',
      }),
    ).toBeVisible();
    await expect(h.rows({ kind: 'poiSession', text: 'opened' }).last()).toBeVisible();

    // The fault buttons hit this POS too.
    const closed = once(pos, 'close');
    await h.fault('Drop link').click();
    await closed;
    await expect(h.rows({ kind: 'fault', text: 'Drop link: done' })).toBeVisible();
  } finally {
    pos.terminate();
  }
  await h.freshRun();
});
