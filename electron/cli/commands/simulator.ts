import type { Command } from 'commander';
import { z } from 'zod';
import { err, ok, type Result } from '@shared/result';
import {
  PROFILES,
  ProfileName,
  resolveSimulatorSettings,
  type SimulatorSettings,
} from '@shared/simulator/profiles';
import type { EventBody } from '@shared/trace/events';
import {
  LOOPBACK,
  createSimulator,
  type ListenOptions,
  type Listening,
} from '../../core/simulator';
import { normaliseOrigin } from '../../core/simulator/door';
import { RealClock } from '../../core/time/real-clock';
import { createTraceRecorder, type TraceRecorder } from '../../core/trace/recorder';
import type { TerminalApiSettings } from '../../core/simulator/simulator';
import type { RegisterCommand } from '../program';
import { runUntilSignal } from '../until-signal';
import {
  DEFAULT_DATA_DIR,
  addKeyOptions,
  parseKeyFlags,
  type KeyFlags,
} from './terminal-api-flags';

/** Validated `a2a simulator` settings. */
export interface SimulatorCliConfig {
  readonly port: number;
  /** nexo over TCP, when `--tcp-port` is given. */
  readonly tcpPort?: number;
  /** Market Pay's Local API over HTTP, when `--http-port` is given. */
  readonly httpPort?: number;
  /** How long a synchronous Local API POST waits for its answer (`--http-wait-ms`). */
  readonly httpWaitMs?: number;
  /** What every front binds; 127.0.0.1 unless `--host` says otherwise. */
  readonly host: string;
  /** The Terminal API over HTTPS, when `--https-port` is given. */
  readonly httpsPort?: number;
  /** Where the TLS identity is kept. */
  readonly dataDir: string;
  readonly terminalApi: TerminalApiSettings;
  readonly profile: ProfileName;
  readonly settings: SimulatorSettings;
  readonly json: boolean;
  /** Records everything the simulator sees here, as a terminal-role trace. */
  readonly tracePath?: string;
  /** Browser origins allowed to open a link (`--allow-origin`). */
  readonly allowOrigins: readonly string[];
  /** The shared secret a POS must present (`--link-token`). */
  readonly linkToken?: string;
  /** Mask card data in the trace (`--no-mask` turns it off; the header says which). */
  readonly mask: boolean;
}

/** The flags as commander hands them over (strings, undefined when absent). */
export interface SimulatorFlags extends KeyFlags {
  readonly port: string;
  readonly tcpPort?: string;
  readonly httpPort?: string;
  readonly httpsPort?: string;
  readonly httpWaitMs?: string;
  readonly host?: string;
  readonly dataDir?: string;
  readonly requireEncryption?: boolean;
  readonly profile: string;
  readonly initMs?: string;
  readonly cardMs?: string;
  readonly authMs?: string;
  readonly currency?: string;
  readonly json?: boolean;
  readonly trace?: string;
  readonly allowOrigin?: readonly string[];
  readonly linkToken?: string;
  /** commander's `--no-mask`: false when given. */
  readonly mask?: boolean;
}

/** Where `a2a simulator` writes (injectable so tests run the command in-process). */
export interface SimulatorIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

/** The flag that sets each setting, to name it in an error. */
const FLAG_OF_SETTING: Readonly<Record<string, string>> = {
  initMs: '--init-ms',
  cardMs: '--card-ms',
  authMs: '--auth-ms',
  currency: '--currency',
};

const PORT = z.coerce.number().int().min(0).max(65535);

/**
 * The flag of each wire's front beside the WebSocket one (README "Wires"): a front starts only
 * when its flag is given, and the `--json` line then names its address.
 */
const FRONT_FLAGS = [
  { flag: '--tcp-port', key: 'tcpPort', urlKey: 'tcpUrl', label: 'nexo over TCP' },
  { flag: '--http-port', key: 'httpPort', urlKey: 'httpUrl', label: 'Local API' },
  { flag: '--https-port', key: 'httpsPort', urlKey: 'httpsUrl', label: 'Terminal API' },
] as const satisfies readonly {
  flag: string;
  key: keyof SimulatorFlags & keyof ListenOptions;
  urlKey: keyof Listening;
  label: string;
}[];
const MILLIS = z.coerce.number().int().min(0);

function parseNumber(
  schema: z.ZodType<number>,
  flag: string,
  value: string,
  what: string,
): Result<number, string> {
  const parsed = schema.safeParse(value.trim() === '' ? 'x' : value);
  return parsed.success ? ok(parsed.data) : err(`${flag} must be ${what}, not "${value}"`);
}

/** Validates the flags; the error is the one line a usage error prints. */
export function parseSimulatorFlags(flags: SimulatorFlags): Result<SimulatorCliConfig, string> {
  const port = parseNumber(PORT, '--port', flags.port, 'a whole number from 0 to 65535');
  if (!port.ok) return port;
  const fronts: { tcpPort?: number; httpPort?: number; httpsPort?: number; httpWaitMs?: number } =
    {};
  for (const { flag, key } of FRONT_FLAGS) {
    const value = flags[key];
    if (value === undefined) continue;
    const parsed = parseNumber(PORT, flag, value, 'a whole number from 0 to 65535');
    if (!parsed.ok) return parsed;
    fronts[key] = parsed.value;
  }
  if (flags.httpWaitMs !== undefined) {
    const parsed = parseNumber(
      MILLIS,
      '--http-wait-ms',
      flags.httpWaitMs,
      'a whole number of milliseconds (0 or more)',
    );
    if (!parsed.ok) return parsed;
    fronts.httpWaitMs = parsed.value;
  }
  const key = parseKeyFlags(flags);
  if (!key.ok) return key;
  const host = flags.host?.trim() ?? LOOPBACK;
  if (host === '') return err('--host must name an address, e.g. 0.0.0.0');
  const profile = ProfileName.safeParse(flags.profile);
  if (!profile.success) {
    return err(
      `--profile must be one of ${ProfileName.options.join(', ')}, not "${flags.profile}"`,
    );
  }
  const partial: Partial<SimulatorSettings> = {};
  const durations = [
    ['--init-ms', 'initMs', flags.initMs],
    ['--card-ms', 'cardMs', flags.cardMs],
    ['--auth-ms', 'authMs', flags.authMs],
  ] as const;
  for (const [flag, key, value] of durations) {
    if (value === undefined) continue;
    const ms = parseNumber(MILLIS, flag, value, 'a whole number of milliseconds (0 or more)');
    if (!ms.ok) return ms;
    partial[key] = ms.value;
  }
  if (flags.currency !== undefined) partial.currency = flags.currency.toUpperCase();
  const settings = resolveSimulatorSettings(partial);
  if (!settings.ok) {
    const field = settings.error.slice(0, settings.error.indexOf(':'));
    return err(`${FLAG_OF_SETTING[field] ?? field}: ${settings.error.slice(field.length + 2)}`);
  }
  const allowOrigins: string[] = [];
  for (const text of flags.allowOrigin ?? []) {
    const origin = normaliseOrigin(text);
    if (!origin.ok) return err(`--allow-origin: ${origin.error}`);
    allowOrigins.push(origin.value);
  }
  if (flags.linkToken !== undefined && flags.linkToken.trim() === '')
    return err('--link-token must not be empty');
  return ok({
    port: port.value,
    ...fronts,
    host,
    dataDir: flags.dataDir ?? DEFAULT_DATA_DIR,
    terminalApi: {
      ...(key.value === undefined ? {} : { key: key.value }),
      requireEncryption: flags.requireEncryption === true,
      ...(fronts.httpWaitMs === undefined ? {} : { httpWaitMs: fronts.httpWaitMs }),
    },
    profile: profile.data,
    settings: settings.value,
    json: flags.json === true,
    ...(flags.trace === undefined ? {} : { tracePath: flags.trace }),
    allowOrigins,
    ...(flags.linkToken === undefined ? {} : { linkToken: flags.linkToken }),
    mask: flags.mask !== false,
  });
}

/** The CA file and the key in force; never the passphrase (it stays out of logs as of traces). */
function terminalApiLines(config: SimulatorCliConfig, listening: Listening): string[] {
  if (listening.caFile === undefined) return [];
  const { key, requireEncryption } = config.terminalApi;
  const keyText =
    key === undefined ? 'no key set' : `key ${key.keyIdentifier} v${String(key.keyVersion)}`;
  return [
    `  CA file        ${listening.caFile}`,
    `  NexoCrypto     ${keyText}, ${requireEncryption === true ? 'encryption required' : 'clear text allowed'}`,
  ];
}

function hostWarning(host: string): string {
  return `listening on ${host}: anyone who can reach this address can connect a POS and, with the token, inject faults`;
}

/** One line for a person watching the simulator (lifecycle, links, sessions, faults, ledger). */
export function describeEvent(event: EventBody): string | undefined {
  switch (event.kind) {
    case 'lifecycle':
      return `lifecycle ${event.from} → ${event.to} (${event.reason}), version ${event.version}`;
    case 'link':
      return `link ${event.link} ${event.change}${event.code === undefined ? '' : ` (${String(event.code)}${event.abrupt ? ', abrupt' : ''})`}`;
    case 'poiSession':
      return `session ${event.change} on ${event.link}${event.saleId ? ` for ${event.saleId}` : ''}: ${event.reason}${event.category ? ` (${event.category} ${event.serviceId ?? ''})` : ''}`;
    case 'fault':
      return `fault ${event.name} ${event.phase}${event.hit ? ` on ${event.hit.category ?? ''} ${event.hit.serviceId ?? ''}` : ''}${event.note ? `: ${event.note}` : ''}`;
    case 'ledger':
      return `ledger ${event.change}: ${event.entry.serviceId} ${event.entry.result} ${String(event.entry.authorisedMinor)}/${String(event.entry.amountMinor)} ${event.entry.currency}${event.entry.reversed ? ' (reversed)' : ''}`;
    case 'security':
      return `security ${event.reason} on ${event.link ?? 'no link'}${event.saleId ? ` from ${event.saleId}` : ''}: ${event.detail}`;
    case 'message':
    case 'session':
    case 'timeout':
    case 'retry':
    case 'op':
      return undefined;
  }
}

/**
 * Runs the simulator until `stop` aborts: prints where it listens (with `--json`, exactly one
 * JSON line `{"event":"listening","nexoUrl",...}` on stdout), and resolves to the exit code
 * (0 after a clean stop, 1 when it could not start).
 */
export async function runSimulator(
  config: SimulatorCliConfig,
  io: SimulatorIo,
  stop: AbortSignal,
): Promise<number> {
  const clock = new RealClock();
  let recorder: TraceRecorder | undefined;
  if (config.tracePath !== undefined) {
    const created = await createTraceRecorder({
      path: config.tracePath,
      clock,
      mask: config.mask,
      // Terminal role: the POS is somebody else's; the simulator's view is the whole story.
      observers: ['poi'],
      header: {
        role: 'terminal',
        profile: config.profile,
        policy: {},
        simulator: { ...config.settings },
      },
    });
    if (!created.ok) {
      io.stderr(
        config.json ? JSON.stringify({ event: 'error', message: created.error }) : created.error,
      );
      return 1;
    }
    recorder = created.value;
  }
  const simulator = createSimulator({
    clock,
    profile: config.profile,
    settings: config.settings,
    terminalApi: config.terminalApi,
  });
  // One subscriber: only the first one also gets the start-up events, and both need them.
  simulator.onEvent((event) => {
    recorder?.record(event);
    if (config.json) return;
    const line = describeEvent(event);
    if (line !== undefined) io.stderr(line);
  });
  if (config.host !== LOOPBACK) {
    // A payment-application simulator on the network takes faults from whoever reaches it.
    io.stderr(
      config.json
        ? JSON.stringify({ event: 'warning', message: hostWarning(config.host) })
        : `warning: ${hostWarning(config.host)}`,
    );
  }
  let listening: Listening;
  try {
    listening = await simulator.listen({
      port: config.port,
      host: config.host,
      ...(config.tcpPort === undefined ? {} : { tcpPort: config.tcpPort }),
      door: { allowOrigins: config.allowOrigins, linkToken: config.linkToken },
      // Refusals go to stderr, as JSON lines with --json (stdout keeps its one line).
      onRefused: (refusal) =>
        io.stderr(
          config.json
            ? JSON.stringify({ event: 'refused', ...refusal })
            : `refused ${refusal.path} from ${refusal.remote}: ${String(refusal.status)} ${refusal.reason}`,
        ),
      ...(config.httpPort === undefined ? {} : { httpPort: config.httpPort }),
      ...(config.httpWaitMs === undefined ? {} : { httpWaitMs: config.httpWaitMs }),
      ...(config.httpsPort === undefined
        ? {}
        : { httpsPort: config.httpsPort, dataDir: config.dataDir }),
    });
  } catch (error) {
    await simulator.close();
    await recorder?.close();
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      config.json
        ? JSON.stringify({ event: 'error', message })
        : `a2a simulator: cannot listen on port ${String(config.port)}: ${message}`,
    );
    return 1;
  }
  const { nexoUrl, controlUrl, token } = listening;
  const extra = FRONT_FLAGS.flatMap(({ urlKey, label }) => {
    const url = listening[urlKey];
    return url === undefined ? [] : [{ urlKey, label, url }];
  });
  io.stdout(
    config.json
      ? JSON.stringify({
          event: 'listening',
          nexoUrl,
          ...Object.fromEntries(extra.map(({ urlKey, url }) => [urlKey, url])),
          ...(listening.caFile === undefined ? {} : { caFile: listening.caFile }),
          controlUrl,
          token,
        })
      : [
          `App2App Harness payment-application simulator — profile ${config.profile}, ${config.settings.currency}`,
          `  POS endpoint   ${nexoUrl}`,
          ...extra.map(({ label, url }) => `  ${label.padEnd(14)} ${url}`),
          ...terminalApiLines(config, listening),
          `  Control API    ${controlUrl}`,
          `  Token          ${token}`,
          `  Try            curl -H "Authorization: Bearer ${token}" ${controlUrl}/state`,
          'Ctrl+C stops it.',
        ].join('\n'),
  );
  if (!stop.aborted) {
    await new Promise((done) => stop.addEventListener('abort', done, { once: true }));
  }
  await simulator.close();
  const closed = await recorder?.close();
  if (closed !== undefined && !closed.ok) {
    io.stderr(
      config.json ? JSON.stringify({ event: 'error', message: closed.error }) : closed.error,
    );
    return 1;
  }
  return 0;
}

/** `a2a simulator`: the payment-application simulator for an external POS. */
export function createSimulatorCommand(
  io: SimulatorIo = {
    stdout: (line) => void process.stdout.write(`${line}\n`),
    stderr: (line) => void process.stderr.write(`${line}\n`),
  },
): RegisterCommand {
  return (program) => {
    addKeyOptions(program.command('simulator'))
      .description('run the payment-application simulator for an external POS')
      .option('--port <n>', 'WebSocket and control API port (0 picks a free one)', '0')
      .option(
        '--tcp-port <n>',
        'also serve nexo over TCP, length-prefixed (0 picks a free one; Market Pay uses 7778 or 7777)',
      )
      .option(
        '--http-port <n>',
        "also serve Market Pay's Local API over HTTP, flat JSON (0 picks a free one; Market Pay uses 8080)",
      )
      .option(
        '--http-wait-ms <n>',
        'Local API and Terminal API: how long a request nothing answers waits before 408 (30000)',
      )
      .option('--host <address>', 'bind this address instead of 127.0.0.1 (prints a warning)')
      .option('--profile <name>', `terminal profile: ${ProfileName.options.join(', ')}`, 'app2app')
      .option('--init-ms <n>', 'how long it initialises after a start, restart or update (2000)')
      .option('--card-ms <n>', 'how long a payment waits for the card (1500)')
      .option('--auth-ms <n>', 'how long the authorisation takes (1000)')
      .option('--currency <code>', 'terminal currency, ISO 4217 (EUR)')
      .option(
        '--json',
        'print one JSON line {"event":"listening","nexoUrl",["tcpUrl",]["httpUrl",]["httpsUrl","caFile",]"controlUrl","token"}',
      )
      .option(
        '--https-port <n>',
        'also serve the Terminal API, HTTPS POST /nexo (0 picks a free one; terminals use 8443)',
      )
      .option(
        '--require-encryption',
        'Terminal API: refuse clear-text requests (Failure/MessageFormat)',
      )
      .option(
        '--data-dir <dir>',
        `where the Terminal API TLS identity is kept (${DEFAULT_DATA_DIR})`,
      )
      .option(
        '--allow-origin <origin>',
        'let browser pages from this origin open a link (repeatable); requests without Origin always may',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option('--no-mask', 'record card data in the trace unmasked (local debugging only)')
      .option(
        '--link-token <secret>',
        'require this secret from every POS (Authorization: Bearer SECRET, or ?token=SECRET on the URL)',
      )
      .option(
        '--trace <file>',
        'record everything the simulator sees (frames, lifecycle, faults, ledger) as a trace for a2a check',
      )
      .addHelpText(
        'after',
        `
Terminal API (Adyen style): with --https-port, a POS POSTs SaleToPOIRequest envelopes to
https://127.0.0.1:PORT/nexo, trusting the printed CA file; with --key-id, --key-version and
--passphrase (or A2A_PASSPHRASE) it may encrypt them with NexoCrypto.`,
      )
      .addHelpText(
        'after',
        `
Profiles:
${ProfileName.options.map((name) => `  ${name.padEnd(8)} ${PROFILES[name].description}`).join('\n')}

A POS connects to ws://127.0.0.1:PORT/nexo, or with --tcp-port N to tcp://127.0.0.1:N
(4-byte big-endian length, then the UTF-8 JSON envelope). Faults and the ledger are at
http://127.0.0.1:PORT/control (Authorization: Bearer TOKEN), e.g.
  curl -X POST -H "Authorization: Bearer TOKEN" -d '{"fault":"restart"}' \\
       http://127.0.0.1:PORT/control/faults
Serves until SIGINT or SIGTERM, then exits 0.`,
      )
      .action(async (flags: SimulatorFlags, command: Command) => {
        const parsed = parseSimulatorFlags(flags);
        if (!parsed.ok) command.error(`error: ${parsed.error}`, { exitCode: 2, code: 'a2a.usage' });
        await runUntilSignal((stop) => runSimulator(parsed.value, io, stop));
      });
  };
}

/** The registered `simulator` command writing to the process's streams. */
export const simulatorCommand: RegisterCommand = createSimulatorCommand();
