import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell-page';

/** What a timeline row is located by: the documented `data-*` attributes and its text. */
export interface RowQuery {
  readonly kind?:
    | 'message'
    | 'session'
    | 'fault'
    | 'timeout'
    | 'retry'
    | 'op'
    | 'lifecycle'
    | 'link'
    | 'poiSession'
    | 'ledger'
    | 'security';
  readonly category?: string;
  readonly direction?: 'toPoi' | 'toPos';
  readonly serviceId?: string;
  /** The wire of the row's link: `ws`, `tcp`, `local-api`, `terminal-api`. */
  readonly wire?: string;
  readonly text?: string | RegExp;
}

/** Long enough for a payment app restart, its BUSY phase and a recovery. */
export const RECOVERY_TIMEOUT = 45_000;

/**
 * The harness window as a QA engineer uses it: session panel, fault buttons, timeline, composer,
 * ledger, role and traces. Everything is located by role and accessible name, or by the
 * documented testing surface (`data-app-state`, `data-session-state`, row `data-*`).
 */
export class HarnessPage {
  readonly shell: ShellPage;
  readonly session: Locator;
  readonly timeline: Locator;
  readonly search: Locator;
  readonly ledger: Locator;
  readonly role: Locator;

  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
    this.session = page
      .getByRole('complementary', { name: 'Session and faults' })
      .getByRole('region', { name: 'Session' });
    this.timeline = page.getByRole('listbox', { name: 'Timeline', exact: true });
    this.search = page
      .getByRole('region', { name: 'Timeline', exact: true })
      .getByRole('searchbox', { name: 'Search timeline' });
    this.ledger = page.getByRole('region', { name: /^Ledger/ });
    this.role = page.getByRole('form', { name: 'Role' });
  }

  /** A tall window, so the rows of a whole recovery fit in the (virtualised) timeline. */
  async open(): Promise<void> {
    await this.page.setViewportSize({ width: 1600, height: 1500 });
    await this.shell.waitUntilReady();
  }

  /** A fault button, by its documented accessible name, inside the Faults toolbar. */
  fault(name: string): Locator {
    return this.faults.getByRole('button', { name, exact: true });
  }

  /** The fault bar. */
  get faults(): Locator {
    return this.page.getByRole('toolbar', { name: 'Faults' });
  }

  /** The list of armed faults. */
  get armed(): Locator {
    return this.page.getByRole('list', { name: 'Armed faults' });
  }

  counter(
    name:
      'logins' | 'busyRetries' | 'timeouts' | 'retries' | 'recoveredPayments' | 'ignoredRequests',
  ): Locator {
    return this.session.locator(`[data-counter="${name}"]`);
  }

  async count(name: Parameters<HarnessPage['counter']>[0]): Promise<number> {
    return Number((await this.counter(name).textContent()) ?? 'NaN');
  }

  async expectSession(state: string, timeout = RECOVERY_TIMEOUT): Promise<void> {
    await expect(this.session).toHaveAttribute('data-session-state', state, { timeout });
  }

  /** Rows of the live timeline (only rendered rows: narrow with {@link filter} for old ones). */
  rows(query: RowQuery = {}): Locator {
    const attrs = [
      query.kind && `[data-kind="${query.kind}"]`,
      query.category && `[data-category="${query.category}"]`,
      query.direction && `[data-direction="${query.direction}"]`,
      query.serviceId && `[data-service-id="${query.serviceId}"]`,
      query.wire && `[data-wire="${query.wire}"]`,
    ]
      .filter(Boolean)
      .join('');
    const rows = this.timeline.locator(`[role="option"]${attrs}`);
    return query.text === undefined ? rows : rows.filter({ hasText: query.text });
  }

  /** The centre's view switch: "Live timeline", "Replay…" or "Ledger". */
  centreView(name: 'Live timeline' | 'Ledger'): Locator {
    return this.page
      .getByRole('group', { name: 'Centre view' })
      .getByRole('button', { name, exact: true });
  }

  /** Shows the ledger at full width in the centre (README "Ledger"). */
  async openLedger(): Promise<void> {
    await this.centreView('Ledger').click();
    await expect(this.ledger).toBeVisible();
  }

  /** The selected row of the live timeline. */
  get selectedRow(): Locator {
    return this.timeline.getByRole('option', { selected: true });
  }

  /** Shows only the rows whose text matches (the timeline's search box). */
  async filter(text: string): Promise<void> {
    await this.search.fill(text);
  }

  /**
   * Starts a new run in client role with the embedded simulator (the same as a fresh start) and
   * waits until its session is open: every test begins from the same story.
   */
  async freshRun(): Promise<void> {
    await this.role.getByRole('radio', { name: /^Client/ }).check();
    await this.role.getByRole('radio', { name: 'Embedded simulator' }).check();
    await this.applyRole();
    await this.expectSession('ready');
    await expect(this.counter('logins')).toHaveText('1');
  }

  /** The question "Apply role" asks on a run with events (README "Care with work"). */
  get newRunDialog(): Locator {
    return this.page.getByRole('alertdialog', { name: 'Start a new run?' });
  }

  /**
   * Presses "Apply role", says "Start a new run" when asked (a run with events asks first), and
   * waits until the core started the new run.
   */
  async applyRole(): Promise<void> {
    const current = this.page.getByRole('region', { name: 'Role' }).locator('[data-run-id]');
    const before = (await current.getAttribute('data-run-id')) ?? '';
    const started = this.page
      .getByRole('region', { name: 'Role' })
      .locator(`[data-run-id]:not([data-run-id="${before}"])`);
    await this.role.getByRole('button', { name: 'Apply role' }).click();
    await expect(this.newRunDialog.or(started).first()).toBeVisible({ timeout: RECOVERY_TIMEOUT });
    if (await this.newRunDialog.isVisible())
      await this.newRunDialog.getByRole('button', { name: 'Start a new run' }).click();
    await expect(current).not.toHaveAttribute('data-run-id', before, { timeout: RECOVERY_TIMEOUT });
  }

  /** Sets session-policy values by their labels (e.g. "Payment inactivity timeout (ms)"). */
  async setPolicy(values: Readonly<Record<string, string>>): Promise<void> {
    const panel = this.page.locator('details').filter({ hasText: 'Session policy' });
    const summary = panel.getByText('Session policy', { exact: true });
    const form = panel.getByRole('form', { name: 'Session policy' });
    if (!(await form.isVisible())) await summary.click();
    for (const [label, value] of Object.entries(values)) await form.getByLabel(label).fill(value);
    await form.getByRole('button', { name: 'Apply policy' }).click();
    await expect(panel.getByText(/^Applied/)).toBeVisible();
    for (const [label, value] of Object.entries(values))
      await expect(form.getByLabel(label)).toHaveValue(value);
    await summary.click();
  }

  /** A composer form: Login, Logout, Payment, TransactionStatus, Reversal, Abort, Admin. */
  composer(name: string): Locator {
    return this.page.getByRole('form', { name, exact: true });
  }

  /** The final-outcome line under a composer form's button. */
  outcome(form: string): Locator {
    return this.composer(form).locator('[data-op-state]');
  }

  async pay(amount = '12.50'): Promise<void> {
    const form = this.composer('Payment');
    await form.getByRole('textbox', { name: 'Amount' }).fill(amount);
    await form.getByRole('button', { name: 'Send payment' }).click();
  }

  async switchToTerminal(port = 0): Promise<string> {
    await this.role.getByRole('radio', { name: /^Terminal/ }).check();
    await this.role.getByRole('spinbutton', { name: 'Listening port' }).fill(String(port));
    await this.applyRole();
    const address = this.page.locator('[data-nexo-url]');
    await expect(address).toHaveAttribute('data-nexo-url', /^ws:\/\/127\.0\.0\.1:\d+\/nexo$/, {
      timeout: RECOVERY_TIMEOUT,
    });
    return (await address.getAttribute('data-nexo-url')) ?? '';
  }

  /**
   * Terminal role listening on WebSocket and on nexo over TCP (both on free ports); returns the
   * TCP address the window shows.
   */
  async switchToTerminalWithTcp(): Promise<string> {
    await this.role.getByRole('radio', { name: /^Terminal/ }).check();
    await this.role.getByRole('spinbutton', { name: 'Listening port' }).fill('0');
    await this.role.getByRole('checkbox', { name: 'nexo over TCP' }).check();
    await this.role.getByRole('spinbutton', { name: 'nexo over TCP port' }).fill('0');
    await this.applyRole();
    const address = this.page.locator('[data-wire-address="tcp"]');
    await expect(address).toHaveAttribute('data-url', /^tcp:\/\/127\.0\.0\.1:\d+$/, {
      timeout: RECOVERY_TIMEOUT,
    });
    await expect(address.getByRole('button', { name: 'Copy nexo over TCP address' })).toBeVisible();
    return (await address.getAttribute('data-url')) ?? '';
  }

  /**
   * Terminal role listening on WebSocket and on the Terminal API over HTTPS with a NexoCrypto key
   * (README "Terminal API wire"); returns the HTTPS address and the CA file the window shows.
   */
  async switchToTerminalWithTerminalApi(key: {
    readonly keyIdentifier: string;
    readonly keyVersion: number;
    readonly passphrase: string;
    readonly requireEncryption: boolean;
  }): Promise<{ url: string; caFile: string }> {
    await this.role.getByRole('radio', { name: /^Terminal/ }).check();
    await this.role.getByRole('spinbutton', { name: 'Listening port' }).fill('0');
    await this.role.getByRole('checkbox', { name: 'Terminal API (HTTPS)' }).check();
    await this.role.getByRole('spinbutton', { name: 'Terminal API (HTTPS) port' }).fill('0');
    const fields = this.role.getByRole('group', { name: 'NexoCrypto key' });
    await fields.getByRole('checkbox', { name: 'Encrypt with NexoCrypto' }).check();
    await fields.getByRole('textbox', { name: 'Key identifier' }).fill(key.keyIdentifier);
    await fields.getByRole('spinbutton', { name: 'Key version' }).fill(String(key.keyVersion));
    await fields.getByLabel('Passphrase').fill(key.passphrase);
    await this.role
      .getByRole('checkbox', { name: /Require encryption/ })
      .setChecked(key.requireEncryption);
    await this.applyRole();
    const address = this.page.locator('[data-wire-address="terminal-api"]');
    await expect(address).toHaveAttribute('data-url', /^https:\/\/127\.0\.0\.1:\d+\/nexo$/, {
      timeout: RECOVERY_TIMEOUT,
    });
    const ca = this.role.locator('[data-ca-file]');
    await expect(ca.getByRole('button', { name: 'Copy CA file path' })).toBeVisible();
    return {
      url: (await address.getAttribute('data-url')) ?? '',
      caFile: (await ca.getAttribute('data-ca-file')) ?? '',
    };
  }

  /**
   * Puts the window in proxy role: the POS connects on `wire` (any free port), the terminal is
   * `upstream`. Returns where the POS connects, as the Role panel shows it.
   */
  async switchToProxy(upstream: string, wire: 'ws' | 'tcp' = 'tcp'): Promise<string> {
    await this.role.getByRole('radio', { name: /^Proxy/ }).check();
    await this.role.getByRole('combobox', { name: 'Listening wire' }).selectOption(wire);
    await this.role.getByRole('spinbutton', { name: 'Listening port' }).fill('0');
    await this.role.getByRole('textbox', { name: 'Terminal endpoint' }).fill(upstream);
    await this.applyRole();
    const address = this.role.locator('[data-proxy-listen-url]');
    await expect(address).toHaveAttribute('data-proxy-listen-url', new RegExp(`^${wire}://`), {
      timeout: RECOVERY_TIMEOUT,
    });
    await expect(address.getByRole('button', { name: 'Copy address' })).toBeVisible();
    return (await address.getAttribute('data-proxy-listen-url')) ?? '';
  }

  // Traces.
  get recordButton(): Locator {
    return this.page.getByRole('button', { name: 'Record trace' });
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save trace' });
  }

  get openInput(): Locator {
    return this.page.getByLabel('Open trace file');
  }

  get replayTimeline(): Locator {
    return this.page.getByRole('listbox', { name: 'Replay timeline' });
  }

  get scrubber(): Locator {
    return this.page.getByRole('slider', { name: 'Replay position' });
  }
}
