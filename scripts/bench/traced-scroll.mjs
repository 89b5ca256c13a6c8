// The bench's scroll of the replay timeline, traced with CDP Tracing (README "Where a scroll
// frame goes"): what scroll-profile.mjs and scroll-compare.mjs split into the parts of a frame.
import { SCROLL_MS, SCROLL_STEP_PX, scrollTimeline } from './cases/ui-trace-open.mjs';

/** The renderer's lifecycle and V8's collections: what frame-split.mjs reads. */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'].join(',');

/**
 * Scrolls the timeline for `durationMs` while tracing the page.
 * @param {import('playwright-core').Page} page a page showing the replay timeline
 * @param {import('playwright-core').CDPSession} cdp a session on that page
 * @param {number} [durationMs]
 * @returns {Promise<{ events: import('./frame-split.mjs').TraceEvent[], stamps: number[] }>}
 */
export async function tracedScroll(page, cdp, durationMs = SCROLL_MS) {
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
  try {
    const scrolled = await page.evaluate(scrollTimeline, { durationMs, stepPx: SCROLL_STEP_PX });
    return { events, stamps: scrolled.stamps };
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
}
