import { formatMinor } from '../protocol/money';
import { runCheckers } from '../trace/checkers/registry';
import type { Verdict } from '../trace/checkers/types';
import type { TraceEvent, TraceHeader } from '../trace/events';
import { reportCsp } from './csp';
import { diagramOf, type DiagramLimits, DEFAULT_DIAGRAM_LIMITS } from './diagram-rows';
import { TRACE_BLOCK_ID, safeFileName, traceBlock, type Base64Encoder } from './embedded-trace';
import { escapeHtml } from './escape';
import { ledgerOf } from './ledger';
import { REPORT_CSS, REPORT_SCRIPT } from './page-assets';
import { sequenceSvg } from './sequence-svg';
import { formatDuration, summaryOf } from './summary';

/**
 * The HTML report of one trace (README "Reports"): a single self-contained file with the run
 * summary, the verdicts linked to their rows of a sequence diagram (inline SVG), the ledger, and
 * the trace itself embedded for download. Pure: the CLI, the core and the window all call it.
 */

/** One trace to report on. `text` is the file as read: it is embedded byte for byte. */
export interface ReportInput {
  readonly header: TraceHeader;
  readonly events: readonly TraceEvent[];
  readonly text: string;
  readonly fileName: string;
  /** The verdicts to show; every checker's when omitted. */
  readonly verdicts?: readonly Verdict[];
  /** The page's heading; a description of the run when omitted. */
  readonly title?: string;
}

export interface ReportOptions {
  readonly limits?: DiagramLimits;
  /** Base64 of the trace's UTF-8 bytes; the CLI passes Node's, which is faster on large files. */
  readonly encodeBase64?: Base64Encoder;
}

/** A `data:` download link only up to this many base64 characters (browsers cap URL length). */
const DATA_URL_LIMIT = 1_500_000;

function titleOf(input: ReportInput): string {
  const what = input.header.scenario ?? `${input.header.role} role`;
  return input.title ?? `App2App Harness report: ${what}, ${input.header.createdAt}`;
}

function rowLink(prefix: string, seq: number, shown: ReadonlySet<number>): string {
  return shown.has(seq)
    ? `<a href="#${prefix}row-${seq}">#${seq}</a>`
    : `<span class="muted">#${seq}</span>`;
}

const LINKED_PER_VERDICT = 12;

function verdictList(
  verdicts: readonly Verdict[],
  prefix: string,
  shown: ReadonlySet<number>,
): string {
  if (verdicts.length === 0) return '<p>No checker judged this trace.</p>';
  const items = verdicts.map((verdict, index) => {
    const tone = verdict.pass ? 'pass' : 'fail';
    const links = verdict.events
      .slice(0, LINKED_PER_VERDICT)
      .map((seq) => rowLink(prefix, seq, shown));
    if (verdict.events.length > LINKED_PER_VERDICT)
      links.push(
        `<span class="muted">and ${verdict.events.length - LINKED_PER_VERDICT} more</span>`,
      );
    const events =
      links.length === 0 ? '' : `<br><span class="muted">Events:</span> ${links.join(' ')}`;
    return `<li id="${prefix}verdict-${index}" class="${tone}" data-checker="${escapeHtml(verdict.checker)}" data-pass="${verdict.pass}"><span class="badge ${tone}">${verdict.pass ? 'Pass' : 'Fail'}</span> <strong>${escapeHtml(verdict.checker)}</strong>: ${escapeHtml(verdict.message)}${events}</li>`;
  });
  return `<ul class="verdicts">${items.join('')}</ul>`;
}

function summaryList(input: ReportInput, verdicts: readonly Verdict[]): string {
  const s = summaryOf(input.header, input.events);
  const failing = verdicts.filter((v) => !v.pass).length;
  const rows: [string, string][] = [
    [
      'Result',
      failing === 0
        ? 'every checker passes'
        : `${failing} failing ${failing === 1 ? 'verdict' : 'verdicts'}`,
    ],
    ['Role', s.role],
    ['Profile', s.profile],
    ['Harness version', s.harnessVersion],
    [
      'Payment app version',
      s.paymentAppVersions.length === 0 ? 'not recorded' : s.paymentAppVersions.join(' → '),
    ],
    ['Started', s.createdAt],
    ['Duration', formatDuration(s.durationMs)],
    ['Events', String(s.events)],
    ['Card data masked', s.masked ? 'yes' : 'no'],
  ];
  if (s.scenario !== undefined) rows.push(['Scenario', s.scenario]);
  if (s.seed !== undefined) rows.push(['Seed', String(s.seed)]);
  const dl = rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  return `<dl class="summary">${dl}</dl>`;
}

function settingsTable(caption: string, pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 0)
    return `<p class="muted">${escapeHtml(caption)}: none recorded (defaults).</p>`;
  const rows = pairs.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`);
  return `<table><caption class="muted">${escapeHtml(caption)}</caption><thead><tr><th scope="col">Setting</th><th scope="col">Value</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function ledgerTable(input: ReportInput, prefix: string, shown: ReadonlySet<number>): string {
  const rows = ledgerOf(input.events);
  if (rows.length === 0) return '<p>No payment reached the ledger in this trace.</p>';
  const body = rows.map(({ entry, recordedSeq, reversedSeq }) => {
    const result =
      entry.errorCondition === undefined
        ? entry.result
        : `${entry.result} (${entry.errorCondition})`;
    const reversed =
      reversedSeq === undefined ? 'no' : `yes, ${rowLink(prefix, reversedSeq, shown)}`;
    return `<tr><td>${escapeHtml(entry.poiTransactionId)}</td><td>${escapeHtml(entry.saleTransactionId)}</td><td>${escapeHtml(entry.serviceId)}</td><td>${escapeHtml(formatMinor(entry.amountMinor, entry.currency))}</td><td>${escapeHtml(formatMinor(entry.authorisedMinor, entry.currency))}</td><td>${escapeHtml(result)}</td><td>${reversed}</td><td>${rowLink(prefix, recordedSeq, shown)}</td></tr>`;
  });
  const head = [
    'POI transaction',
    'Sale transaction',
    'ServiceID',
    'Amount',
    'Authorised',
    'Result',
    'Reversed',
    'Recorded',
  ]
    .map((h) => `<th scope="col">${h}</th>`)
    .join('');
  return `<table class="ledger"><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

const LEGEND = `<p class="legend muted"><span><span class="swatch sw-ready"></span>ready</span><span><span class="swatch sw-link"></span>connecting, logging in</span><span><span class="swatch sw-busy"></span>busy backoff, recovering</span><span><span class="swatch sw-off"></span>offline, logged out</span><span><span class="swatch sw-bad"></span>failed</span> Session band on the left; a red dot marks an event a failing verdict names, a green one a passing verdict's evidence. Solid arrows are requests, dashed ones responses.</p>`;

/**
 * The report's sections (summary, verdicts, diagram, ledger, trace) without the page around
 * them, so one page can hold several (the scenario results). `prefix` keeps ids unique;
 * `level` is the heading level of the sections.
 */
export function reportSections(
  input: ReportInput,
  prefix = '',
  level: 2 | 3 = 2,
  options: ReportOptions = {},
): string {
  const verdicts = input.verdicts ?? runCheckers({ header: input.header, events: input.events });
  const model = diagramOf(
    input.header,
    input.events,
    verdicts,
    options.limits ?? DEFAULT_DIAGRAM_LIMITS,
  );
  const failing = new Set(verdicts.flatMap((v, i) => (v.pass ? [] : [i])));
  const h = (id: string, text: string) =>
    `<h${level} id="${prefix}${id}">${escapeHtml(text)}</h${level}>`;
  const blockId = `${prefix}${TRACE_BLOCK_ID}`;
  const block = traceBlock(input.text, input.fileName, blockId, options.encodeBase64);
  const name = safeFileName(input.fileName);
  const href =
    block.base64.length <= DATA_URL_LIMIT
      ? `data:application/x-ndjson;base64,${block.base64}`
      : `#${blockId}`;
  const omitted =
    model.omitted === 0
      ? `<p class="muted">Every event of the trace has a row.</p>`
      : `<p><strong>${model.omitted} of ${input.events.length} events omitted</strong> from the diagram to keep this file usable: it shows the first ${options.limits?.head ?? DEFAULT_DIAGRAM_LIMITS.head} and the last ${options.limits?.tail ?? DEFAULT_DIAGRAM_LIMITS.tail} events and the events the verdicts and faults name (up to ${(options.limits ?? DEFAULT_DIAGRAM_LIMITS).verdictRows + (options.limits ?? DEFAULT_DIAGRAM_LIMITS).faults}); a verdict's link to an omitted event shows its number only. The embedded trace below holds them all.</p>`;
  const passed = verdicts.length - failing.size;
  return [
    `<section aria-labelledby="${prefix}run">`,
    h('run', 'Run'),
    summaryList(input, verdicts),
    settingsTable('Session policy', summaryOf(input.header, input.events).policy),
    settingsTable('Simulator settings', summaryOf(input.header, input.events).simulator),
    '</section>',
    `<section aria-labelledby="${prefix}verdicts">`,
    h('verdicts', `Verdicts (${passed} of ${verdicts.length} pass)`),
    verdictList(verdicts, prefix, model.shown),
    '</section>',
    `<section aria-labelledby="${prefix}diagram">`,
    h('diagram', 'Sequence diagram'),
    omitted,
    LEGEND,
    `<div class="scroll" tabindex="0" role="region" aria-label="Sequence diagram, scrollable">${sequenceSvg(model, prefix, failing, `Sequence diagram of ${model.items.length} rows between ${model.lanes.join(', ')}`)}</div>`,
    '</section>',
    `<section aria-labelledby="${prefix}ledger">`,
    h('ledger', 'Ledger'),
    ledgerTable(input, prefix, model.shown),
    '</section>',
    `<section aria-labelledby="${prefix}trace">`,
    h('trace', 'Trace'),
    `<p><a class="download" href="${href}" download="${name}" data-trace="${blockId}">Download the trace (${escapeHtml(name)}, ${input.events.length} events)</a></p>`,
    block.html,
    '</section>',
  ].join('\n');
}

/** Wraps sections into a whole page with its CSP, stylesheet and script. */
export function reportPage(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${reportCsp(REPORT_CSS, REPORT_SCRIPT)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The whole report page of one trace. */
export function renderReport(input: ReportInput, options: ReportOptions = {}): string {
  const title = titleOf(input);
  return reportPage(
    title,
    `<h1>${escapeHtml(title)}</h1>\n${reportSections(input, '', 2, options)}`,
  );
}
