import type { ApiError, CallHandlers, ReportRequest, TraceFile } from '@shared/ipc';
import { renderReport, renderScenarioBatch } from '@shared/report';
import { err, ok, type Result } from '@shared/result';
import { describeTraceError, parseTrace } from '@shared/trace/reader';
import { junitXml } from '../scenarios/junit';
import { scenarioReportParts, type ScenarioReportParts } from '../scenarios/report-parts';
import { traceFileName } from './handlers';
import type { Runtime } from './runtime';
import type { ScenarioBatches } from './scenario-batches';

/** The calls that write reports (README "Reports"). */
export type ReportChannel = 'report:export' | 'report:saveAs';

/** Their handlers: the part of the core's handler table this module answers. */
export type ReportCallHandlers = Pick<CallHandlers, ReportChannel>;

/** What the handlers work on. */
export interface ReportHandlerDeps {
  readonly batches: Pick<ScenarioBatches, 'finished'>;
  readonly runtime: Pick<Runtime, 'settled' | 'run'>;
}

type ApiFailure = ApiError;

/** `trace.jsonl` → `trace.html`; any other name gets `.html` added. */
function htmlName(fileName: string): string {
  return fileName.replace(/\.jsonl?$/i, '') + '.html';
}

function scenarioFiles(
  request: Extract<ReportRequest, { kind: 'scenarios' }>,
  batches: ReportHandlerDeps['batches'],
  at: Date,
): Result<TraceFile, ApiFailure> {
  const finished = batches.finished(request.batchId);
  if (!finished.ok) return err({ kind: 'unavailable', message: finished.error });
  if (finished.value.length === 0)
    return err({ kind: 'unavailable', message: 'no scenario of this batch has finished yet' });
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  if (request.format === 'junit') {
    // The panel runs scenarios by name; the name stands in for the file a CLI run would give.
    const records = finished.value.map((result) => ({ file: result.name, result }));
    return ok({ fileName: `a2a-scenarios-${stamp}.xml`, text: junitXml(records, at) });
  }
  const runs: ScenarioReportParts[] = [];
  for (const result of finished.value) {
    const parts = scenarioReportParts(result, `${result.name}.jsonl`);
    if (!parts.ok) return err({ kind: 'unavailable', message: parts.error });
    runs.push(parts.value);
  }
  return ok({ fileName: `a2a-scenarios-${stamp}.html`, text: renderScenarioBatch(runs) });
}

/**
 * Renders the file a report request names. The current run's report is the trace the window
 * shows; an opened trace is parsed again here (validation at the edge) and reported on as it
 * was given.
 */
export async function reportFile(
  request: ReportRequest,
  deps: ReportHandlerDeps,
  now: () => Date = () => new Date(),
): Promise<Result<TraceFile, ApiFailure>> {
  switch (request.kind) {
    case 'run': {
      await deps.runtime.settled();
      const run = deps.runtime.run();
      const events = run.events();
      if (events.length === 0)
        return err({ kind: 'unavailable', message: 'this run has no events to report on yet' });
      const fileName = traceFileName(run.header, 'jsonl');
      const text = renderReport({ header: run.header, events, text: run.text(), fileName });
      return ok({ fileName: htmlName(fileName), text });
    }
    case 'trace': {
      const parsed = parseTrace(request.text);
      if (!parsed.ok)
        return err({
          kind: 'unavailable',
          message: `${request.fileName} ${describeTraceError(parsed.error)}`,
        });
      const { header, events } = parsed.value;
      const text = renderReport({ header, events, text: request.text, fileName: request.fileName });
      return ok({ fileName: htmlName(request.fileName), text });
    }
    case 'scenarios':
      return scenarioFiles(request, deps.batches, now());
  }
}

/** One handler per report call; expected failures are values. */
export function createReportHandlers(deps: ReportHandlerDeps): ReportCallHandlers {
  return {
    'report:export': (request) => reportFile(request, deps),
    'report:saveAs': () =>
      Promise.resolve(
        err({
          kind: 'unavailable',
          message:
            'the native save dialog exists only in the desktop app; use report:export and download the file',
        }),
      ),
  };
}
