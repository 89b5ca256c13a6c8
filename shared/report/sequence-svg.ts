import { formatTraceTime } from '../trace/view';
import type { DiagramItem, DiagramModel, DiagramRow, GapRow, LaneId } from './diagram-rows';
import { LANE_LABELS } from './diagram-rows';
import { clipText, escapeHtml } from './escape';

/**
 * The diagram as inline SVG (README "Reports"): a lifeline per lane, one row per event — an
 * arrow per message, a note for everything else — the session state as a band on the left, a
 * mark on every row a verdict names, and a line where a large trace's events were left out.
 * Colours come from the page's stylesheet by class, so light and dark follow the system.
 */

const WIDTH = 1000;
const HEAD = 44;
const ROW = 24;
const STATE_X = 118;
const LANES_FROM = 150;
const LANES_TO = 990;
/** Average width of one character of the 11 px label font, for clipping labels to their space. */
const CHAR_PX = 6.4;

function laneXs(lanes: readonly LaneId[]): Map<LaneId, number> {
  const span = LANES_TO - LANES_FROM;
  const step = span / lanes.length;
  return new Map(lanes.map((lane, i) => [lane, Math.round(LANES_FROM + step * (i + 0.5))]));
}

/** A CSS class from a state name a trace supplied: letters only, or a neutral one. */
function stateClass(state: string | undefined): string {
  // No band before the reference client's first transition (or in a trace without one).
  if (state === undefined) return '';
  return /^[A-Za-z]{1,40}$/.test(state) ? `st-${state}` : 'st-other';
}

function rowId(prefix: string, seq: number): string {
  return `${prefix}row-${seq}`;
}

function arrowShape(
  row: DiagramRow & { type: 'arrow' },
  y: number,
  xs: Map<LaneId, number>,
  prefix: string,
) {
  const x1 = xs.get(row.from) ?? LANES_FROM;
  const x2 = xs.get(row.to) ?? LANES_TO;
  const mid = (x1 + x2) / 2;
  const room = Math.max(12, Math.floor(Math.abs(x2 - x1) / CHAR_PX));
  const end = x2 > x1 ? x2 - 2 : x2 + 2;
  return [
    `<line class="arrow${row.dashed ? ' dashed' : ''}" x1="${x1}" y1="${y + 17}" x2="${end}" y2="${y + 17}" marker-end="url(#${prefix}arrowhead)"/>`,
    `<text class="label" x="${mid}" y="${y + 12}" text-anchor="middle">${escapeHtml(clipText(row.label, room))}</text>`,
  ].join('');
}

function noteShape(
  row: DiagramRow & { type: 'note' },
  y: number,
  xs: Map<LaneId, number>,
  lanes: readonly LaneId[],
) {
  const across = row.lane === undefined;
  const x = across ? (LANES_FROM + LANES_TO) / 2 : (xs.get(row.lane) ?? LANES_FROM);
  const room = across ? 110 : Math.floor(((LANES_TO - LANES_FROM) / lanes.length - 12) / CHAR_PX);
  const text = clipText(row.label, room);
  const width = Math.min(text.length * CHAR_PX + 14, across ? LANES_TO - LANES_FROM : 9999);
  return [
    `<rect class="note" x="${Math.round(x - width / 2)}" y="${y + 4}" width="${Math.round(width)}" height="${ROW - 6}" rx="3"/>`,
    `<text class="label" x="${x}" y="${y + 17}" text-anchor="middle">${escapeHtml(text)}</text>`,
  ].join('');
}

function rowShape(
  row: DiagramRow,
  y: number,
  xs: Map<LaneId, number>,
  lanes: readonly LaneId[],
  prefix: string,
  failing: ReadonlySet<number>,
): string {
  const flagged = row.verdicts.length > 0;
  const fails = row.verdicts.some((index) => failing.has(index));
  const mark = !flagged
    ? ''
    : `<circle class="${fails ? 'mark-fail' : 'mark-pass'}" cx="110" cy="${y + 12}" r="4"/>`;
  const body = row.type === 'arrow' ? arrowShape(row, y, xs, prefix) : noteShape(row, y, xs, lanes);
  return [
    `<g id="${rowId(prefix, row.seq)}" class="row tone-${row.tone}">`,
    `<title>#${row.seq} ${escapeHtml(formatTraceTime(row.t))} ${escapeHtml(row.label)}${row.state === undefined ? '' : ` (session ${escapeHtml(row.state)})`}</title>`,
    `<rect class="hl" x="0" y="${y}" width="${WIDTH}" height="${ROW}"/>`,
    `<text class="seq" x="6" y="${y + 16}">#${row.seq}</text>`,
    `<text class="time" x="40" y="${y + 16}">${escapeHtml(formatTraceTime(row.t))}</text>`,
    mark,
    `<rect class="band ${stateClass(row.state)}" x="${STATE_X}" y="${y}" width="10" height="${ROW}"/>`,
    body,
    '</g>',
  ].join('');
}

function gapShape(gap: GapRow, y: number): string {
  return [
    `<g class="gap">`,
    `<rect class="gap-bg" x="0" y="${y}" width="${WIDTH}" height="${ROW}"/>`,
    `<text class="label" x="${WIDTH / 2}" y="${y + 16}" text-anchor="middle">… ${gap.omitted} ${gap.omitted === 1 ? 'event' : 'events'} omitted (#${gap.fromSeq}–#${gap.toSeq}) …</text>`,
    '</g>',
  ].join('');
}

/**
 * The SVG of a diagram. `prefix` keeps row ids unique when one page holds several reports;
 * `failing` holds the indexes of failing verdicts (their marks are red).
 */
export function sequenceSvg(
  model: DiagramModel,
  prefix: string,
  failing: ReadonlySet<number>,
  label: string,
): string {
  const xs = laneXs(model.lanes);
  const height = HEAD + model.items.length * ROW + 8;
  const lifelines = model.lanes
    .map((lane) => {
      const x = xs.get(lane) ?? 0;
      return `<line class="lifeline" x1="${x}" y1="${HEAD - 6}" x2="${x}" y2="${height}"/><text class="lane" x="${x}" y="22" text-anchor="middle">${escapeHtml(LANE_LABELS[lane])}</text>`;
    })
    .join('');
  const rows = model.items.map((item: DiagramItem, index) => {
    const y = HEAD + index * ROW;
    return item.type === 'gap'
      ? gapShape(item, y)
      : rowShape(item, y, xs, model.lanes, prefix, failing);
  });
  return [
    `<svg class="diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(label)}">`,
    `<defs><marker id="${prefix}arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="head" d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
    `<text class="lane" x="6" y="22">Event</text><text class="lane" x="${STATE_X - 4}" y="38">Session</text>`,
    lifelines,
    ...rows,
    '</svg>',
  ].join('');
}
