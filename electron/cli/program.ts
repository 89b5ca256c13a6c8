import { Command, CommanderError } from 'commander';
import { HARNESS_VERSION } from '../core/version';

/** A command module adds itself to the program; one file per command in `commands/`. */
export type RegisterCommand = (program: Command) => void;

/**
 * Builds the `a2a` program. Unknown commands and bad flags end with one line on stderr and a
 * non-zero exit code (2), as every command-line tool our users script against should.
 */
export function buildProgram(commands: readonly RegisterCommand[]): Command {
  const program = new Command('a2a')
    .description(
      'App2App Harness: payment-application simulator, reference POS client, traces and scenarios',
    )
    .version(HARNESS_VERSION, '-v, --version')
    .showHelpAfterError(false)
    .showSuggestionAfterError(true)
    .configureOutput({
      outputError: (text, write) => write(firstLine(text) + '\n'),
    })
    .exitOverride();
  for (const register of commands) register(program);
  program.on('command:*', (operands: string[]) => {
    throw new CommanderError(
      2,
      'a2a.unknownCommand',
      `error: unknown command '${operands[0] ?? ''}' (see a2a --help)`,
    );
  });
  return program;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}

/** Runs the program and turns commander's exits into exit codes: 0 for help/version, 2 for usage errors. */
export async function runProgram(program: Command, argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0;
      if (error.code === 'a2a.unknownCommand') process.stderr.write(error.message + '\n');
      return 2;
    }
    throw error;
  }
}
