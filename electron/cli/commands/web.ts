import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { ConfigureRequest } from '@shared/ipc';
import { WIRE_LABELS, parseEndpoint, parseListenSpec, type Wire } from '@shared/link/endpoint';
import { err, ok, type Result } from '@shared/result';
import { ProfileName } from '@shared/simulator/profiles';
import { createHarnessCore, type HarnessCore, type HarnessCoreOptions } from '../../core/harness';
import { loadScenarios } from '../../core/scenarios/load';
import { formatLogJson, formatLogLine } from '../../web/log';
import { parseLoopbackHost, startWebHost } from '../../web/web-host';
import type { RegisterCommand } from '../program';
import { HostTiming, hostTimingValues } from './web-timing';

/** `--scenario`: a scenario of the catalogue by name, or a scenario file to add and run. */
export type WebScenario =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'file'; readonly path: string };

/** Validated `a2a web` settings. */
export interface WebConfig {
  readonly port: number;
  readonly host: string;
  readonly json: boolean;
  readonly rendererDir: string;
  /** The embedded simulator's profile for the live harness (default app2app). */
  readonly profile?: ProfileName;
  /** A scenario to run as soon as the host listens (its results wait in the scenarios panel). */
  readonly scenario?: WebScenario;
  /**
   * Where ServiceID state and the payment journal live, kept after the host stops (absolute).
   * Without it each run gets a fresh temporary folder, removed when it stops.
   */
  readonly dataDir?: string;
  /**
   * The role the live harness starts in, from `--endpoint` (client role, external peer) or
   * `--listen` (terminal role on those wires); absent: client role, embedded simulator.
   */
  readonly initial?: ConfigureRequest;
  /** How long the embedded simulator and the client wait (default realistic). */
  readonly timing?: HostTiming;
}

/** Where `a2a web` writes (injectable so tests run the command in-process). */
export interface WebIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

const portSchema = z.coerce.number().int().min(0).max(65535);

/** A bare kebab-case word names a scenario; anything else (a path, `*.json`) is a file. */
const SCENARIO_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Reads `--scenario NAME|PATH`. */
export function parseWebScenario(text: string): WebScenario {
  return SCENARIO_NAME.test(text)
    ? { kind: 'name', name: text }
    : { kind: 'file', path: resolve(text) };
}

/** The raw flags of `a2a web`, as commander hands them over. */
export interface WebFlags {
  readonly port: string;
  readonly host: string;
  readonly json?: boolean;
  readonly profile?: string;
  readonly scenario?: string;
  readonly dataDir?: string;
  readonly endpoint?: string;
  readonly listen?: readonly string[];
  readonly timing?: string;
}

/** The terminal-role field of each wire `--listen` can name (README "Wires"). */
const LISTEN_FIELD: Partial<Record<Wire, 'port' | 'tcpPort' | 'httpPort'>> = {
  ws: 'port',
  tcp: 'tcpPort',
  'local-api': 'httpPort',
};

/** `--endpoint` or `--listen` as the role the harness starts in. */
function initialRole(
  options: WebFlags,
  profile: ProfileName | undefined,
): Result<ConfigureRequest | undefined, string> {
  const listen = options.listen ?? [];
  if (options.endpoint !== undefined && listen.length > 0)
    return err('--endpoint (client role) and --listen (terminal role) exclude each other');
  const withProfile = profile === undefined ? {} : { profile };
  if (options.endpoint !== undefined) {
    const endpoint = parseEndpoint(options.endpoint);
    if (!endpoint.ok) return err(`--endpoint ${endpoint.error}`);
    if (profile !== undefined)
      return err('--profile is for the embedded simulator, not an --endpoint');
    return ok({ role: 'client', peer: { url: endpoint.value.url } });
  }
  if (listen.length === 0) return ok(undefined);
  const ports: { port: number; tcpPort?: number; httpPort?: number } = { port: 0 };
  for (const text of listen) {
    const spec = parseListenSpec(text);
    if (!spec.ok) return err(`--listen ${spec.error}`);
    const field = LISTEN_FIELD[spec.value.wire];
    if (field === undefined) {
      return err(
        `--listen: the window's terminal role does not serve ${WIRE_LABELS[spec.value.wire]} yet`,
      );
    }
    ports[field] = spec.value.port;
  }
  return ok({ role: 'terminal', ...ports, ...withProfile });
}

/** Validates the flags of `a2a web`. */
export function parseWebOptions(options: WebFlags): Result<Omit<WebConfig, 'rendererDir'>, string> {
  const port = portSchema.safeParse(options.port.trim() === '' ? 'x' : options.port);
  if (!port.success)
    return err(`--port must be a whole number from 0 to 65535, not "${options.port}"`);
  const host = parseLoopbackHost(options.host);
  if (!host.ok) return host;
  const profile =
    options.profile === undefined ? undefined : ProfileName.safeParse(options.profile);
  if (profile !== undefined && !profile.success)
    return err(
      `--profile must be one of ${ProfileName.options.join(', ')}, not "${options.profile ?? ''}"`,
    );
  if (options.scenario?.trim() === '') return err('--scenario needs a scenario name or file');
  if (options.dataDir?.trim() === '') return err('--data-dir needs a folder');
  const initial = initialRole(options, profile?.data);
  if (!initial.ok) return initial;
  const timing = options.timing === undefined ? undefined : HostTiming.safeParse(options.timing);
  if (timing !== undefined && !timing.success)
    return err(
      `--timing must be one of ${HostTiming.options.join(', ')}, not "${options.timing ?? ''}"`,
    );
  return ok({
    port: port.data,
    host: host.value,
    json: options.json === true,
    ...(profile === undefined ? {} : { profile: profile.data }),
    ...(options.scenario === undefined ? {} : { scenario: parseWebScenario(options.scenario) }),
    ...(options.dataDir === undefined ? {} : { dataDir: resolve(options.dataDir) }),
    ...(initial.value === undefined ? {} : { initial: initial.value }),
    ...(timing === undefined ? {} : { timing: timing.data }),
  });
}

/** The first configuration of the live harness: `--endpoint`/`--listen`, else the embedded peer. */
function initialRequest(config: WebConfig): ConfigureRequest | undefined {
  const { settings } = hostTimingValues(config.timing ?? 'realistic');
  const withSettings = Object.keys(settings).length === 0 ? {} : { settings };
  if (config.initial !== undefined) return { ...config.initial, ...withSettings };
  if (config.profile === undefined && Object.keys(withSettings).length === 0) return undefined;
  return {
    role: 'client',
    peer: 'embedded',
    ...(config.profile === undefined ? {} : { profile: config.profile }),
    ...withSettings,
  };
}

/** The core `a2a web` serves: its data folder, first role, timing and `--scenario` file. */
export function webCoreOptions(config: WebConfig): HarnessCoreOptions {
  const initial = initialRequest(config);
  const { policy } = hostTimingValues(config.timing ?? 'realistic');
  return {
    mode: 'browser',
    // Kept across runs like the desktop app's user-data folder (README "Browser mode").
    ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
    ...(initial === undefined ? {} : { initial }),
    ...(Object.keys(policy).length === 0 ? {} : { policy }),
    ...(config.scenario?.kind === 'file' ? { scenarios: { custom: [config.scenario.path] } } : {}),
  };
}

/**
 * The name of the `--scenario` to run: a file is read (and added to the catalogue by the core),
 * a name must be in the catalogue. The error is one line for stderr.
 */
async function scenarioName(
  scenario: WebScenario,
  core: HarnessCore,
): Promise<Result<string, string>> {
  if (scenario.kind === 'file') {
    const loaded = await loadScenarios([scenario.path]);
    if (!loaded.ok) return err(`--scenario: ${loaded.error.join('; ')}`);
    const [first] = loaded.value;
    return first === undefined
      ? err(`--scenario: no scenario in ${scenario.path}`)
      : ok(first.scenario.name);
  }
  const listed = await core.calls['scenarios:list'](undefined);
  const names = listed.ok ? listed.value.scenarios.map((s) => s.name) : [];
  return names.includes(scenario.name)
    ? ok(scenario.name)
    : err(`--scenario: no scenario named "${scenario.name}" (try one of: ${names.join(', ')})`);
}

/** Runs the `--scenario` in the background and reports its end on stderr. */
function runStartScenario(core: HarnessCore, name: string, config: WebConfig, io: WebIo): void {
  void core.calls['scenarios:run']({ names: [name] }).then((ran) => {
    const result = ran.ok ? ran.value.results[0] : undefined;
    if (config.json)
      io.stderr(
        JSON.stringify(
          result === undefined
            ? { event: 'scenario', name, error: ran.ok ? 'no result' : ran.error.message }
            : { event: 'scenario', name, pass: result.pass, failures: result.failures },
        ),
      );
    else if (result === undefined)
      io.stderr(`a2a web: scenario ${name}: ${ran.ok ? 'no result' : ran.error.message}`);
    else
      io.stderr(
        `a2a web: scenario ${name}: ${result.pass ? 'PASS' : `FAIL: ${result.failures[0] ?? ''}`}`,
      );
  });
}

/**
 * Runs browser mode until `stop` aborts: prints the URL to open (with `--json`, exactly one JSON
 * line `{"event":"listening","url":...}` on stdout), logs refused connections and rejected frames
 * on stderr, and resolves to the exit code (0 after a clean stop, 1 when it could not start, 2
 * for a `--scenario` that names no scenario or an invalid file). With `--profile` the live
 * harness starts with that profile; with `--scenario` that scenario runs (in virtual time) as
 * soon as the host listens, and its verdicts wait in the scenarios panel for the page.
 */
export async function runWeb(config: WebConfig, io: WebIo, stop: AbortSignal): Promise<number> {
  const core = createHarnessCore(webCoreOptions(config));
  let scenario: string | undefined;
  if (config.scenario !== undefined) {
    const named = await scenarioName(config.scenario, core);
    if (!named.ok) {
      await core.stop();
      io.stderr(
        config.json
          ? JSON.stringify({ event: 'error', kind: 'usage', message: named.error })
          : `a2a web: ${named.error}`,
      );
      return 2;
    }
    scenario = named.value;
  }
  const started = await startWebHost({
    core,
    rendererDir: config.rendererDir,
    port: config.port,
    host: config.host,
    log: (entry) => io.stderr(config.json ? formatLogJson(entry) : formatLogLine(entry)),
  });
  if (!started.ok) {
    core.close();
    io.stderr(
      config.json
        ? JSON.stringify({
            event: 'error',
            kind: started.error.kind,
            message: started.error.message,
          })
        : `a2a web: ${started.error.message}`,
    );
    return 1;
  }
  const host = started.value;
  io.stdout(
    config.json
      ? JSON.stringify({ event: 'listening', url: host.url })
      : `App2App Harness (browser mode): open ${host.url}  (Ctrl+C stops it)`,
  );
  if (scenario !== undefined) runStartScenario(core, scenario, config, io);
  if (!stop.aborted)
    await new Promise((done) => stop.addEventListener('abort', done, { once: true }));
  await host.close();
  core.close();
  return 0;
}

/** `a2a web`: browser mode, the harness in any browser on this machine. */
export function createWebCommand(
  /** The built renderer to serve: only the bundle's entry knows where it sits (`cli/index.ts`). */
  rendererDir: string,
  io: WebIo = {
    stdout: (line) => void process.stdout.write(`${line}\n`),
    stderr: (line) => void process.stderr.write(`${line}\n`),
  },
): RegisterCommand {
  return (program) => {
    program
      .command('web')
      .description('browser mode: serve the harness on loopback and print the URL to open')
      .option('--port <n>', 'TCP port (0 picks a free one)', '0')
      .option(
        '--host <address>',
        'loopback address to bind (127.0.0.1, ::1 or localhost)',
        '127.0.0.1',
      )
      .option(
        '--json',
        'print one JSON line {"event":"listening","url":...}; log as JSON lines on stderr',
      )
      .option('--profile <name>', 'profile of the embedded simulator: app2app, nexo or adyen')
      .option(
        '--endpoint <url>',
        'start in client role against this payment application (ws://…, tcp://HOST:PORT, http://…, https://…/nexo)',
      )
      .option(
        '--listen <wire:port>',
        'start in terminal role listening on WIRE:PORT, repeatable (ws:0, tcp:7778; 0 = a free port)',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option(
        '--scenario <name|path>',
        'run this scenario (a built-in name or a scenario file) as soon as the host listens',
      )
      .option(
        '--timing <name>',
        'waits of the embedded simulator and the client: realistic (default) or fast (short initialising, payment phases and backoffs, for test suites)',
      )
      .option(
        '--data-dir <dir>',
        'keep ServiceIDs and the payment journal in this folder across runs (default: a fresh temporary folder per run)',
      )
      .addHelpText(
        'after',
        `
The URL carries a random per-run token; the page passes it to the API socket (/api). Connections
without the token (401) or from another site's page (403) are refused and logged on stderr.
Serves until SIGINT or SIGTERM, then exits 0. Needs a built renderer (npm run build).
--scenario runs in virtual time; its end is reported on stderr ({"event":"scenario",...} with
--json) and its verdicts wait in the page's scenarios panel.`,
      )
      .action(async (options: WebFlags, command: Command) => {
        const parsed = parseWebOptions(options);
        if (!parsed.ok) command.error(`error: ${parsed.error}`, { exitCode: 2, code: 'a2a.usage' });
        const stop = new AbortController();
        const onSignal = (): void => stop.abort();
        // `on`, not `once`: a terminal's Ctrl+C also reaches us through `npm start`, so a second
        // signal may come while closing; it must not kill the process with the default handler.
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        try {
          process.exitCode = await runWeb({ ...parsed.value, rendererDir }, io, stop.signal);
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      });
  };
}
