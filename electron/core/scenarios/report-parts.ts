import type { ReportInput, ScenarioEntry } from '@shared/report';
import { err, ok, type Result } from '@shared/result';
import { describeTraceError, parseTrace } from '@shared/trace/reader';
import type { ScenarioResult } from './types';

/** One scenario run as the HTML report shows it: its results and its trace. */
export interface ScenarioReportParts {
  readonly entry: ScenarioEntry;
  readonly input: ReportInput;
}

/**
 * The parts of a scenario run's report (README "Reports"): its steps and failures, and its
 * trace read back from the text the runner wrote, judged by the verdicts the run already has.
 */
export function scenarioReportParts(
  result: ScenarioResult,
  fileName: string,
): Result<ScenarioReportParts, string> {
  const parsed = parseTrace(result.trace.text);
  if (!parsed.ok)
    return err(
      `${result.name}: its trace cannot be read back: ${describeTraceError(parsed.error)}`,
    );
  return ok({
    entry: {
      name: result.name,
      title: result.title,
      pass: result.pass,
      failures: result.failures,
      durationMs: result.durationMs,
      steps: result.steps,
    },
    input: {
      header: parsed.value.header,
      events: parsed.value.events,
      text: result.trace.text,
      fileName,
      verdicts: result.verdicts,
      title: `Scenario ${result.name}`,
    },
  });
}
