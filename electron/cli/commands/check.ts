import type { Command } from 'commander';
import {
  allPass,
  CHECKERS,
  runCheckers,
  startCheckers,
  type CheckerRun,
  type Verdict,
} from '@shared/trace/checkers';
import type { ParsedTrace } from '@shared/trace/reader';
import { describeTraceError } from '@shared/trace/reader';
import {
  streamTraceFile,
  type StreamedTrace,
  type TraceFileError,
} from '../../core/trace/file-reader';
import type { RegisterCommand } from '../program';

/** Where `a2a check` writes (injectable so tests run the command in-process). */
export interface CheckIo {
  stdout(text: string): void;
  stderr(line: string): void;
}

/** Exit codes: 0 every checker passes, 1 one fails, 2 the trace cannot be read or is not valid. */
export type CheckExit = 0 | 1 | 2;

/** The `--json` document: one line, so it pipes into `jq`. */
export interface CheckReport {
  readonly trace: string;
  readonly pass: boolean;
  readonly role: string;
  readonly profile: string;
  readonly scenario?: string;
  readonly events: number;
  readonly warnings: readonly { readonly line: number; readonly reason: string }[];
  /** Per checker, in registry order: whether all of its verdicts pass. */
  readonly checkers: readonly { readonly name: string; readonly pass: boolean }[];
  readonly verdicts: readonly Verdict[];
}

/** Judges a parsed trace with every checker. */
export function checkTrace(path: string, trace: ParsedTrace): CheckReport {
  return reportOf(path, {
    header: trace.header,
    events: trace.events.length,
    warnings: trace.warnings,
    verdicts: runCheckers(trace),
  });
}

/** A trace as judged: its header, how many events, what was tolerated, and the verdicts. */
interface Judged extends StreamedTrace {
  readonly verdicts: readonly Verdict[];
}

function reportOf(path: string, trace: Judged): CheckReport {
  const { verdicts } = trace;
  return {
    trace: path,
    pass: allPass(verdicts),
    role: trace.header.role,
    profile: trace.header.profile,
    ...(trace.header.scenario === undefined ? {} : { scenario: trace.header.scenario }),
    events: trace.events,
    warnings: trace.warnings,
    checkers: CHECKERS.map((checker) => ({
      name: checker.name,
      pass: verdicts.every((v) => v.checker !== checker.name || v.pass),
    })),
    verdicts,
  };
}

/** At most this many seqs in the table's EVENTS column; the JSON report has them all. */
const SHOWN_SEQS = 8;

function seqList(events: readonly number[]): string {
  if (events.length === 0) return '-';
  const shown = events.slice(0, SHOWN_SEQS).join(',');
  return events.length > SHOWN_SEQS ? `${shown},…(+${events.length - SHOWN_SEQS})` : shown;
}

/** The verdicts as a table a person reads top to bottom, then one summary line. */
export function renderTable(report: CheckReport): string {
  const rows = report.verdicts.map(
    (v) => [v.checker, v.pass ? 'pass' : 'FAIL', seqList(v.events), v.message] as const,
  );
  const header = ['CHECKER', 'RESULT', 'EVENTS', 'MESSAGE'] as const;
  const width = (column: 0 | 1 | 2): number =>
    Math.max(header[column].length, ...rows.map((row) => row[column].length));
  const line = (cells: readonly [string, string, string, string]): string =>
    `${cells[0].padEnd(width(0))}  ${cells[1].padEnd(width(1))}  ${cells[2].padEnd(width(2))}  ${cells[3]}`.trimEnd();
  const failing = report.checkers.filter((c) => !c.pass).map((c) => c.name);
  const scenario = report.scenario === undefined ? '' : `, scenario ${report.scenario}`;
  const summary =
    failing.length === 0
      ? `all ${report.checkers.length} checkers pass`
      : `${failing.length} of ${report.checkers.length} checkers fail: ${failing.join(', ')}`;
  return [
    `${report.trace}: ${report.role} role, profile ${report.profile}${scenario}, ${report.events} events`,
    line(header),
    ...rows.map(line),
    summary,
    '',
  ].join('\n');
}

/** One line: the reader's own reason names the file; a corrupt trace gets its path and line. */
function describeFileError(path: string, error: TraceFileError): string {
  return error.kind === 'unreadable' ? error.reason : `${path}: ${describeTraceError(error)}`;
}

/**
 * Streams one trace through every checker (memory holds the checkers' state, not the file),
 * reports, and returns the exit code.
 */
export async function runCheck(path: string, json: boolean, io: CheckIo): Promise<CheckExit> {
  let checkers: CheckerRun | undefined;
  const read = await streamTraceFile(
    path,
    (header) => (checkers = startCheckers(header)),
    (event) => checkers?.push(event),
  );
  if (!read.ok || checkers === undefined) {
    io.stderr(
      `a2a check: ${read.ok ? `${path} has no header` : describeFileError(path, read.error)}`,
    );
    return 2;
  }
  // A header alone proves nothing: passing it would let a recording that never ran go green.
  if (read.value.events === 0) {
    io.stderr(`a2a check: ${path}: no events to judge`);
    return 2;
  }
  const report = reportOf(path, { ...read.value, verdicts: checkers.verdicts() });
  if (json) {
    io.stdout(`${JSON.stringify(report)}\n`);
  } else {
    for (const warning of report.warnings)
      io.stderr(`a2a check: warning: line ${warning.line}: ${warning.reason}`);
    io.stdout(renderTable(report));
  }
  return report.pass ? 0 : 1;
}

/** `a2a check TRACE [--json]`: judges a trace (ours or a foreign POS's) with every checker. */
export function createCheckCommand(
  io: CheckIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (line) => void process.stderr.write(`${line}\n`),
  },
): RegisterCommand {
  return (program) => {
    program
      .command('check')
      .description('judge a trace file with every verdict checker')
      .argument('<trace>', 'a trace file (JSON Lines, as the harness records it)')
      .option(
        '--json',
        'print one JSON line: {"trace","pass","role","profile","events","warnings","checkers":[{name,pass}],"verdicts":[{checker,pass,message,events}]}',
      )
      .addHelpText(
        'after',
        `
Checkers: ${CHECKERS.map((c) => c.name).join(', ')}.
Each prints one passing verdict (or why its rule does not apply to this trace), or one failing
verdict per violation with the seqs of the events that show it.
Exit: 0 every checker passes, 1 one fails, 2 the file cannot be read, is not a valid trace or
has no events to judge.`,
      )
      .action(async (trace: string, options: { json?: boolean }, _command: Command) => {
        process.exitCode = await runCheck(trace, options.json === true, io);
      });
  };
}

/** The registered `check` command using the process's streams. */
export const checkCommand: RegisterCommand = createCheckCommand();
