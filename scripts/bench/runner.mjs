// The benchmark runner: named cases, run one after another, each bounded by a time budget.
// Later issues add cases to scripts/bench/cases/ and list them in scripts/bench/cases/index.mjs.

/**
 * @typedef {{ name: string, value: number, unit: string }} Metric
 * @typedef {{ budgetMs: number, core: unknown, log: (line: string) => void }} CaseContext
 * @typedef {{ name: string, description: string, run: (ctx: CaseContext) => Promise<Metric[]> }} BenchCase
 * @typedef {{ name: string, description: string, metrics: Metric[], error?: string }} CaseResult
 */

/**
 * Picks the cases to run: all of them, or the ones named (an unknown name is an error value).
 * @param {readonly BenchCase[]} cases
 * @param {readonly string[]} names
 * @returns {{ ok: true, value: BenchCase[] } | { ok: false, error: string }}
 */
export function selectCases(cases, names) {
  if (names.length === 0) return { ok: true, value: [...cases] };
  const picked = [];
  for (const name of names) {
    const found = cases.find((c) => c.name === name);
    if (!found) {
      return {
        ok: false,
        error: `unknown case "${name}" (cases: ${cases.map((c) => c.name).join(', ')})`,
      };
    }
    picked.push(found);
  }
  return { ok: true, value: picked };
}

/**
 * Runs the cases one after another (never in parallel: they would measure each other). A case
 * that throws is reported with its error and the others still run.
 * @param {readonly BenchCase[]} cases
 * @param {Omit<CaseContext, 'log'> & { log?: (line: string) => void }} context
 * @returns {Promise<CaseResult[]>}
 */
export async function runCases(cases, context) {
  const log = context.log ?? (() => {});
  const results = [];
  for (const benchCase of cases) {
    log(`running ${benchCase.name}: ${benchCase.description}`);
    try {
      const metrics = await benchCase.run({ ...context, log });
      results.push({ name: benchCase.name, description: benchCase.description, metrics });
    } catch (error) {
      results.push({
        name: benchCase.name,
        description: benchCase.description,
        metrics: [],
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}

/**
 * A plain-text table: one row per metric, columns aligned.
 * @param {readonly CaseResult[]} results
 * @returns {string}
 */
export function formatTable(results) {
  const header = ['case', 'metric', 'value', 'unit'];
  const rows = [header];
  for (const result of results) {
    if (result.error !== undefined) rows.push([result.name, 'error', '-', result.error]);
    for (const m of result.metrics) rows.push([result.name, m.name, formatValue(m.value), m.unit]);
  }
  const widths = header.map((_, col) => Math.max(...rows.map((row) => row[col]?.length ?? 0)));
  const line = (/** @type {string[]} */ row) =>
    row
      .map((cell, col) =>
        col === 2 ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** @param {number} value */
function formatValue(value) {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(value >= 100 ? 1 : 3);
}

/**
 * The machine-readable form: `{ cases: { name: { metric: { value, unit } } } }` plus metadata.
 * @param {readonly CaseResult[]} results
 * @param {Record<string, unknown>} meta
 */
export function toJson(results, meta) {
  /** @type {Record<string, unknown>} */
  const cases = {};
  for (const result of results) {
    /** @type {Record<string, unknown>} */
    const metrics = {};
    for (const m of result.metrics) metrics[m.name] = { value: m.value, unit: m.unit };
    cases[result.name] = result.error === undefined ? metrics : { error: result.error };
  }
  return { bench: 'a2a', ...meta, cases };
}
