import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderReport } from '@shared/report';
import { allPass, startCheckers, type CheckerRun } from '@shared/trace/checkers';
import type { TraceEvent, TraceHeader } from '@shared/trace/events';
import { describeTraceError } from '@shared/trace/reader';
import { basename } from 'node:path';
import { streamTraceFile } from '../../core/trace/file-reader';
import type { RegisterCommand } from '../program';

/** Where `a2a report` writes its messages (injectable so tests run the command in-process). */
export interface ReportIo {
  stdout(text: string): void;
  stderr(line: string): void;
}

/**
 * Exit codes, as `a2a check`: 0 every checker passes, 1 one fails (the report is written either
 * way), 2 the trace cannot be read, is not valid or has no events, or the report cannot be written.
 */
export type ReportExit = 0 | 1 | 2;

/** `run.jsonl` → `run.html`, beside the trace. */
export function defaultReportPath(trace: string): string {
  return trace.replace(/\.jsonl?$/i, '') + '.html';
}

/**
 * Streams the trace through the reader and the checkers, renders the report, and writes it.
 * The file's bytes are embedded as they are on disk (README "Reports").
 */
export async function runReport(trace: string, output: string, io: ReportIo): Promise<ReportExit> {
  let header: TraceHeader | undefined;
  let checkers: CheckerRun | undefined;
  const events: TraceEvent[] = [];
  const read = await streamTraceFile(
    trace,
    (h) => {
      header = h;
      checkers = startCheckers(h);
    },
    (event) => {
      checkers?.push(event);
      events.push(event);
    },
  );
  if (!read.ok || header === undefined || checkers === undefined) {
    const reason = !read.ok
      ? read.error.kind === 'unreadable'
        ? read.error.reason
        : `${trace}: ${describeTraceError(read.error)}`
      : `${trace} has no header`;
    io.stderr(`a2a report: ${reason}`);
    return 2;
  }
  if (events.length === 0) {
    io.stderr(`a2a report: ${trace}: no events to report on`);
    return 2;
  }
  for (const warning of read.value.warnings)
    io.stderr(`a2a report: warning: line ${warning.line}: ${warning.reason}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(trace);
  } catch (error) {
    io.stderr(`a2a report: cannot read ${trace}: ${(error as Error).message}`);
    return 2;
  }
  const verdicts = checkers.verdicts();
  const html = renderReport(
    { header, events, verdicts, text: bytes.toString('utf8'), fileName: basename(trace) },
    // The bytes on disk, not the decoded text: a stray invalid byte survives the round trip too.
    { encodeBase64: () => bytes.toString('base64') },
  );
  try {
    await writeFile(output, html, 'utf8');
  } catch (error) {
    io.stderr(`a2a report: cannot write ${output}: ${(error as Error).message}`);
    return 2;
  }
  const failing = verdicts.filter((v) => !v.pass).length;
  io.stdout(
    `${output}: ${events.length} events, ${failing === 0 ? 'every checker passes' : `${failing} failing ${failing === 1 ? 'verdict' : 'verdicts'}`}\n`,
  );
  return allPass(verdicts) ? 0 : 1;
}

/** `a2a report TRACE [-o FILE]`: one self-contained HTML report of a trace. */
export function createReportCommand(
  io: ReportIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (line) => void process.stderr.write(`${line}\n`),
  },
): RegisterCommand {
  return (program) => {
    program
      .command('report')
      .description('write one self-contained HTML report of a trace, to attach to a ticket')
      .argument('<trace>', 'a trace file (JSON Lines, as the harness records it)')
      .option(
        '-o, --output <file>',
        'the HTML file to write (default: the trace’s name with .html)',
      )
      .addHelpText(
        'after',
        `
The report holds the run summary, every checker's verdict linked to its rows of a sequence
diagram, the ledger, and the trace itself for download. It loads nothing from the network.
Exit: 0 every checker passes, 1 one fails (the report is written either way), 2 the file cannot
be read, is not a valid trace or has no events, or the report cannot be written.

Example:
  a2a report run.jsonl -o report.html`,
      )
      .action(async (trace: string, options: { output?: string }, _command: Command) => {
        process.exitCode = await runReport(trace, options.output ?? defaultReportPath(trace), io);
      });
  };
}

/** The registered `report` command using the process's streams. */
export const reportCommand: RegisterCommand = createReportCommand();
