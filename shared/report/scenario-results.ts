import { escapeHtml } from './escape';
import { reportPage, reportSections, type ReportInput, type ReportOptions } from './render-report';
import { formatDuration } from './summary';

/**
 * Pages over scenario results (README "Reports"): the index `a2a run --html` writes beside one
 * report per scenario, and the single file the scenarios panel exports with every run inside.
 */

/** One step of a scenario run as a report lists it. */
export interface ReportStep {
  readonly index: number;
  readonly description: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly message?: string;
}

/** One scenario run as the results pages show it. */
export interface ScenarioEntry {
  readonly name: string;
  readonly title: string;
  readonly pass: boolean;
  readonly failures: readonly string[];
  readonly durationMs: number;
  readonly steps: readonly ReportStep[];
}

function resultCell(pass: boolean): string {
  return `<span class="badge ${pass ? 'pass' : 'fail'}">${pass ? 'Pass' : 'Fail'}</span>`;
}

function totals(entries: readonly { readonly pass: boolean }[]): string {
  const failed = entries.filter((e) => !e.pass).length;
  return `${entries.length} ${entries.length === 1 ? 'scenario' : 'scenarios'}: ${entries.length - failed} passed, ${failed} failed`;
}

function resultsTable(
  entries: readonly ScenarioEntry[],
  href: (entry: ScenarioEntry, index: number) => string,
): string {
  const rows = entries.map(
    (entry, index) =>
      `<tr data-scenario="${escapeHtml(entry.name)}" data-pass="${entry.pass}"><td><a href="${escapeHtml(href(entry, index))}">${escapeHtml(entry.title)}</a><br><span class="muted">${escapeHtml(entry.name)}</span></td><td>${resultCell(entry.pass)}</td><td>${escapeHtml(formatDuration(entry.durationMs))}</td><td>${escapeHtml(entry.failures[0] ?? '')}</td></tr>`,
  );
  return `<table class="scenarios"><thead><tr><th scope="col">Scenario</th><th scope="col">Result</th><th scope="col">Scenario time</th><th scope="col">First failure</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The index of a folder of reports: one row per scenario with its result, linking to the
 * report file `fileOf(entry)` beside it.
 */
export function renderScenarioIndex(
  entries: readonly ScenarioEntry[],
  fileOf: (entry: ScenarioEntry, index: number) => string,
  heading = 'App2App Harness scenario results',
): string {
  return reportPage(
    heading,
    `<h1>${escapeHtml(heading)}</h1>\n<p>${escapeHtml(totals(entries))}</p>\n${resultsTable(entries, fileOf)}`,
  );
}

function stepsTable(steps: readonly ReportStep[]): string {
  const rows = steps.map(
    (step) =>
      `<tr><td>${step.index}</td><td>${escapeHtml(step.status)}</td><td>${escapeHtml(step.description)}</td><td>${escapeHtml(step.message ?? '')}</td></tr>`,
  );
  return `<table class="steps"><thead><tr><th scope="col">Step</th><th scope="col">Status</th><th scope="col">What</th><th scope="col">Outcome</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The steps of one scenario run, for the top of its report. */
export function scenarioPreamble(entry: ScenarioEntry, level: 2 | 3): string {
  const failures =
    entry.failures.length === 0
      ? ''
      : `<ul>${entry.failures.map((f) => `<li class="fail">${escapeHtml(f)}</li>`).join('')}</ul>`;
  return `<p>${resultCell(entry.pass)} ${escapeHtml(entry.title)}</p>${failures}<h${level}>Steps</h${level}>${stepsTable(entry.steps)}`;
}

/** One scenario's own report: its steps, then the report of its trace. */
export function renderScenarioReport(
  entry: ScenarioEntry,
  input: ReportInput,
  options: ReportOptions = {},
): string {
  const heading = `Scenario ${entry.name}: ${entry.pass ? 'passed' : 'failed'}`;
  return reportPage(
    heading,
    `<h1>${escapeHtml(heading)}</h1>\n${scenarioPreamble(entry, 2)}\n${reportSections(input, '', 2, options)}`,
  );
}

/** Every run of a batch in one file: the results table, then each run's report. */
export function renderScenarioBatch(
  runs: readonly { readonly entry: ScenarioEntry; readonly input: ReportInput }[],
  options: ReportOptions = {},
  heading = 'App2App Harness scenario results',
): string {
  const entries = runs.map((run) => run.entry);
  const articles = runs.map(({ entry, input }, index) => {
    const prefix = `s${index}-`;
    return `<article aria-labelledby="${prefix}title"><h2 id="${prefix}title">${escapeHtml(entry.title)} (${escapeHtml(entry.name)})</h2>\n${scenarioPreamble(entry, 3)}\n${reportSections(input, prefix, 3, options)}</article>`;
  });
  return reportPage(
    heading,
    `<h1>${escapeHtml(heading)}</h1>\n<p>${escapeHtml(totals(entries))}</p>\n${resultsTable(entries, (_e, i) => `#s${i}-title`)}\n${articles.join('\n')}`,
  );
}
