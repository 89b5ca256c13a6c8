#!/usr/bin/env node
// Where a scroll frame goes (README "Performance: last measured values"): the bench's
// ui-trace-open scroll (the 100,000-event trace in the replay timeline's flow view, 280 px per
// animation frame for 3 s), traced with CDP Tracing and split into script, style, layout,
// pre-paint, paint, layerize and commit per frame, in thread CPU time. The bench measures the
// frames; this says what fills them. Tracing costs the page a little, so its frame counts are
// not the bench's.
//
//   node scripts/bench/scroll-profile.mjs [--runs N] [--trace FILE]
//
// --trace keeps the last run's raw trace (open it in Chrome DevTools' Performance panel).
// Builds nothing: run `npm run build` first.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, missingBuild, startWebHost } from '../lib/web-harness.mjs';
import { repeatTrace } from './big-trace.mjs';
import {
  EVENTS,
  SCROLL_MS,
  SCROLL_STEP_PX,
  VIEWPORT,
  openOnce,
  recordStory,
  scrollTimeline,
} from './cases/ui-trace-open.mjs';
import { FRAME_PARTS, splitFrames } from './frame-split.mjs';
import { median } from './stats.mjs';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'].join(',');

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, trace: { type: 'string' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1`);
const notBuilt = missingBuild();
if (notBuilt !== undefined) throw new Error(notBuilt);

const dir = await mkdtemp(join(tmpdir(), 'a2a-scroll-profile-'));
const host = await startWebHost();
const browser = await launchChromium();
try {
  const file = join(dir, `trace-${EVENTS}.jsonl`);
  await writeFile(file, repeatTrace(await recordStory(join(dir, 'story.jsonl')), EVENTS));
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await openOnce(page, host.url, file);
  const cdp = await page.context().newCDPSession(page);
  const scroll = () =>
    page.evaluate(scrollTimeline, { durationMs: SCROLL_MS, stepPx: SCROLL_STEP_PX });
  // One scroll first: the open's garbage and the first paint of fonts are not a frame's.
  await scroll();
  /** @type {Record<string, number>[]} */
  const splits = [];
  for (let run = 0; run < runs; run++) {
    /** @type {import('./frame-split.mjs').TraceEvent[]} */
    const events = [];
    /** @param {{ value: object[] }} chunk */
    const collect = ({ value }) => {
      // CDP's Tracing events are untyped records; these carry the fields frame-split.mjs reads.
      events.push(.../** @type {import('./frame-split.mjs').TraceEvent[]} */ (value));
    };
    cdp.on('Tracing.dataCollected', collect);
    const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    const scrolled = await scroll();
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
    const frames = scrolled.stamps.length - 1;
    const split = splitFrames(events, frames);
    splits.push(split);
    const intervals = scrolled.stamps.slice(1).map((t, i) => t - (scrolled.stamps[i] ?? t));
    const frameMs = median(intervals);
    const dropped = intervals.filter((ms) => ms > 1.5 * frameMs || ms > 25).length;
    console.log(
      `run ${run + 1}: ${frames} frames, ${dropped} dropped, worst ${Math.max(...intervals).toFixed(1)} ms; ` +
        Object.entries(split)
          .map(([part, ms]) => `${part} ${ms.toFixed(2)}`)
          .join(', ') +
        ' (CPU ms per frame)',
    );
    if (values.trace !== undefined && run === runs - 1)
      await writeFile(values.trace, JSON.stringify(events));
  }
  console.log(
    `median of ${runs}: ` +
      Object.keys(FRAME_PARTS)
        .map((part) => `${part} ${median(splits.map((s) => s[part] ?? NaN)).toFixed(2)}`)
        .join(', ') +
      ' (CPU ms per frame)',
  );
} finally {
  await browser.close();
  await host.stop();
  await rm(dir, { recursive: true, force: true });
}
