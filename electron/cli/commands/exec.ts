import { Option, type Command } from 'commander';
import {
  LISTEN_WORDS,
  SIMULATOR_WIRES,
  listenWordOf,
  parseEndpoint,
  type Wire,
} from '@shared/link/endpoint';
import { err, ok, type Result } from '@shared/result';
import { parsePolicyAssignments } from '@shared/session/policy';
import {
  DEFAULT_SIMULATOR_SETTINGS,
  ProfileName,
  resolveSimulatorSettings,
  type SimulatorSettings,
} from '@shared/simulator/profiles';
import type { Clock } from '@shared/time/clock';
import { RealClock } from '../../core/time/real-clock';
import type { RegisterCommand } from '../program';
import { runExec, type ExecConfig, type ExecIo } from './exec-runner';
import { parseSteps } from './exec-steps';
import {
  addTerminalApiClientOptions,
  parseTerminalApiClientFlags,
  type ClientTlsFlags,
} from './terminal-api-flags';

interface ExecOptions extends ClientTlsFlags {
  readonly endpoint?: string;
  readonly embedded?: boolean;
  readonly wire?: string;
  readonly controlToken?: string;
  readonly profile: string;
  readonly policy: string[];
  readonly sim: string[];
  readonly trace?: string;
  readonly mask: boolean;
  readonly json?: boolean;
  readonly seed?: string;
}

/** `--wire` words of the wires the embedded simulator serves. */
const EMBEDDED_WIRE_WORDS = SIMULATOR_WIRES.map(listenWordOf);

/** Simulator settings that `--sim` may set (timings and identity; knobs stay with profiles). */
const SIM_KEYS = ['initMs', 'cardMs', 'authMs', 'currency', 'poiId', 'softwareVersion'] as const;
type SimKey = (typeof SIM_KEYS)[number];

const HELP_AFTER = `
Steps (run one after another, each waiting for the previous one's final outcome):
  login  logout  pay:AMOUNT[:CURRENCY]  status[:SERVICEID]  reverse[:POITXID] (default: the
  last approval)  abort[:SERVICEID]  admin[:diagnosis|update]  wait:MS  and with --embedded
  (or --endpoint with --control-token)  fault:NAME[:ARG]  (busyNextLogins:3, dropNextResponse:Payment,
  delayResponses:MS[:CATEGORY], restartDuringPayment:PHASE, nextPaymentOutcome:OUTCOME,
  dropLink[:ID], restart, update, resetSessions, approveThenDrop)

Exit: 0 every operation reached a known final outcome (declined and not processed included),
1 one ended failed or unknown, 2 bad arguments.

Example:
  a2a exec --embedded --policy paymentTimeoutMs=3000 --trace t.jsonl --json \\
    login pay:12.50 fault:approveThenDrop pay:3.00 fault:restart status`;

/**
 * `a2a exec`: the command-line face of the reference client. `io` and `clock` are injectable so
 * tests run the real command in-process.
 */
export function createExecCommand(
  io: ExecIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  },
  clock: () => Clock = () => new RealClock(),
): RegisterCommand {
  return (program) => {
    addTerminalApiClientOptions(program.command('exec'))
      .description(
        'run reference-client steps against a payment application and report each outcome',
      )
      .argument('<steps...>', 'steps to run, e.g. login pay:12.50 status')
      .addOption(
        new Option(
          '--endpoint <url>',
          'the payment application: ws://HOST:PORT/PATH, tcp://HOST:PORT, http://HOST:PORT (Local API) or https://HOST:PORT/nexo',
        ).conflicts('embedded'),
      )
      .option('--embedded', 'start the simulator in-process (on loopback) and talk to it')
      .addOption(
        new Option(
          '--wire <wire>',
          `with --embedded: the wire to reach it over (${EMBEDDED_WIRE_WORDS.join(', ')}; default ws)`,
        ).conflicts('endpoint'),
      )
      .option(
        '--control-token <token>',
        'with --endpoint of an a2a simulator: its control API token, so fault steps reach it and armed faults are reported',
      )
      .option(
        '--profile <name>',
        `simulator profile (${ProfileName.options.join(', ')})`,
        'app2app',
      )
      .option(
        '--policy <key=value>',
        'session policy override, repeatable (e.g. paymentTimeoutMs=3000)',
        collect,
        [],
      )
      .option(
        '--sim <key=value>',
        `embedded simulator setting, repeatable (${SIM_KEYS.join(', ')}; e.g. initMs=0 to skip start-up BUSY)`,
        collect,
        [],
      )
      .option('--trace <file>', 'write the trace (JSON Lines) to this file')
      .option('--no-mask', 'record card data in the trace unmasked')
      .option('--json', 'one JSON line per operation step and per session transition')
      .option('--seed <n>', 'seed of the reconnect jitter (default: from the clock)')
      .addHelpText('after', HELP_AFTER)
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
      .action(async (steps: string[], options: ExecOptions, command: Command) => {
        const config = buildConfig(steps, options);
        if (!config.ok) {
          command.error(`error: ${config.error}`, { exitCode: 2, code: 'a2a.usage' });
        }
        process.exitCode = await runExec(config.value, clock(), io);
      });
  };
}

/** The registered `exec` command writing to the process's streams. */
export const execCommand: RegisterCommand = createExecCommand();

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Validates every flag and step before anything starts (usage errors exit 2). */
function buildConfig(steps: readonly string[], options: ExecOptions): Result<ExecConfig, string> {
  if (options.endpoint === undefined && options.embedded !== true) {
    return err('give --endpoint URL or --embedded');
  }
  let target: ExecConfig['target'];
  if (options.endpoint !== undefined) {
    const endpoint = parseEndpoint(options.endpoint);
    if (!endpoint.ok) return err(`--endpoint ${endpoint.error}`);
    if (options.controlToken !== undefined && endpoint.value.wire !== 'ws')
      return err('--control-token needs a ws:// endpoint (the control API shares its port)');
    target = {
      kind: 'endpoint',
      endpoint: endpoint.value,
      ...(options.controlToken === undefined ? {} : { controlToken: options.controlToken }),
    };
  } else {
    if (options.controlToken !== undefined)
      return err('--control-token needs --endpoint (the embedded simulator needs none)');
    const wire = parseEmbeddedWire(options.wire);
    if (!wire.ok) return wire;
    target = { kind: 'embedded', wire: wire.value };
  }
  const profile = ProfileName.safeParse(options.profile);
  if (!profile.success) {
    return err(
      `unknown profile "${options.profile}" (profiles: ${ProfileName.options.join(', ')})`,
    );
  }
  const policy = parsePolicyAssignments(options.policy);
  if (!policy.ok) return err(policy.error);
  if (target.kind === 'endpoint' && options.sim.length > 0) return err('--sim needs --embedded');
  const simulator = parseSimAssignments(options.sim);
  if (!simulator.ok) return simulator;
  const seed = parseSeed(options.seed);
  if (!seed.ok) return seed;
  const parsedSteps = parseSteps(steps, {
    faultsAllowed: target.kind === 'embedded' || options.controlToken !== undefined,
  });
  if (!parsedSteps.ok) return parsedSteps;
  const terminalApi = parseTerminalApiClientFlags(options);
  if (!terminalApi.ok) return terminalApi;
  return ok({
    target,
    profile: profile.data,
    policy: policy.value,
    simulator: simulator.value,
    tracePath: options.trace,
    mask: options.mask,
    json: options.json === true,
    seed: seed.value,
    steps: parsedSteps.value,
    terminalApi: terminalApi.value,
  });
}

/** `--wire ws|tcp|…` (the words of `--listen`), default the WebSocket link. */
export function parseEmbeddedWire(text: string | undefined): Result<Wire, string> {
  if (text === undefined) return ok('ws');
  const wire = LISTEN_WORDS[text.trim().toLowerCase()];
  if (wire === undefined || !SIMULATOR_WIRES.includes(wire)) {
    return err(`--wire "${text}" is not one of ${EMBEDDED_WIRE_WORDS.join(', ')}`);
  }
  return ok(wire);
}

function isSimKey(key: string): key is SimKey {
  return (SIM_KEYS as readonly string[]).includes(key);
}

/** `--sim initMs=0 --sim currency=JPY` → validated partial simulator settings. */
export function parseSimAssignments(
  pairs: readonly string[],
): Result<Partial<SimulatorSettings>, string> {
  const partial: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, Math.max(eq, 0)).trim();
    if (eq <= 0) return err(`--sim "${pair}" is not KEY=VALUE`);
    if (!isSimKey(key)) return err(`unknown --sim key "${key}" (known: ${SIM_KEYS.join(', ')})`);
    const value = pair.slice(eq + 1).trim();
    partial[key] =
      typeof DEFAULT_SIMULATOR_SETTINGS[key] === 'number' && /^\d+$/.test(value)
        ? Number(value)
        : value;
  }
  const resolved = resolveSimulatorSettings(partial);
  if (!resolved.ok) return err(`--sim ${resolved.error}`);
  // Only what was given: the header records the overrides, the simulator fills the defaults.
  return ok(Object.fromEntries(Object.keys(partial).map((k) => [k, resolved.value[k as SimKey]])));
}

function parseSeed(text: string | undefined): Result<number, string> {
  if (text === undefined) return ok(Date.now() >>> 0);
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) {
    return err(`--seed "${text}" is not a whole number between 0 and 4294967295`);
  }
  return ok(Number(text));
}
