#!/usr/bin/env node
// Compares the bench's scroll (README "Where a scroll frame goes") between renderer builds in one
// Chromium: each build has its own page on the 100,000-event trace, and the pages scroll in turn,
// round after round, so that a busy spell of the box falls on every build alike. Each scroll is
// traced and split into main-thread CPU per frame (frame-split.mjs); each build's total is given
// as a ratio of the first build's in the same round. On a box whose own speed varies by half
// from one run to the next, that paired ratio is what says whether a change helped.
//
//   node scripts/bench/scroll-compare.mjs [--rounds N] [--scroll-ms MS] BUILD_DIR BUILD_DIR...
//
// A BUILD_DIR is a copy of out/renderer from one build (`npm run build`, then copy the folder
// away before building the next); the first is the baseline. The harness behind every page is
// the current out/ (`a2a web`); only the page's own files come from each BUILD_DIR.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, chromiumPath, missingBuild, startWebHost } from '../lib/web-harness.mjs';
import { repeatTrace } from './big-trace.mjs';
import {
  EVENTS,
  SCROLL_STEP_PX,
  VIEWPORT,
  framesOf,
  openOnce,
  recordStory,
  scrollTimeline,
} from './cases/ui-trace-open.mjs';
import { FRAME_PARTS, splitFrames } from './frame-split.mjs';
import { median } from './stats.mjs';
import { tracedScroll } from './traced-scroll.mjs';

/** @typedef {ReturnType<typeof splitFrames> & { dropped: number }} ScrollSample */

const CONTENT_TYPES = /** @type {Readonly<Record<string, string>>} */ ({
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
});

const { values, positionals } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    'scroll-ms': { type: 'string', default: '1500' },
  },
  allowPositionals: true,
});
const rounds = Number(values.rounds);
const scrollMs = Number(values['scroll-ms']);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number ≥ 1');
if (!Number.isInteger(scrollMs) || scrollMs < 500)
  throw new Error('--scroll-ms must be a whole number of milliseconds ≥ 500');
if (positionals.length < 2)
  throw new Error(
    'give two or more BUILD_DIRs (copies of out/renderer); the first is the baseline',
  );
const builds = positionals.map((dir) => {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`${dir} has no index.html: it should be a copy of out/renderer`);
  return { name: dir, root };
});
const notBuilt = missingBuild();
if (notBuilt !== undefined) throw new Error(notBuilt);

const dir = await mkdtemp(join(tmpdir(), 'a2a-scroll-compare-'));
const host = await startWebHost();
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  // A page whose files come from route.fulfill counts as a public page to Chromium, which then
  // refuses its WebSocket to the harness on 127.0.0.1 (Local Network Access). Every build's page
  // is served the same way, so the comparison stays fair.
  args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'],
});
try {
  const file = join(dir, `trace-${EVENTS}.jsonl`);
  await writeFile(file, repeatTrace(await recordStory(join(dir, 'story.jsonl')), EVENTS));
  const pages = [];
  for (const build of builds) {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await context.route(`${new URL(host.url).origin}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/' || path === '/index.html') {
        // The host's own response, for its headers (the Content-Security-Policy); the build's page.
        const response = await route.fetch();
        return route.fulfill({ response, body: await readFile(join(build.root, 'index.html')) });
      }
      const local = resolve(build.root, `.${decodeURIComponent(path)}`);
      if (!local.startsWith(build.root + sep) || !existsSync(local)) return route.continue();
      return route.fulfill({
        body: await readFile(local),
        contentType: CONTENT_TYPES[extname(local)] ?? 'application/octet-stream',
      });
    });
    const page = await context.newPage();
    await openOnce(page, host.url, file);
    const cdp = await context.newCDPSession(page);
    // One scroll first: the open's garbage and the first paint of fonts are not a frame's.
    await page.evaluate(scrollTimeline, { durationMs: 1000, stepPx: SCROLL_STEP_PX });
    pages.push({ ...build, page, cdp, splits: /** @type {ScrollSample[]} */ ([]) });
  }

  for (let round = 0; round < rounds; round++) {
    // Every other round in reverse, so that no build always scrolls right after another.
    const order = round % 2 === 0 ? pages : [...pages].reverse();
    for (const build of order) {
      await build.page.bringToFront();
      const { events, stamps } = await tracedScroll(build.page, build.cdp, scrollMs);
      const { intervals, dropped } = framesOf(stamps);
      build.splits.push({ ...splitFrames(events, intervals.length), dropped });
    }
    process.stderr.write(`round ${round + 1} of ${rounds} done\n`);
  }

  const parts = /** @type {(keyof typeof FRAME_PARTS)[]} */ (Object.keys(FRAME_PARTS));
  console.log(`main-thread CPU ms per frame, median of ${rounds} rounds of ${scrollMs} ms`);
  for (const build of pages) {
    const medians = parts.map(
      (part) => `${part} ${median(build.splits.map((s) => s[part])).toFixed(2)}`,
    );
    const dropped = build.splits.map((s) => s.dropped).join(',');
    console.log(`${build.name}: ${medians.join(', ')}; dropped per round ${dropped}`);
  }
  const [baseline, ...others] = pages;
  for (const build of others) {
    const ratios = build.splits.map(
      (split, i) => split.total / (baseline?.splits[i]?.total ?? NaN),
    );
    console.log(
      `${build.name} ÷ ${baseline?.name}, total per frame: median ${median(ratios).toFixed(3)} ` +
        `(rounds: ${ratios.map((r) => r.toFixed(2)).join(' ')})`,
    );
  }
} finally {
  await browser.close();
  await host.stop();
  await rm(dir, { recursive: true, force: true });
}
