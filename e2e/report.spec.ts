import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousViolations } from './support/axe';
import { CHROMIUM_ARGS, findChromium, ROOT } from './support/paths';

// `a2a report` of the sample traces, opened as a person opens an attachment: a file in a
// browser, offline. The report is a plain file, so this runs on the web target only.

// axe-core judges every node of the diagram twice (light and dark) on a shared machine.
test.describe.configure({ timeout: 120_000 });

const SAMPLES: readonly { file: string; failing: readonly string[] }[] = [
  { file: 'reference-approve-then-drop.jsonl', failing: [] },
  { file: 'foreign-pos-status-first.jsonl', failing: [] },
  {
    file: 'foreign-pos-blind-resend.jsonl',
    failing: ['status-before-payment-retry', 'no-double-charge'],
  },
];

/** Runs the built CLI; resolves with its exit code (1 is a report of a failing trace). */
function a2a(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'a2a.mjs'), ...args], (error, _out, stderr) =>
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? 2 : 0, stderr }),
    );
  });
}

let browser: Browser;
let folder: string;

test.beforeAll(async ({ target }) => {
  test.skip(target !== 'web', 'the report is a file; one browser is enough');
  const executable = findChromium();
  if (!executable.ok) throw new Error(executable.reason);
  browser = await chromium.launch({ executablePath: executable.path, args: CHROMIUM_ARGS });
  folder = await mkdtemp(join(tmpdir(), 'a2a-e2e-report-'));
});

test.afterAll(async () => {
  await browser?.close();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

/** Opens a report file, counting every request it makes besides its own document. */
async function open(path: string): Promise<{ page: Page; requests: string[]; csp: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = pathToFileURL(path).href;
  const requests: string[] = [];
  const csp: string[] = [];
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) csp.push(message.text());
  });
  await page.goto(url);
  return { page, requests, csp };
}

for (const { file, failing } of SAMPLES) {
  test(`a2a report of ${file} opens offline with its verdicts, diagram and trace`, async () => {
    const trace = join(ROOT, 'resources', 'traces', file);
    const out = join(folder, file.replace(/\.jsonl$/, '.html'));
    const run = await a2a(['report', trace, '-o', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(failing.length === 0 ? 0 : 1);

    const { page, requests, csp } = await open(out);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('App2App Harness report');
    const verdicts = page.locator('ul.verdicts > li');
    await expect(verdicts.first()).toBeVisible();
    await expect(page.locator('ul.verdicts > li[data-pass="false"]')).toHaveCount(failing.length);
    for (const checker of failing)
      await expect(page.locator(`li[data-checker="${checker}"][data-pass="false"]`)).toBeVisible();
    const lines = (await readFile(trace, 'utf8')).trimEnd().split('\n');
    await expect(page.getByRole('img', { name: /^Sequence diagram/ })).toBeVisible();
    await expect(page.locator('svg.diagram g.row')).toHaveCount(lines.length - 1);

    // A failing verdict's link lands on its row of the diagram.
    if (failing.length > 0) {
      const link = page.locator('ul.verdicts > li[data-pass="false"] a[href^="#row-"]').first();
      const target = (await link.getAttribute('href')) ?? '';
      await link.click();
      await expect(page).toHaveURL(new RegExp(`${target}$`));
      await expect(page.locator(`g${target}:target`)).toHaveCount(1);
    }

    // The embedded trace reads back as the very bytes of the input.
    const base64 = await page.locator('script#a2a-trace').textContent();
    expect(Buffer.from(base64 ?? '', 'base64').equals(await readFile(trace))).toBe(true);

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), colorScheme).toEqual([]);
    }
    // The page's own colours follow the scheme (its stylesheet was allowed to apply).
    const background = () =>
      page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).not.toBe(light);

    expect(requests).toEqual([]);
    expect(csp).toEqual([]);
    await page.context().close();
  });
}
