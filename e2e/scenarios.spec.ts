import { once } from 'node:events';
import WebSocket from 'ws';
import { CHECKER_NAMES } from '../shared/trace/checkers';
import { expect, test, type Target } from './fixtures';
import { test as harnessFixtureTest } from './harness-fixture';
import { RECOVERY_TIMEOUT } from './pages/harness-page';
import { ScenariosPage, SCENARIO_TIMEOUT } from './pages/scenarios-page';
import { CHROMIUM_ARGS, findChromium } from './support/paths';

test.describe.configure({ timeout: 120_000 });

// The integrators' fixture, plus the project's target (playwright.config.ts sets it), so its
// test can be skipped on the electron project before anything starts.
const harnessTest = harnessFixtureTest.extend<object, { target: Target }>({
  target: ['web', { option: true, scope: 'worker' }],
});
const chromium = findChromium();
// The fixture uses the test's own `page`: launch the same Chromium the other specs use.
if (chromium.ok)
  harnessTest.use({ launchOptions: { executablePath: chromium.path, args: CHROMIUM_ARGS } });

// Runs on both targets: the scenarios panel runs a built-in scenario in the core (virtual
// time), shows its verdicts, and a verdict selects its event in the run's timeline.
test('runs a built-in scenario from the panel, shows its verdicts, and a verdict selects its event', async ({
  harnessPage: h,
}) => {
  const s = new ScenariosPage(h.page);

  await s.run('duplicate-service-id');

  await expect(s.row('duplicate-service-id')).toHaveAttribute('data-status', 'passed');
  await expect(s.progress).toHaveAttribute('aria-valuenow', '1');
  const result = s.result('duplicate-service-id');
  await expect(result).toHaveAttribute('data-pass', 'true');
  await expect(result.locator('[data-verdict]')).toHaveCount(CHECKER_NAMES.length);
  // The scenario reuses a ServiceID on purpose and expects unique-service-ids to catch it; that
  // verdict names the two requests, and a click opens the run's trace at the first of them.
  await expect(result.locator('[data-verdict][data-pass="false"]')).toHaveCount(1);
  const verdict = result.locator('[data-verdict="unique-service-ids"]');
  await expect(verdict).toHaveAttribute('data-pass', 'false');
  const seq = ((await verdict.getAttribute('data-events')) ?? '').split(' ')[0] ?? '';
  expect(seq).toMatch(/^\d+$/);
  await verdict.getByRole('button').click();

  await expect(s.trace).toHaveAttribute('data-status', 'ready');
  await expect(s.traceTimeline.getByRole('option', { selected: true })).toHaveAttribute(
    'data-seq',
    seq,
  );
  await expect(h.timeline).toBeHidden();
  await s.trace.getByRole('button', { name: 'Close scenario trace' }).click();
  await expect(h.timeline).toBeVisible();
});

test('live verdicts catch an external POS that pays before logging in; a verdict selects its event', async ({
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
            ServiceID: 'E2EPAY1',
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
    await expect(s.liveVerdicts).toHaveAttribute('data-verdicts-pass', 'false');
    const request = h.rows({ kind: 'message', category: 'Payment', serviceId: 'E2EPAY1' });
    const seq = (await request.first().getAttribute('data-seq')) ?? '';
    await expect(failing).toHaveAttribute('data-events', new RegExp(`(^| )${seq}( |$)`));

    // The verdict is about the Payment it names, not the link that opened the episode.
    await expect(failing).toHaveAttribute('data-focus', seq);
    await failing.getByRole('button').click();
    await expect(h.timeline.getByRole('option', { selected: true })).toHaveAttribute(
      'data-seq',
      seq,
    );
  } finally {
    pos.close();
    await h.freshRun();
  }
});

// The fixture integrators import (e2e/harness-fixture.ts): its own `a2a web` with a profile and
// a start scenario, in the test's own page. It is browser mode, so it runs in the web project.
harnessTest.describe('the Playwright fixture for integrators', () => {
  harnessTest.skip(({ target }) => target !== 'web', 'browser mode: the web project runs it');
  harnessTest.use({
    harnessOptions: { profile: 'nexo', scenario: 'busy-at-start', timeoutMs: SCENARIO_TIMEOUT },
  });

  harnessTest(
    'starts the harness with a profile and a scenario and reads its verdicts',
    async ({ harness }) => {
      expect(await harness.startScenario()).toBe('busy-at-start');
      const result = await harness.result();
      expect(result).toMatchObject({ name: 'busy-at-start', pass: true });
      expect(result.verdicts.map((v) => v.checker).sort()).toEqual([...CHECKER_NAMES].sort());
      expect(result.verdicts.every((v) => v.pass)).toBe(true);

      const again = await harness.runScenario('login-first');
      expect(again.pass).toBe(true);

      await expect(harness.page.getByRole('region', { name: 'Session' })).toHaveAttribute(
        'data-session-state',
        'ready',
        { timeout: RECOVERY_TIMEOUT },
      );
      const live = await harness.liveVerdicts();
      expect(live.length).toBeGreaterThan(0);
      expect(harness.stderr()).toContain('"event":"scenario","name":"busy-at-start","pass":true');
    },
  );
});
