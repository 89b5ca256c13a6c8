import type { ScenarioResult, StepResult } from './types';

/** One scenario run, with the file it came from. */
export interface RunRecord {
  readonly file: string;
  readonly result: ScenarioResult;
}

/** Characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is removed
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as XML character data or an attribute value. */
export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

const MARK: Readonly<Record<StepResult['status'], string>> = {
  passed: 'ok  ',
  failed: 'FAIL',
  skipped: 'skip',
};

/** The steps, one line each: what the CI log shows for a scenario. */
export function stepLines(steps: readonly StepResult[]): string[] {
  return steps.map(
    (step) =>
      `${MARK[step.status]} ${String(step.index).padStart(2)} ${step.description}${step.message === undefined ? '' : ` — ${step.message}`} (t=${step.at} ms)`,
  );
}

function testcase({ file, result }: RunRecord): string {
  const attributes = [
    `name="${xmlEscape(result.name)}"`,
    `classname="${xmlEscape(`a2a.scenarios.${result.timeMode}`)}"`,
    `file="${xmlEscape(file)}"`,
    `time="${seconds(result.wallMs)}"`,
  ].join(' ');
  const out = [
    `${result.title}`,
    `scenario time ${result.durationMs} ms (${result.timeMode} time, ${result.peer} peer, seed ${result.seed})`,
    `trace: ${result.trace.path ?? '(not written: no trace folder given)'}`,
    ...stepLines(result.steps),
  ].join('\n');
  const failure = result.pass
    ? ''
    : `\n      <failure message="${xmlEscape(result.failures[0] ?? 'failed')}" type="ScenarioFailure">${xmlEscape(result.failures.join('\n'))}</failure>`;
  return `    <testcase ${attributes}>${failure}\n      <system-out>${xmlEscape(out)}</system-out>\n    </testcase>`;
}

/**
 * JUnit XML as CI servers read it: one test suite, one test case per scenario (its file, its
 * wall time), a `failure` with every failure message for a failed one, and the trace path and
 * the step-by-step log in `system-out`.
 */
export function junitXml(records: readonly RunRecord[], at: Date): string {
  const failures = records.filter((r) => !r.result.pass).length;
  const wall = records.reduce((sum, r) => sum + r.result.wallMs, 0);
  const counts = `tests="${records.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(wall)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="a2a run" ${counts}>`,
    `  <testsuite name="a2a scenarios" ${counts} timestamp="${at.toISOString()}">`,
    ...records.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
