import type { RegisterCommand } from '../program';

/** Where the bundled fuzz worker lives, known only to the bundle's entry (`cli/index.ts`). */
export interface CommandContext {
  readonly fuzzWorker?: URL;
}

/** One `a2a` command by name, its modules loaded only when it is needed. */
export interface LazyCommand {
  readonly name: string;
  readonly load: (context: CommandContext) => Promise<RegisterCommand>;
}

/**
 * Every `a2a` command, in the order `a2a --help` lists them. Each is loaded only when it runs:
 * the simulator, the web host and the scenario runner cost start-up time and memory that, say,
 * `a2a check` of a big trace has no use for (README "Performance: last measured values").
 */
export const commands: readonly LazyCommand[] = [
  { name: 'web', load: async () => (await import('./web')).webCommand },
  { name: 'decode', load: async () => (await import('./decode')).decodeCommand },
  { name: 'simulator', load: async () => (await import('./simulator')).simulatorCommand },
  { name: 'proxy', load: async () => (await import('./proxy')).proxyCommand },
  { name: 'exec', load: async () => (await import('./exec')).execCommand },
  { name: 'check', load: async () => (await import('./check')).checkCommand },
  { name: 'report', load: async () => (await import('./report')).reportCommand },
  { name: 'run', load: async () => (await import('./run')).runCommand },
  {
    name: 'fuzz',
    load: async ({ fuzzWorker }) => {
      const fuzz = await import('./fuzz');
      if (fuzzWorker !== undefined) fuzz.useFuzzWorkerEntry(fuzzWorker);
      return fuzz.fuzzCommand;
    },
  },
];

/**
 * The commands a command line needs: the one it names, or every one when it names none (help,
 * the version, or a typo that commander answers with a suggestion).
 */
export function commandsFor(
  argv: readonly string[],
  context: CommandContext = {},
): Promise<RegisterCommand[]> {
  const named = commands.filter((command) => command.name === argv[0]);
  return Promise.all((named.length > 0 ? named : commands).map((command) => command.load(context)));
}
