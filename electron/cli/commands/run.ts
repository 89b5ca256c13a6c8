import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { WIRE_LABELS, parseEndpoint, type Wire } from '@shared/link/endpoint';
import { renderScenarioIndex, renderScenarioReport } from '@shared/report';
import { err, ok, type Result } from '@shared/result';
import { junitXml, stepLines, type RunRecord } from '../../core/scenarios/junit';
import { loadScenarios, type LoadedScenario } from '../../core/scenarios/load';
import { scenarioReportParts } from '../../core/scenarios/report-parts';
import { runScenario } from '../../core/scenarios/run-scenario';
import type { ScenarioResult, TimeMode } from '../../core/scenarios/types';
import type { RegisterCommand } from '../program';
import type { TerminalApiOptions } from '../../core/link/dial';
import { parseEmbeddedWire } from './exec';
import {
  DEFAULT_DATA_DIR,
  addTerminalApiClientOptions,
  parseTerminalApiClientFlags,
  type ClientTlsFlags,
} from './terminal-api-flags';

/** Where `a2a run` writes; injectable so tests run the command in-process. */
export interface RunIo {
  stdout(text: string): void;
  stderr(line: string): void;
  /** Progress as a redrawn bar (a terminal) or one plain line per scenario. */
  readonly isTTY: boolean;
}

/** Exit codes: 0 every scenario passed, 1 one failed, 2 bad arguments or scenario files. */
export type RunExit = 0 | 1 | 2;

interface RunFlags extends ClientTlsFlags {
  readonly virtualTime?: boolean;
  readonly endpoint?: string;
  readonly wire?: string;
  readonly junit?: string;
  readonly traceDir?: string;
  readonly html?: string;
  readonly json?: boolean;
  readonly seed?: string;
}

/** Validated `a2a run` settings. */
export interface RunConfig {
  readonly paths: readonly string[];
  readonly timeMode: TimeMode;
  readonly endpoint?: string;
  /** The wire to the embedded simulator in real time. */
  readonly wire?: Wire;
  readonly junit?: string;
  readonly traceDir?: string;
  /** A folder for one HTML report per scenario and an index.html linking them. */
  readonly html?: string;
  readonly json: boolean;
  readonly seed: number;
  /** Trust and key on the Terminal API wire (the embedded simulator gets the same key). */
  readonly terminalApi: TerminalApiOptions;
}

/** Checks the flags; the error is the one line a usage error prints. */
export function parseRunFlags(
  paths: readonly string[],
  flags: RunFlags,
): Result<RunConfig, string> {
  if (flags.endpoint !== undefined) {
    const endpoint = parseEndpoint(flags.endpoint);
    if (!endpoint.ok) return err(`--endpoint ${endpoint.error}`);
    if (flags.wire !== undefined)
      return err('--wire is for the embedded simulator; --endpoint names its own wire');
  }
  const wire = parseEmbeddedWire(flags.wire);
  if (!wire.ok) return wire;
  if (flags.wire !== undefined && flags.virtualTime === true) {
    return err('--wire needs real time: virtual time runs the simulator in memory');
  }
  if (flags.endpoint !== undefined && flags.virtualTime === true) {
    return err(
      '--virtual-time needs the embedded simulator; an external --endpoint runs in real time',
    );
  }
  const terminalApi = parseTerminalApiClientFlags(flags);
  if (!terminalApi.ok) return terminalApi;
  let seed = 1;
  if (flags.seed !== undefined) {
    if (!/^\d+$/.test(flags.seed) || Number(flags.seed) > 0xffffffff) {
      return err(`--seed "${flags.seed}" is not a whole number between 0 and 4294967295`);
    }
    seed = Number(flags.seed);
  }
  return ok({
    paths,
    timeMode: flags.virtualTime === true ? 'virtual' : 'real',
    ...(flags.endpoint === undefined ? {} : { endpoint: flags.endpoint }),
    ...(flags.wire === undefined ? {} : { wire: wire.value }),
    ...(flags.junit === undefined ? {} : { junit: flags.junit }),
    ...(flags.traceDir === undefined ? {} : { traceDir: flags.traceDir }),
    ...(flags.html === undefined ? {} : { html: flags.html }),
    json: flags.json === true,
    seed,
    terminalApi: terminalApi.value,
  });
}

const BAR_WIDTH = 24;

/** `[##########--------------]  7/24 restart-while-idle` */
function bar(done: number, total: number, name: string): string {
  const filled = Math.round((done / Math.max(total, 1)) * BAR_WIDTH);
  const count = `${String(done).padStart(String(total).length)}/${total}`;
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${count} ${name}`;
}

/** `\r` + erase line: the bar is redrawn in place on a terminal. */
const CLEAR_LINE = '\r\u001b[2K';

/** One line per finished scenario (the plain progress output, and failures on a terminal). */
function resultLine(record: RunRecord): string {
  const { result } = record;
  const timing = `${result.durationMs} ms scenario time, ${result.wallMs} ms`;
  return result.pass
    ? `PASS ${result.name} (${timing})`
    : `FAIL ${result.name} (${timing}): ${result.failures[0] ?? 'failed'}`;
}

/** The summary: one row per scenario, then the totals. */
export function summaryTable(records: readonly RunRecord[], config: RunConfig): string {
  const rows = records.map(({ result }) => {
    const passed = result.steps.filter((s) => s.status === 'passed').length;
    return [
      result.name,
      result.pass ? 'pass' : 'FAIL',
      `${passed}/${result.steps.length}`,
      `${result.durationMs} ms`,
      `${result.wallMs} ms`,
      result.failures[0] ?? '',
    ] as const;
  });
  const header = ['SCENARIO', 'RESULT', 'STEPS', 'SCENARIO TIME', 'WALL', 'FAILURE'] as const;
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const failed = records.filter((r) => !r.result.pass).length;
  const wall = records.reduce((sum, r) => sum + r.result.wallMs, 0);
  const peer =
    config.endpoint ??
    `embedded simulator${config.wire === undefined ? '' : ` over ${WIRE_LABELS[config.wire]}`}`;
  return [
    line(header),
    ...rows.map(line),
    `${records.length} scenario${records.length === 1 ? '' : 's'}: ${records.length - failed} passed, ${failed} failed (${config.timeMode} time against ${peer}, ${(wall / 1000).toFixed(1)} s)`,
    ...(config.traceDir === undefined ? [] : [`traces in ${config.traceDir}`]),
    '',
  ].join('\n');
}

/** The `--json` document: one line. */
function jsonReport(records: readonly RunRecord[], config: RunConfig): string {
  const failed = records.filter((r) => !r.result.pass).length;
  return `${JSON.stringify({
    pass: failed === 0,
    timeMode: config.timeMode,
    peer: config.endpoint ?? 'embedded',
    total: records.length,
    passed: records.length - failed,
    failed,
    scenarios: records.map(({ file, result }) => ({
      file,
      name: result.name,
      title: result.title,
      pass: result.pass,
      failures: result.failures,
      durationMs: result.durationMs,
      wallMs: result.wallMs,
      seed: result.seed,
      trace: result.trace.path ?? null,
      steps: result.steps,
      verdicts: result.verdicts,
    })),
  })}\n`;
}

/** Trace file names, made unique when two scenarios share a name. */
function traceNames(loaded: readonly LoadedScenario[]): string[] {
  const seen = new Map<string, number>();
  return loaded.map(({ scenario }) => {
    const count = (seen.get(scenario.name) ?? 0) + 1;
    seen.set(scenario.name, count);
    return count === 1 ? scenario.name : `${scenario.name}-${count}`;
  });
}

/** Plays every scenario, reports, and returns the exit code. */
export async function runScenarios(config: RunConfig, io: RunIo): Promise<RunExit> {
  const loaded = await loadScenarios(config.paths);
  if (!loaded.ok) {
    for (const problem of loaded.error) io.stderr(`a2a run: ${problem}`);
    return 2;
  }
  if (config.junit !== undefined) {
    // Found out now, before minutes of scenarios, rather than at the end.
    try {
      await writeFile(config.junit, '');
    } catch (error) {
      io.stderr(`a2a run: cannot write --junit ${config.junit}: ${(error as Error).message}`);
      return 2;
    }
  }
  if (config.html !== undefined) {
    // Found out now, like --junit, rather than after minutes of scenarios.
    try {
      await mkdir(config.html, { recursive: true });
      await writeFile(join(config.html, 'index.html'), '');
    } catch (error) {
      io.stderr(`a2a run: cannot write --html ${config.html}: ${(error as Error).message}`);
      return 2;
    }
  }
  const scenarios = loaded.value;
  const names = traceNames(scenarios);
  const progress = !config.json;
  const records: RunRecord[] = [];
  for (const [index, { file, scenario }] of scenarios.entries()) {
    if (progress && io.isTTY) io.stdout(CLEAR_LINE + bar(index, scenarios.length, scenario.name));
    const result: ScenarioResult = await runScenario(scenario, {
      timeMode: config.timeMode,
      seed: config.seed,
      traceName: names[index] ?? scenario.name,
      ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
      ...(config.wire === undefined ? {} : { wire: config.wire }),
      terminalApi: { ...config.terminalApi, dataDir: DEFAULT_DATA_DIR },
      ...(config.traceDir === undefined ? {} : { traceDir: config.traceDir }),
    });
    const record = { file, result };
    records.push(record);
    if (!progress) continue;
    if (!io.isTTY) io.stdout(`${resultLine(record)}\n`);
    else if (!result.pass) io.stdout(`${CLEAR_LINE}${resultLine(record)}\n`);
  }
  if (progress && io.isTTY) io.stdout(CLEAR_LINE);

  if (config.json) io.stdout(jsonReport(records, config));
  else {
    io.stdout(`\n${summaryTable(records, config)}`);
    for (const { result } of records.filter((r) => !r.result.pass)) {
      io.stdout(
        `\n${result.name}:\n${stepLines(result.steps)
          .map((l) => `  ${l}`)
          .join('\n')}\n`,
      );
    }
  }
  if (config.junit !== undefined) {
    try {
      await writeFile(config.junit, junitXml(records, new Date()));
    } catch (error) {
      io.stderr(`a2a run: cannot write --junit ${config.junit}: ${(error as Error).message}`);
      return 1;
    }
  }
  if (config.html !== undefined) {
    const written = await writeHtmlReports(config.html, records, names);
    if (!written.ok) {
      io.stderr(`a2a run: ${written.error}`);
      return 1;
    }
  }
  return records.every((r) => r.result.pass) ? 0 : 1;
}

/**
 * `--html DIR`: one report per scenario (`<name>.html`, named like its trace) and `index.html`
 * linking them with pass/fail (README "Reports").
 */
async function writeHtmlReports(
  dir: string,
  records: readonly RunRecord[],
  names: readonly string[],
): Promise<Result<void, string>> {
  const files = records.map(({ result }, index) => `${names[index] ?? result.name}.html`);
  const entries = [];
  try {
    for (const [index, { result }] of records.entries()) {
      const file = files[index] ?? `${result.name}.html`;
      const parts = scenarioReportParts(result, file.replace(/\.html$/, '.jsonl'));
      if (!parts.ok) return parts;
      entries.push(parts.value.entry);
      await writeFile(join(dir, file), renderScenarioReport(parts.value.entry, parts.value.input));
    }
    await writeFile(
      join(dir, 'index.html'),
      renderScenarioIndex(entries, (_entry, index) => files[index] ?? ''),
    );
  } catch (error) {
    return err(`cannot write --html ${dir}: ${(error as Error).message}`);
  }
  return ok(undefined);
}

/** `a2a run PATH...`: plays scenario files and reports like a test runner. */
export function createRunCommand(
  io: RunIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (line) => void process.stderr.write(`${line}\n`),
    isTTY: process.stdout.isTTY === true,
  },
): RegisterCommand {
  return (program) => {
    addTerminalApiClientOptions(program.command('run'))
      .description('play scenario files against the reference client and report pass/fail')
      .argument('<paths...>', 'scenario files, or folders of *.json scenarios (sorted)')
      .option('--virtual-time', 'run in virtual time: same results, much faster (embedded only)')
      .option(
        '--endpoint <url>',
        'an external payment application, real time: ws://…, tcp://HOST:PORT, http://HOST:PORT or https://HOST:PORT/nexo',
      )
      .option(
        '--wire <wire>',
        'the wire to the embedded simulator in real time (ws, tcp, https; default ws)',
      )
      .option('--junit <file>', 'write JUnit XML: one test case per scenario')
      .option('--trace-dir <dir>', 'write each run’s trace as <dir>/<scenario>.jsonl')
      .option(
        '--html <dir>',
        'write an HTML report per scenario as <dir>/<scenario>.html and <dir>/index.html linking them',
      )
      .option('--json', 'print one JSON line with every result instead of progress and a table')
      .option('--seed <n>', 'seed of the client’s jitter and the simulator’s ids (default 1)')
      .addHelpText(
        'after',
        `
Against an --endpoint, steps that need the embedded simulator (simulator faults, ledger
expectations) fail with a clear message instead of being skipped.
Exit: 0 every scenario passed, 1 one failed, 2 bad arguments or an unreadable or invalid
scenario file (the error names the file, the step index and the field).

Example:
  a2a run resources/scenarios --virtual-time --junit out.xml --trace-dir traces --html reports`,
      )
      .action(async (paths: string[], flags: RunFlags, command: Command) => {
        const config = parseRunFlags(paths, flags);
        if (!config.ok) command.error(`error: ${config.error}`, { exitCode: 2, code: 'a2a.usage' });
        process.exitCode = await runScenarios(config.value, io);
      });
  };
}

/** The registered `run` command writing to the process's streams. */
export const runCommand: RegisterCommand = createRunCommand();
