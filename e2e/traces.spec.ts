import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

// A run starts with the payment app initialising and answering BUSY: give recoveries time.
test.describe.configure({ timeout: 120_000 });
// The saved run must hold the BUSY logins of a real initialising phase (README "Testing").
test.use({ hostTiming: 'realistic' });
import type { HarnessPage } from './pages/harness-page';

// Runs on both targets: browser mode downloads the trace; Electron's main writes it through
// the native save dialog, which the test answers with a path of its own.

/** The ServiceIDs of the Login rows a timeline shows, in order. */
async function loginServiceIds(h: HarnessPage, list: 'live' | 'replay'): Promise<string[]> {
  const timeline = list === 'live' ? h.timeline : h.replayTimeline;
  const rows = await timeline.locator('[role="option"][data-category="Login"]').all();
  return Promise.all(rows.map(async (row) => (await row.getAttribute('data-service-id')) ?? ''));
}

test('a saved trace reopens in the replay view with the same rows', async ({
  harnessPage: h,
  harness,
}, testInfo) => {
  await h.freshRun();
  const events = await h.page.locator('.tl-count').textContent();

  let text: string;
  if (harness.kind !== 'electron') {
    const download = h.page.waitForEvent('download');
    await h.saveButton.click();
    text = await readFile(await (await download).path(), 'utf8');
  } else {
    const path = join(tmpdir(), `a2a-e2e-${testInfo.testId}.jsonl`);
    // Stands in for the person picking a file in the native dialog.
    await harness.app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = () => Promise.resolve({ canceled: false, filePath });
    }, path);
    await h.saveButton.click();
    await expect(h.page.getByText(`Saved to ${path}`)).toBeVisible();
    text = await readFile(path, 'utf8');
  }
  const lines = text.trim().split('\n');
  expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'a2a-trace', version: 1, role: 'client' });

  await h.filter('Login');
  const live = await loginServiceIds(h, 'live');
  // BUSY, BUSY…, Success: requests and responses of at least two Logins.
  expect(live.length).toBeGreaterThanOrEqual(4);

  await h.openInput.setInputFiles({
    name: 'saved.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(text),
  });
  await expect(h.scrubber).toBeVisible();
  await expect(h.page.locator('[data-replay-events]')).toHaveAttribute(
    'data-replay-events',
    String(lines.length - 1),
  );
  expect(events).toBe(`${lines.length - 1} events`);
  const replaySearch = h.page.getByRole('searchbox', { name: 'Search timeline' });
  await replaySearch.fill('Login');
  expect(await loginServiceIds(h, 'replay')).toEqual(live);
  // At its end the replayed session is where the live one was when saved.
  await expect(
    h.page
      .getByRole('region', { name: 'Session' })
      .filter({ has: h.page.locator('[data-counter]') })
      .first(),
  ).toHaveAttribute('data-session-state', 'ready');
});

test('a corrupt trace file shows an error naming its line', async ({ harnessPage: h }) => {
  const header = JSON.stringify({
    format: 'a2a-trace',
    version: 1,
    harnessVersion: '0.1.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    role: 'client',
    profile: 'app2app',
    policy: {},
    masked: true,
  });
  await h.openInput.setInputFiles({
    name: 'broken.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(`${header}\n{"seq":1,"t":0,"at":"x","kind":"session"\n{"seq":2}\n`),
  });
  await expect(h.page.getByRole('alert')).toContainText('broken.jsonl line 2: not JSON');
  await expect(h.scrubber).toHaveCount(0);

  await h.openInput.setInputFiles({
    name: 'future.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(header.replace('"version":1', '"version":9') + '\n'),
  });
  await expect(h.page.getByRole('alert')).toContainText(
    'future.jsonl line 1: unsupported trace version 9',
  );
});
