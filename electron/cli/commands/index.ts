import type { RegisterCommand } from '../program';

/**
 * Files built beside the CLI bundle, known only to the bundle's entry (`cli/index.ts`): a
 * command's own module may sit in a chunk elsewhere.
 */
export interface CommandContext {
  /** The fuzz worker's entry (`out/main/fuzz-worker.js`). */
  readonly fuzzWorker: URL;
  /** The built renderer that `a2a web` serves (`out/renderer`). */
  readonly rendererDir: string;
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
  {
    name: 'web',
    load: async ({ rendererDir }) => (await import('./web')).createWebCommand(rendererDir),
  },
  { name: 'decode', load: async () => (await import('./decode')).decodeCommand },
  { name: 'simulator', load: async () => (await import('./simulator')).simulatorCommand },
  { name: 'proxy', load: async () => (await import('./proxy')).proxyCommand },
  { name: 'exec', load: async () => (await import('./exec')).execCommand },
  { name: 'check', load: async () => (await import('./check')).checkCommand },
  { name: 'report', load: async () => (await import('./report')).reportCommand },
  { name: 'run', load: async () => (await import('./run')).runCommand },
  {
    name: 'fuzz',
    load: async ({ fuzzWorker }) =>
      (await import('./fuzz')).createFuzzCommand(undefined, { workerEntry: fuzzWorker }),
  },
];

/**
 * The commands a command line needs: the one it names, or every one when it names none (help,
 * the version, or a typo that commander answers with a suggestion).
 */
export function commandsFor(
  argv: readonly string[],
  context: CommandContext,
): Promise<RegisterCommand[]> {
  const named = commands.filter((command) => command.name === argv[0]);
  return Promise.all((named.length > 0 ? named : commands).map((command) => command.load(context)));
}
