import adyen, { type Types } from '@adyen/api-library';
import { expect, test } from './fixtures';
import { RECOVERY_TIMEOUT } from './pages/harness-page';

// The library is CommonJS; Playwright loads specs as ES modules, which see only its default export.
const { Client, EnvironmentEnum, TerminalLocalAPI } = adyen;

// A run starts with the payment app initialising; a payment takes its card and auth phases.
test.describe.configure({ timeout: 120_000 });

const KEY = { keyIdentifier: 'e2eKey', keyVersion: 2, passphrase: 'e2e shared passphrase' };
const SECURITY_KEY = {
  KeyIdentifier: KEY.keyIdentifier,
  KeyVersion: KEY.keyVersion,
  Passphrase: KEY.passphrase,
  AdyenCryptoVersion: 1,
};

type TerminalApiRequest = Types.terminal.TerminalApiRequest;

function request(category: string, serviceId: string, body: object): TerminalApiRequest {
  // Plain JSON as an integrator writes it; the SDK's serializer takes it as its model classes.
  return {
    SaleToPOIRequest: {
      MessageHeader: {
        ProtocolVersion: '3.0',
        MessageClass: 'Service',
        MessageCategory: category,
        MessageType: 'Request',
        SaleID: 'E2E-SDK',
        ServiceID: serviceId,
        POIID: 'V400m-324688179',
      },
      ...body,
    },
  } as unknown as TerminalApiRequest;
}

// Terminal role on the Terminal API (README "Terminal API wire"): Adyen's own Node library,
// unchanged, in the test process, is the POS. It trusts the CA file the window shows, encrypts
// with the key typed into the window, logs in and pays; the timeline shows the messages in
// clear with their encrypted mark, and a request under a wrong passphrase gets a security row.
test('terminal role on HTTPS with NexoCrypto serves the Adyen SDK: login, payment, decrypted rows', async ({
  harnessPage: h,
}) => {
  const { url, caFile } = await h.switchToTerminalWithTerminalApi({
    ...KEY,
    requireEncryption: true,
  });
  await expect(h.rows({ kind: 'lifecycle', text: 'initialising → ready' }).last()).toBeVisible({
    timeout: RECOVERY_TIMEOUT,
  });
  await expect(
    h.role.getByText(`NexoCrypto key ${KEY.keyIdentifier} v2, encryption required`),
  ).toBeVisible();

  const client = new Client({
    apiKey: 'e2e-local',
    environment: EnvironmentEnum.TEST,
    // The SDK appends ":8443/nexo/"; after "/#" it lands in the fragment, which is never sent.
    terminalApiLocalEndpoint: `${url}/#`,
    certificatePath: caFile,
  });
  const api = new TerminalLocalAPI(client);

  const login = await api.request(
    request('Login', '1', {
      LoginRequest: {
        DateTime: new Date().toISOString(),
        SaleSoftware: {
          // Adyen's model has no ProviderIdentification; its serializer would drop it.
          ManufacturerID: 'e2e',
          ApplicationName: 'adyen-sdk',
          SoftwareVersion: '1.0',
          CertificationCode: 'e2e',
        },
        OperatorLanguage: 'en',
      },
    }),
    SECURITY_KEY,
  );
  expect(login.SaleToPOIResponse?.LoginResponse?.Response.Result).toBe('Success');

  const payment = await api.request(
    request('Payment', '2', {
      PaymentRequest: {
        SaleData: {
          SaleTransactionID: { TransactionID: 'E2ETAPI1', TimeStamp: new Date().toISOString() },
        },
        PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: 12.5 } },
      },
    }),
    SECURITY_KEY,
  );
  expect(payment.SaleToPOIResponse?.PaymentResponse?.Response.Result).toBe('Success');

  // Decrypted on the timeline, each with its encrypted mark and its wire.
  await expect(
    h.rows({
      kind: 'message',
      category: 'Login',
      direction: 'toPoi',
      wire: 'terminal-api',
      text: 'travelled encrypted (NexoCrypto)',
    }),
  ).toBeVisible();
  await expect(
    h
      .rows({
        kind: 'message',
        category: 'Payment',
        direction: 'toPos',
        serviceId: '2',
        wire: 'terminal-api',
        text: 'travelled encrypted (NexoCrypto)',
      })
      .filter({ hasText: 'Success' }),
  ).toBeVisible();
  await h.openLedger();
  await expect(h.ledger.getByRole('cell', { name: '12.50 EUR' }).first()).toBeVisible();
  await h.centreView('Live timeline').click();

  // The wrong passphrase: refused as a terminal refuses it, and named on a security row.
  const wrong = api.request(request('TransactionStatus', '3', { TransactionStatusRequest: {} }), {
    ...SECURITY_KEY,
    Passphrase: 'not the passphrase',
  });
  await expect(wrong).rejects.toThrow(/crypto error/);
  await expect(h.rows({ kind: 'security', text: /Security: .*(hmac|blob)/ }).last()).toBeVisible();

  // The passphrase is nowhere on the page but in the password field the user typed it into.
  expect(await h.page.locator('body').innerText()).not.toContain(KEY.passphrase);
  await h.freshRun();
});
