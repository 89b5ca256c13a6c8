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
  framesOf,
  openOnce,
  recordStory,
  scrollTimeline,
} from './cases/ui-trace-open.mjs';
import { FRAME_PARTS, splitFrames } from './frame-split.mjs';
import { median } from './stats.mjs';
import { tracedScroll } from './traced-scroll.mjs';

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
  // One scroll first: the open's garbage and the first paint of fonts are not a frame's.
  await page.evaluate(scrollTimeline, { durationMs: SCROLL_MS, stepPx: SCROLL_STEP_PX });
  /** @type {Record<string, number>[]} */
  const splits = [];
  for (let run = 0; run < runs; run++) {
    const { events, stamps } = await tracedScroll(page, cdp);
    const { intervals, dropped } = framesOf(stamps);
    const split = splitFrames(events, intervals.length);
    splits.push(split);
    console.log(
      `run ${run + 1}: ${intervals.length} frames, ${dropped} dropped, worst ${Math.max(...intervals).toFixed(1)} ms; ` +
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
