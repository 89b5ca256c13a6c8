import { buildProgram, runProgram, type RegisterCommand } from '../program';

/** The output side of a command's IO, as the command modules take it. */
export interface CapturedIo {
  stdout(text: string): void;
  stderr(line: string): void;
}

/** What an in-process run printed: command output, its error lines, and commander's usage text. */
export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly usage: string;
}

/**
 * Runs `a2a <args>` in-process with every output captured: the commands get `io`, and
 * commander's own help and usage errors land in `usage` (or `stdout` for help).
 */
export async function runInProcess(
  args: string[],
  commands: (io: CapturedIo) => RegisterCommand[],
): Promise<InProcessRun> {
  const out: string[] = [];
  const errors: string[] = [];
  const usage: string[] = [];
  const io: CapturedIo = {
    stdout: (text) => out.push(text),
    stderr: (line) => errors.push(line),
  };
  const program = buildProgram(commands(io));
  const capture = {
    writeErr: (text: string) => usage.push(text),
    writeOut: (text: string) => out.push(text),
  };
  program.configureOutput(capture);
  program.commands.forEach((command) => command.configureOutput(capture));
  const code = await runProgram(program, args);
  // A command sets process.exitCode for the real CLI; a test must not leak it to vitest.
  process.exitCode = undefined;
  return { code, stdout: out.join(''), stderr: errors.join('\n'), usage: usage.join('') };
}

/** Line-by-line capture for long-running commands, with a promise of the first stdout line. */
export function captureLines() {
  const out: string[] = [];
  const errors: string[] = [];
  let onLine: ((line: string) => void) | undefined;
  const firstLine = new Promise<string>((resolve) => (onLine = resolve));
  return {
    out,
    errors,
    firstLine,
    io: {
      stdout: (line: string) => {
        out.push(line);
        onLine?.(line);
      },
      stderr: (line: string) => errors.push(line),
    },
  };
}
