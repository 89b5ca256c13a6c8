// Splits a Chromium performance trace (CDP Tracing, "devtools.timeline" categories) of the
// renderer's main thread into the parts of a frame (README "Performance: last measured values",
// where a scroll frame goes): script, style, layout, pre-paint, paint, layerize, commit, garbage
// collection. Thread CPU time (`tdur`), not wall time: on a shared box another process's turn on
// the core is not the page's work.

/**
 * @typedef {{ name: string, ph: string, pid: number, tid: number, ts: number, dur?: number,
 *   tdur?: number, args?: { data?: { type?: string } } }} TraceEvent
 */

/** The parts of a frame, each the trace events that make it up (outermost only, never twice). */
export const FRAME_PARTS = /** @type {const} */ ({
  /** Event listeners: the list's scroll handler renders the rows (React). */
  events: ['EventDispatch'],
  /** requestAnimationFrame callbacks (the bench's own scrolling; a forced layout lands in it). */
  animationFrame: ['FireAnimationFrame'],
  style: ['UpdateLayoutTree'],
  layout: ['Layout'],
  prePaint: ['PrePaint'],
  paint: ['Paint'],
  layerize: ['Layerize'],
  commit: ['Commit'],
  gc: ['MajorGC', 'MinorGC', 'V8.GC_MARK_COMPACTOR', 'V8.GC_SCAVENGER', 'V8.GC_MC_INCREMENTAL'],
  /** Every task on the thread: the frame's whole cost. */
  total: ['RunTask'],
});

/** @typedef {keyof typeof FRAME_PARTS} FramePart */

/**
 * The renderer's main thread: the thread that ran the most layouts.
 * @param {readonly TraceEvent[]} events
 * @returns {string | undefined} "pid:tid"
 */
export function mainThreadOf(events) {
  /** @type {Map<string, number>} */
  const layouts = new Map();
  for (const event of events) {
    if (event.name !== 'Layout' && event.name !== 'UpdateLayoutTree') continue;
    const thread = `${event.pid}:${event.tid}`;
    layouts.set(thread, (layouts.get(thread) ?? 0) + 1);
  }
  let best;
  let most = 0;
  for (const [thread, count] of layouts) {
    if (count > most) [best, most] = [thread, count];
  }
  return best;
}

/**
 * CPU milliseconds per frame of each part on the main thread. An event nested in another of the
 * same part (a Paint inside a Paint) counts once; parts nest in each other (a forced layout sits
 * inside the animation frame callback that forced it), so they do not add up to `total`.
 * @param {readonly TraceEvent[]} events
 * @param {number} frames
 * @returns {Record<FramePart, number>}
 */
export function splitFrames(events, frames) {
  const main = mainThreadOf(events);
  const complete = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && `${e.pid}:${e.tid}` === main)
    .sort((a, b) => a.ts - b.ts);
  const split = /** @type {Record<FramePart, number>} */ ({});
  for (const [part, names] of Object.entries(FRAME_PARTS)) {
    const wanted = new Set(/** @type {readonly string[]} */ (names));
    let cpu = 0;
    let coveredUntil = -Infinity;
    for (const event of complete) {
      if (!wanted.has(event.name) || event.ts < coveredUntil) continue;
      const dur = event.dur ?? 0;
      cpu += event.tdur ?? dur;
      coveredUntil = event.ts + dur;
    }
    split[/** @type {FramePart} */ (part)] = frames > 0 ? cpu / 1000 / frames : NaN;
  }
  return split;
}
