#!/usr/bin/env node
// Screenshots of the main views for README.md (its "Screenshots"), taken from the real app: starts
// `a2a web`, drives the page in Chromium the way a person would (role + accessible name), waits
// on DOM state (never fixed sleeps) and writes three PNGs:
//
//   live-recovery.png  client role, embedded simulator: "Approve then lose response", a payment,
//                      the timeout, re-login, TransactionStatus and the recovered outcome
//   replay.png         the live run's trace saved through the trace API, reopened in the
//                      replay view with the scrubber half-way
//   terminal-role.png  terminal role on a port; a plain `ws` POS from this script logs in and pays
//   ledger.png         the live run's ledger at full width, the recovered payment marked
//   proxy-role.png     proxy role between a plain `ws` POS and a separate `a2a simulator` process:
//                      "Approve then lose response" in the middle, then the POS's re-login and
//                      TransactionStatus; the dropped response on the terminal leg selected, the
//                      added latency in the strip and "BUSY next logins" waiting in the armed list
//
//   node scripts/screenshots.mjs [--out docs/screenshots] [--scheme light|dark] [--viewport 1440x900]
//
// With --scheme dark the files are named *-dark.png; another viewport adds its size (*-1280x800.png).
//
// Builds nothing: run `npm run build` first.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { expect } from '@playwright/test';
import WebSocket from 'ws';
import { launchChromium, missingBuild, startWebHost } from './lib/web-harness.mjs';

const VIEWPORT = { width: 1440, height: 900 };
/** Long enough for a payment app start-up with its BUSY phase, and a whole recovery. */
const STORY_TIMEOUT = 60_000;

/**
 * @param {string} message
 * @param {number} [code]
 */
function fail(message, code = 1) {
  process.stderr.write(`screenshots: ${message}\n`);
  process.exitCode = code;
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        out: { type: 'string', default: 'docs/screenshots' },
        scheme: { type: 'string', default: 'light' },
        viewport: { type: 'string', default: `${VIEWPORT.width}x${VIEWPORT.height}` },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 2);
  }
  if (args.scheme !== 'light' && args.scheme !== 'dark')
    return fail(`--scheme must be light or dark, not ${args.scheme}`, 2);
  const size = /^(\d+)x(\d+)$/.exec(args.viewport);
  if (size === null) return fail(`--viewport must be WIDTHxHEIGHT, not ${args.viewport}`, 2);
  const viewport = { width: Number(size[1]), height: Number(size[2]) };
  const suffix =
    (args.scheme === 'dark' ? '-dark' : '') +
    (args.viewport === `${VIEWPORT.width}x${VIEWPORT.height}` ? '' : `-${args.viewport}`);
  const named = (/** @type {string} */ name) => `${name}${suffix}.png`;
  const notBuilt = missingBuild();
  if (notBuilt !== undefined) return fail(notBuilt);
  const outDir = resolve(process.cwd(), args.out);
  await mkdir(outDir, { recursive: true });

  const host = await startWebHost();
  let browser;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport,
      deviceScaleFactor: 1,
      colorScheme: args.scheme,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STORY_TIMEOUT);
    await page.goto(host.url);
    await expect(page.locator('[data-app-state]')).toHaveAttribute('data-app-state', 'ready');
    const ui = harnessUi(page);

    const saved = await liveRecovery(ui, resolve(outDir, named('live-recovery')));
    await ledger(ui, resolve(outDir, named('ledger')));
    await replay(ui, saved, resolve(outDir, named('replay')));
    await terminalRole(ui, resolve(outDir, named('terminal-role')));
    await proxyRole(ui, resolve(outDir, named('proxy-role')));
    for (const name of ['live-recovery', 'ledger', 'replay', 'terminal-role', 'proxy-role'])
      process.stdout.write(`${resolve(outDir, named(name))}\n`);
  } finally {
    await browser?.close();
    await host.stop();
  }
}

/** The window's parts, located as the e2e page objects locate them (role + accessible name). */
/** @param {import('@playwright/test').Page} page */
function harnessUi(page) {
  const session = page
    .getByRole('complementary', { name: 'Session and faults' })
    .getByRole('region', { name: 'Session' });
  const timeline = page.getByRole('listbox', { name: 'Timeline', exact: true });
  const role = page.getByRole('form', { name: 'Role' });
  return {
    page,
    session,
    timeline,
    role,
    fault: (/** @type {string} */ name) =>
      page.getByRole('toolbar', { name: 'Faults' }).getByRole('button', { name, exact: true }),
    composer: (/** @type {string} */ name) => page.getByRole('form', { name, exact: true }),
    rows: (selector = '') => timeline.locator(`[role="option"]${selector}`),
    runId: () => page.getByRole('region', { name: 'Role' }).locator('[data-run-id]'),
  };
}

/** @typedef {ReturnType<typeof harnessUi>} HarnessUi */

/** @param {HarnessUi} ui */
async function expectSessionReady(ui) {
  await expect(ui.session).toHaveAttribute('data-session-state', 'ready', {
    timeout: STORY_TIMEOUT,
  });
}

/**
 * Presses "Apply role" and waits until the core started the new run.
 * @param {HarnessUi} ui
 */
async function applyRole(ui) {
  const before = (await ui.runId().getAttribute('data-run-id')) ?? '';
  await ui.role.getByRole('button', { name: 'Apply role' }).click();
  // A run with events asks before it is replaced (README "Care with work").
  const dialog = ui.page.getByRole('alertdialog', { name: 'Start a new run?' });
  const started = ui.page.locator(`[data-run-id]:not([data-run-id="${before}"])`);
  await expect(dialog.or(started).first()).toBeVisible({ timeout: STORY_TIMEOUT });
  if (await dialog.isVisible())
    await dialog.getByRole('button', { name: 'Start a new run' }).click();
  await expect(ui.runId()).not.toHaveAttribute('data-run-id', before, { timeout: STORY_TIMEOUT });
}

/**
 * Sets session-policy values by their labels through the Session policy panel.
 * @param {HarnessUi} ui
 * @param {Record<string, string>} values
 */
async function setPolicy(ui, values) {
  const panel = ui.page.locator('details').filter({ hasText: 'Session policy' });
  const summary = panel.getByText('Session policy', { exact: true });
  const form = panel.getByRole('form', { name: 'Session policy' });
  if (!(await form.isVisible())) await summary.click();
  for (const [label, value] of Object.entries(values)) await form.getByLabel(label).fill(value);
  await form.getByRole('button', { name: 'Apply policy' }).click();
  await expect(panel.getByText(/^Applied/)).toBeVisible();
  await summary.click();
}

/**
 * The detail pane's JSON, the pane unfolded first where it sits folded under the list
 * (README "Timeline flow view").
 * @param {import('@playwright/test').Page} page
 */
async function unfoldedJson(page) {
  const detail = page.getByRole('region', { name: 'Event detail' });
  const show = detail.getByRole('button', { name: 'Show details' });
  if (await show.isVisible()) await show.click();
  return detail.getByRole('region', { name: 'JSON' });
}

/**
 * The detail pane's title: what the pane says of the selected row, folded or not.
 * @param {import('@playwright/test').Page} page
 */
function detailTitle(page) {
  return page.getByRole('region', { name: 'Event detail' }).getByRole('heading');
}

/**
 * Scrolls the detail pane's JSON so that the first line holding `text` is at its top.
 * @param {import('@playwright/test').Locator} json
 * @param {string} text
 */
async function scrollJsonTo(json, text) {
  await json.evaluate((/** @type {HTMLElement} */ pre, /** @type {string} */ wanted) => {
    const lines = (pre.textContent ?? '').split('\n');
    const at = lines.findIndex((/** @type {string} */ line) => line.includes(wanted));
    const lineHeight = parseFloat(getComputedStyle(pre).lineHeight);
    pre.scrollTop = Math.max(0, at) * lineHeight;
  }, text);
}

/**
 * Scrolls every column back to its top, so each picture starts where a person would look.
 * @param {import('@playwright/test').Page} page
 */
async function scrollColumnsToTop(page) {
  await page.evaluate(() => {
    for (const column of document.querySelectorAll('.wb-column')) column.scrollTop = 0;
  });
}

/**
 * Client role with the embedded simulator: an approved payment whose response is lost, recovered.
 * @param {HarnessUi} ui
 * @param {string} file
 */
async function liveRecovery(ui, file) {
  const { page } = ui;
  await expectSessionReady(ui);
  // Short timeouts, so the lost response is noticed (and recovered) in seconds.
  await setPolicy(ui, {
    'Payment inactivity timeout (ms)': '3000',
    'TransactionStatus timeout (ms)': '2000',
    'Login timeout (ms)': '3000',
  });
  // A fresh run with that policy: the picture tells the whole story from the BUSY start-up on.
  await ui.role.getByRole('radio', { name: /^Client/ }).check();
  await ui.role.getByRole('radio', { name: 'Embedded simulator' }).check();
  await applyRole(ui);
  await expectSessionReady(ui);

  await ui.fault('Approve then lose response').click();
  const payment = ui.composer('Payment');
  await payment.getByRole('textbox', { name: 'Amount' }).fill('12.50');
  await payment.getByRole('button', { name: 'Send payment' }).click();
  const outcome = payment.locator('[data-op-state]');
  await expect(outcome).toHaveAttribute('data-outcome', 'recovered', { timeout: STORY_TIMEOUT });
  await expectSessionReady(ui);

  // The TransactionStatus answer that tells the real outcome of the lost payment.
  const status = ui.rows(
    '[data-kind="message"][data-category="TransactionStatus"][data-direction="toPos"]',
  );
  await expect(status.last()).toBeVisible();
  await status.last().click();
  const json = await unfoldedJson(page);
  await expect(json).toContainText('RepeatedMessageResponse');
  // Bring the answer's body into view: the real outcome of the payment whose response was lost.
  await scrollJsonTo(json, '"TransactionStatusResponse"');
  await scrollColumnsToTop(page);
  await page.screenshot({ path: file });

  // The trace of this run, as the trace API saves it (what "Save trace" downloads).
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save trace' }).click();
  const saved = await download;
  return { name: saved.suggestedFilename(), buffer: await readFile(await saved.path()) };
}

/**
 * The saved trace reopened in the replay view, the scrubber half-way through the story.
 * @param {HarnessUi} ui
 * @param {{ name: string, buffer: Buffer }} saved
 * @param {string} file
 */
async function replay(ui, saved, file) {
  const { page } = ui;
  await page.getByLabel('Open trace file').setInputFiles({
    name: saved.name,
    mimeType: 'application/x-ndjson',
    buffer: saved.buffer,
  });
  const view = page.locator('[data-replay-events]');
  await expect(view).toBeVisible();
  const events = Number(await view.getAttribute('data-replay-events'));
  if (!(events > 0)) throw new Error(`the replay view shows ${events} events`);
  const scrubber = page.getByRole('slider', { name: 'Replay position' });
  const middle = Math.round(events / 2);
  await scrubber.fill(String(middle));
  await expect(view).toHaveAttribute('data-replay-seq', String(middle));
  const replayTimeline = page.getByRole('listbox', { name: 'Replay timeline' });
  await expect(replayTimeline.locator(`[role="option"][data-seq="${middle}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await scrollColumnsToTop(page);
  await page.screenshot({ path: file });
  await page.getByRole('button', { name: 'Close replay' }).click();
  await expect(view).toHaveCount(0);
}

/**
 * Terminal role on a port: a plain WebSocket POS (this script) logs in and pays.
 * @param {HarnessUi} ui
 * @param {string} file
 */
async function terminalRole(ui, file) {
  const { page } = ui;
  // A fresh page: nothing the client-role story left in the window (outcomes, notes) shows here.
  await page.reload();
  await expect(page.locator('[data-app-state]')).toHaveAttribute('data-app-state', 'ready');
  await ui.role.getByRole('radio', { name: /^Terminal/ }).check();
  await ui.role.getByRole('spinbutton', { name: 'Listening port' }).fill('0');
  await applyRole(ui);
  const address = page.locator('[data-nexo-url]');
  await expect(address).toHaveAttribute('data-nexo-url', /^ws:\/\/127\.0\.0\.1:\d+\/nexo$/);
  const url = (await address.getAttribute('data-nexo-url')) ?? '';
  await expect(
    ui.rows('[data-kind="lifecycle"]').filter({ hasText: 'initialising → ready' }).last(),
  ).toBeVisible({
    timeout: STORY_TIMEOUT,
  });

  const pos = createPos(url);
  try {
    await pos.opened;
    const login = await pos.request('Login', 'POS1', {
      LoginRequest: {
        DateTime: new Date().toISOString(),
        SaleSoftware: {
          ProviderIdentification: 'Example Shop',
          ApplicationName: 'plain-ws POS',
          SoftwareVersion: '1.0',
        },
        SaleTerminalData: { TerminalEnvironment: 'Attended' },
        OperatorLanguage: 'en',
      },
    });
    expectResult(login, 'Login', 'Success');
    const paid = await pos.request('Payment', 'POS2', {
      PaymentRequest: {
        SaleData: {
          SaleTransactionID: { TransactionID: 'ORDER4711', TimeStamp: new Date().toISOString() },
        },
        PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: 24.9 } },
      },
    });
    expectResult(paid, 'Payment', 'Success');
    await showTerminalStory(ui, file);
  } finally {
    pos.close();
  }
}

/**
 * A terminal of its own: `a2a simulator` as a separate process on a free port, ready at once.
 * @returns {Promise<{ nexoUrl: string, stop: () => void }>}
 */
async function startTerminal() {
  const child = spawn(
    process.execPath,
    [
      join(import.meta.dirname, '..', 'bin', 'a2a.mjs'),
      'simulator',
      '--port',
      '0',
      '--json',
      '--init-ms',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.stdout === null) throw new Error('a2a simulator has no stdout');
  for await (const line of createInterface({ input: child.stdout })) {
    /** @type {{ event?: string, nexoUrl?: string }} */
    const said = JSON.parse(line);
    if (said.event === 'listening' && said.nexoUrl !== undefined) {
      const nexoUrl = said.nexoUrl;
      return { nexoUrl, stop: () => void child.kill('SIGTERM') };
    }
  }
  throw new Error('a2a simulator stopped before it listened');
}

/**
 * Proxy role: the window between a plain `ws` POS and a separate simulator as "the terminal".
 * An approved payment's response is lost in the middle; the POS logs in again and asks
 * TransactionStatus, as the rules want.
 * @param {HarnessUi} ui
 * @param {string} file
 */
async function proxyRole(ui, file) {
  const { page } = ui;
  const terminal = await startTerminal();
  try {
    await page.reload();
    await expect(page.locator('[data-app-state]')).toHaveAttribute('data-app-state', 'ready');
    await ui.role.getByRole('radio', { name: /^Proxy/ }).check();
    await ui.role.getByRole('combobox', { name: 'Listening wire' }).selectOption('ws');
    await ui.role.getByRole('spinbutton', { name: 'Listening port' }).fill('0');
    await ui.role.getByRole('textbox', { name: 'Terminal endpoint' }).fill(terminal.nexoUrl);
    await applyRole(ui);
    const address = ui.role.locator('[data-proxy-listen-url]');
    await expect(address).toHaveAttribute(
      'data-proxy-listen-url',
      /^ws:\/\/127\.0\.0\.1:\d+\/nexo$/,
    );
    const pos = createPos((await address.getAttribute('data-proxy-listen-url')) ?? '');
    try {
      await pos.opened;
      const loginBody = {
        LoginRequest: {
          DateTime: new Date().toISOString(),
          SaleSoftware: {
            ProviderIdentification: 'Example Shop',
            ApplicationName: 'plain-ws POS',
            SoftwareVersion: '1.0',
          },
          SaleTerminalData: { TerminalEnvironment: 'Attended' },
          OperatorLanguage: 'en',
        },
      };
      expectResult(await pos.request('Login', 'POS1', loginBody), 'Login', 'Success');
      await ui.fault('Approve then lose response').click();
      await expect(ui.rows('[data-kind="fault"]').filter({ hasText: 'armed' })).toBeVisible();
      pos.send('Payment', 'POS2', {
        PaymentRequest: {
          SaleData: {
            SaleTransactionID: { TransactionID: 'ORDER4712', TimeStamp: new Date().toISOString() },
          },
          PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: 24.9 } },
        },
      });
      const dropped = ui.rows(
        '[data-kind="message"][data-category="Payment"][data-direction="toPos"][data-proxied="dropped"]',
      );
      await expect(dropped).toBeVisible({ timeout: STORY_TIMEOUT });
      expectResult(await pos.request('Login', 'POS3', loginBody), 'Login', 'Success');
      const status = await pos.request('TransactionStatus', 'POS4', {
        TransactionStatusRequest: {
          MessageReference: { MessageCategory: 'Payment', ServiceID: 'POS2', SaleID: 'SHOP-7' },
        },
      });
      expectResult(status, 'TransactionStatus', 'Success');
      await expect(
        ui.session
          .getByRole('group', { name: 'Added latency' })
          .locator('[data-latency="toTerminal"]'),
      ).toHaveAttribute('data-median-ms', /\d/);
      await ui.fault('BUSY next logins').click();
      await expect(
        page.getByRole('list', { name: 'Armed faults' }).getByRole('listitem'),
      ).toContainText('BUSY next logins — 3 left');
      await dropped.click();
      // The drawer stays as a person finds it (folded under a narrow list): its title names the row.
      await expect(detailTitle(page)).toContainText('Payment Response');
      await expect(page.getByRole('listitem', { name: 'POS SHOP-7' })).toHaveAttribute(
        'data-pos-state',
        'loggedIn',
      );
      await scrollColumnsToTop(page);
      await page.screenshot({ path: file });
    } finally {
      pos.close();
    }
  } finally {
    terminal.stop();
  }
}

/**
 * The POS's frames on the timeline, its payment's answer opened, the simulator's ledger row.
 * @param {HarnessUi} ui
 * @param {string} file
 */
async function showTerminalStory(ui, file) {
  const { page } = ui;
  const paymentResponse = ui.rows(
    '[data-kind="message"][data-category="Payment"][data-direction="toPos"][data-service-id="POS2"]',
  );
  await expect(paymentResponse).toBeVisible();
  await paymentResponse.click();
  await expect(detailTitle(page)).toContainText('Payment Response');
  const json = page
    .getByRole('region', { name: 'Event detail' })
    .getByRole('region', { name: 'JSON' });
  // Beside a wide list the pane shows the JSON; folded under a narrow one, its title says enough.
  if (await json.isVisible()) await scrollJsonTo(json, '"PaymentResponse"');
  await expect(page.getByRole('group', { name: 'Ledger at a glance' })).toContainText(
    '1 approval standing',
  );
  await scrollColumnsToTop(page);
  await page.screenshot({ path: file });
}

/**
 * The ledger of the live run at full width in the centre: the recovered payment marked.
 * @param {HarnessUi} ui
 * @param {string} file
 */
async function ledger(ui, file) {
  const { page } = ui;
  const centre = page.getByRole('group', { name: 'Centre view' });
  await centre.getByRole('button', { name: 'Ledger', exact: true }).click();
  await expect(
    page.getByRole('region', { name: /^Ledger/ }).locator('tbody tr[data-recovered="true"]'),
  ).toHaveCount(1);
  await scrollColumnsToTop(page);
  await page.screenshot({ path: file });
  await centre.getByRole('button', { name: 'Live timeline', exact: true }).click();
}

/**
 * A POS that is nothing but a WebSocket: one nexo message per text frame.
 * @param {string} url
 */
function createPos(url) {
  const socket = new WebSocket(url);
  /** @type {Map<string, (response: Record<string, any>) => void>} */
  const waiting = new Map();
  socket.on('message', (data) => {
    /** @type {{ SaleToPOIResponse?: Record<string, any> }} */
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws hands over each frame as one Buffer (default binaryType); the lint rule cannot see the JSDoc cast
    const message = JSON.parse(/** @type {Buffer} */ (data).toString('utf8'));
    const header = message.SaleToPOIResponse?.MessageHeader;
    // Displays and event notifications are progress; only the final response settles a request.
    if (header?.MessageType !== 'Response') return;
    const resolveIt = waiting.get(`${header.MessageCategory}/${header.ServiceID}`);
    if (resolveIt !== undefined && message.SaleToPOIResponse !== undefined)
      resolveIt(message.SaleToPOIResponse);
  });
  return {
    opened: once(socket, 'open'),
    /**
     * Sends one request and resolves with its response.
     * @param {string} category
     * @param {string} serviceId
     * @param {Record<string, unknown>} body
     * @returns {Promise<Record<string, any>>}
     */
    request(category, serviceId, body) {
      const answered = new Promise((done, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${category} response for ${serviceId}`)),
          STORY_TIMEOUT,
        );
        waiting.set(`${category}/${serviceId}`, (response) => {
          clearTimeout(timer);
          done(response);
        });
      });
      send(category, serviceId, body);
      return answered;
    },
    send,
    close: () => socket.close(),
  };

  /**
   * Sends one request without waiting for its response.
   * @param {string} category
   * @param {string} serviceId
   * @param {Record<string, unknown>} body
   */
  function send(category, serviceId, body) {
    socket.send(
      JSON.stringify({
        SaleToPOIRequest: {
          MessageHeader: {
            ProtocolVersion: '3.1',
            MessageClass: 'Service',
            MessageCategory: category,
            MessageType: 'Request',
            ServiceID: serviceId,
            SaleID: 'SHOP-7',
            POIID: 'A2A-SIM-001',
          },
          ...body,
        },
      }),
    );
  }
}

/**
 * @param {Record<string, any>} response
 * @param {string} category
 * @param {string} result
 */
function expectResult(response, category, result) {
  const got = response[`${category}Response`]?.Response?.Result;
  if (got !== result)
    throw new Error(`${category}: expected ${result}, got ${JSON.stringify(response)}`);
}

try {
  await main();
} catch (error) {
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
