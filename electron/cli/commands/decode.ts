import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  decode,
  headerOf,
  kindOf,
  responseOf,
  type DecodeError,
  type Decoded,
} from '@shared/protocol';
import { err, ok, type Result } from '@shared/result';
import type { RegisterCommand } from '../program';

/** Where `a2a decode` reads and writes (injectable so tests run the command in-process). */
export interface DecodeIo {
  stdout(text: string): void;
  stderr(line: string): void;
  /** The whole of standard input as text. */
  readStdin(): Promise<string>;
}

/** Exit codes: 0 valid, 1 invalid (not JSON included), 2 input unreadable. */
export type DecodeExit = 0 | 1 | 2;

/** Reads the message text from a file, or from stdin for `-` or no argument. */
export async function readMessageInput(
  source: string | undefined,
  io: Pick<DecodeIo, 'readStdin'>,
): Promise<Result<string, string>> {
  if (source === undefined || source === '-') {
    try {
      return ok(await io.readStdin());
    } catch (error) {
      return err(`cannot read standard input: ${describe(error)}`);
    }
  }
  try {
    return ok(await readFile(source, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err(`cannot read ${source}: no such file`);
    if (code === 'EISDIR') return err(`cannot read ${source}: it is a folder`);
    if (code === 'EACCES') return err(`cannot read ${source}: permission denied`);
    return err(`cannot read ${source}: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Editors on Windows save a byte-order mark that JSON.parse refuses; a pasted log has none. */
function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The report for one message: text for a person, or one JSON line with `--json`. */
export function renderDecode(text: string, json: boolean): { exit: DecodeExit; output: string } {
  const decoded = decode(stripBom(text));
  if (json) {
    const line = decoded.ok
      ? { valid: true, envelope: decoded.value.envelope, warnings: decoded.value.warnings }
      : { valid: false, error: errorFields(decoded.error) };
    return { exit: decoded.ok ? 0 : 1, output: `${JSON.stringify(line)}\n` };
  }
  return decoded.ok
    ? { exit: 0, output: describeValid(decoded.value) }
    : { exit: 1, output: describeInvalid(decoded.error) };
}

function errorFields(error: DecodeError): { path: string; reason: string; kind: string } {
  return { path: error.path, reason: error.reason, kind: error.kind };
}

function table(rows: readonly (readonly [string, string | undefined])[]): string[] {
  const shown = rows.filter((row): row is readonly [string, string] => row[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
}

function describeValid({ envelope, warnings }: Decoded): string {
  const header = headerOf(envelope);
  const response = responseOf(envelope);
  const lines = [
    `valid nexo ${kindOf(envelope)}`,
    ...table([
      ['MessageClass', header.MessageClass],
      ['MessageCategory', header.MessageCategory],
      ['MessageType', header.MessageType],
      ['ServiceID', header.ServiceID],
      ['DeviceID', header.DeviceID],
      ['SaleID', header.SaleID],
      ['POIID', header.POIID],
      ['Result', response?.Result],
      ['ErrorCondition', response?.ErrorCondition],
    ]),
  ];
  if (warnings.length > 0) {
    lines.push(
      `warnings (${String(warnings.length)}):`,
      ...warnings.map((warning) => `  - ${warning}`),
    );
  }
  lines.push(JSON.stringify(envelope, null, 2));
  return `${lines.join('\n')}\n`;
}

const KIND_TEXT: Readonly<Record<DecodeError['kind'], string>> = {
  notJson: 'not JSON',
  notEnvelope: 'not a nexo message (no SaleToPOIRequest or SaleToPOIResponse)',
  invalid: 'invalid nexo message',
};

function describeInvalid(error: DecodeError): string {
  const lines = [
    KIND_TEXT[error.kind],
    ...table([
      ['path', error.path],
      ['reason', error.reason],
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** Reads all of the process's standard input. */
async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `a2a decode`: validates one nexo message an integrator pasted from their logs. */
export function createDecodeCommand(
  io: DecodeIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (line) => void process.stderr.write(`${line}\n`),
    readStdin: readProcessStdin,
  },
): RegisterCommand {
  return (program) => {
    program
      .command('decode')
      .description('validate one nexo message (JSON) and show it decoded, or where it is wrong')
      .argument('[file]', 'file holding the message; "-" or nothing reads standard input')
      .option(
        '--json',
        'print one JSON line: {"valid":true,"envelope":...,"warnings":[...]} or {"valid":false,"error":{...}}',
      )
      .addHelpText(
        'after',
        `
Decoding is lenient, as a terminal's traffic needs: unknown fields are kept, unknown code values
and "true"/"false" strings are accepted, over-long ServiceIDs pass with a warning.
Exit: 0 valid, 1 invalid (text that is not JSON included), 2 the input cannot be read.`,
      )
      .action(async (file: string | undefined, options: { json?: boolean }, _command: Command) => {
        const input = await readMessageInput(file, io);
        if (!input.ok) {
          io.stderr(`a2a decode: ${input.error}`);
          process.exitCode = 2;
          return;
        }
        const { exit, output } = renderDecode(input.value, options.json === true);
        io.stdout(output);
        process.exitCode = exit;
      });
  };
}

/** The registered `decode` command using the process's streams. */
export const decodeCommand: RegisterCommand = createDecodeCommand();
