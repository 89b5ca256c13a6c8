import type { Command } from 'commander';
import { z } from 'zod';
import {
  parseEndpoint,
  parseListenSpec,
  type Endpoint,
  type ListenSpec,
} from '@shared/link/endpoint';
import type { LatencySummary, ProxyStateSnapshot } from '@shared/proxy/faults';
import { SUPPORTED_PAIRS, checkProxyPair } from '@shared/proxy/pairs';
import { err, ok, type Result } from '@shared/result';
import type { EventBody } from '@shared/trace/events';
import { summariseMessage } from '@shared/trace/view';
import { PROXY_OBSERVERS, serveProxy } from '../../core/proxy/serve';
import { RealClock } from '../../core/time/real-clock';
import { createTraceRecorder, type TraceRecorder } from '../../core/trace/recorder';
import type { RegisterCommand } from '../program';
import { runUntilSignal } from '../until-signal';
import type { TerminalApiOptions } from '../../core/link/dial';
import { runCheck } from './check';
import { describeEvent } from './simulator';
import {
  DEFAULT_DATA_DIR,
  addTerminalApiClientOptions,
  parseTerminalApiClientFlags,
  type ClientTlsFlags,
} from './terminal-api-flags';

/** Validated `a2a proxy` settings. */
export interface ProxyCliConfig {
  readonly listen: ListenSpec;
  readonly upstream: Endpoint;
  readonly host?: string;
  readonly controlPort?: number;
  readonly json: boolean;
  readonly mask: boolean;
  readonly tracePath?: string;
  /** Terminal API pair: trust of the terminal and the NexoCrypto key of both legs. */
  readonly terminalApi?: TerminalApiOptions;
  readonly requireEncryption?: boolean;
  /** Terminal API pair: where the proxy's TLS identity is kept. */
  readonly dataDir?: string;
  /** HTTP pairs: how long a POS's request waits for the terminal before 408. */
  readonly httpWaitMs?: number;
}

/** The flags as commander hands them over. */
export interface ProxyFlags extends ClientTlsFlags {
  readonly requireEncryption?: boolean;
  readonly dataDir?: string;
  readonly httpWaitMs?: string;
  readonly listen?: string;
  readonly upstream?: string;
  readonly host?: string;
  readonly controlPort?: string;
  readonly json?: boolean;
  /** `--no-mask` sets it false. */
  readonly mask?: boolean;
  readonly trace?: string;
}

/** Where `a2a proxy` writes (injectable so tests run it in-process). */
export interface ProxyIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

const PORT = z.coerce.number().int().min(0).max(65535);
const MILLIS = z.coerce.number().int().min(0).max(3_600_000);

/** Flags that only a Terminal API pair reads: given on another pair they are a mistake. */
const TERMINAL_API_ONLY = [
  ['--ca', 'ca'],
  ['--insecure', 'insecure'],
  ['--key-id', 'keyId'],
  ['--key-version', 'keyVersion'],
  ['--passphrase', 'passphrase'],
  ['--require-encryption', 'requireEncryption'],
  ['--data-dir', 'dataDir'],
] as const;

/** The Terminal API settings of a Terminal API pair; other pairs refuse the flags. */
function parseTerminalApiPair(
  flags: ProxyFlags,
  wire: ListenSpec['wire'],
): Result<Pick<ProxyCliConfig, 'terminalApi' | 'requireEncryption' | 'dataDir'>, string> {
  if (wire !== 'terminal-api') {
    const given = TERMINAL_API_ONLY.find(([, key]) => flags[key] !== undefined);
    return given === undefined
      ? ok({})
      : err(`${given[0]} is for the Terminal API pair (--listen https:PORT)`);
  }
  const terminalApi = parseTerminalApiClientFlags(flags);
  if (!terminalApi.ok) return terminalApi;
  if (flags.requireEncryption === true && terminalApi.value.key === undefined) {
    return err('--require-encryption needs the key (--key-id, --key-version, --passphrase)');
  }
  return ok({
    terminalApi: terminalApi.value,
    requireEncryption: flags.requireEncryption === true,
    dataDir: flags.dataDir ?? DEFAULT_DATA_DIR,
  });
}

/** Validates the flags; the error is the one line a usage error prints. */
export function parseProxyFlags(flags: ProxyFlags): Result<ProxyCliConfig, string> {
  if (flags.listen === undefined) return err('--listen WIRE:PORT is required (e.g. tcp:7778)');
  if (flags.upstream === undefined) {
    return err('--upstream ENDPOINT is required (e.g. tcp://192.0.2.10:7778)');
  }
  const listen = parseListenSpec(flags.listen);
  if (!listen.ok) return err(`--listen ${listen.error}`);
  const upstream = parseEndpoint(flags.upstream);
  if (!upstream.ok) return err(`--upstream ${upstream.error}`);
  const pair = checkProxyPair(listen.value.wire, upstream.value.wire);
  if (!pair.ok) return pair;
  let controlPort: number | undefined;
  if (flags.controlPort !== undefined) {
    const parsed = PORT.safeParse(flags.controlPort.trim() === '' ? 'x' : flags.controlPort);
    if (!parsed.success) {
      return err(
        `--control-port must be a whole number from 0 to 65535, not "${flags.controlPort}"`,
      );
    }
    controlPort = parsed.data;
  }
  const tapi = parseTerminalApiPair(flags, listen.value.wire);
  if (!tapi.ok) return tapi;
  let httpWaitMs: number | undefined;
  if (flags.httpWaitMs !== undefined) {
    const parsed = MILLIS.safeParse(flags.httpWaitMs.trim() === '' ? 'x' : flags.httpWaitMs);
    if (!parsed.success) {
      return err(
        `--http-wait-ms must be a whole number of milliseconds (0 or more), not "${flags.httpWaitMs}"`,
      );
    }
    httpWaitMs = parsed.data;
  }
  return ok({
    ...tapi.value,
    ...(httpWaitMs === undefined ? {} : { httpWaitMs }),
    listen: listen.value,
    upstream: upstream.value,
    ...(flags.host === undefined ? {} : { host: flags.host }),
    ...(controlPort === undefined ? {} : { controlPort }),
    json: flags.json === true,
    mask: flags.mask !== false,
    ...(flags.trace === undefined ? {} : { tracePath: flags.trace }),
  });
}

const ARROWS = { toPoi: 'POS → terminal', toPos: 'terminal → POS' } as const;

/** One line per message and per change a person watching the proxy cares about. */
export function describeProxyEvent(event: EventBody): string | undefined {
  if (event.kind !== 'message') return describeEvent(event);
  const summary = summariseMessage(event);
  const what = summary.malformed
    ? 'malformed frame'
    : `${summary.category ?? '?'} ${summary.type ?? '?'} ${summary.serviceId ?? ''}`.trimEnd();
  const outcome =
    summary.result === undefined
      ? ''
      : ` ${summary.result}${summary.errorCondition === undefined ? '' : `/${summary.errorCondition}`}`;
  return `${ARROWS[event.direction]}  ${what}${outcome}  [${event.proxied ?? 'seen'}]`;
}

function say(io: ProxyIo, json: boolean, message: string): void {
  io.stderr(json ? JSON.stringify({ event: 'error', message }) : message);
}

/**
 * Runs the proxy until `stop` aborts: prints where the POS connects (with `--json` exactly one
 * JSON line `{"event":"listening","listenUrl","upstream","controlUrl","token"}` on stdout), and,
 * with a trace, the verdicts on the POS at the end. Resolves to the exit code: 0 after a clean
 * stop (1 when a recorded run has a failing verdict), 1 when it could not start.
 */
export async function runProxy(
  config: ProxyCliConfig,
  io: ProxyIo,
  stop: AbortSignal,
): Promise<number> {
  const clock = new RealClock();
  let recorder: TraceRecorder | undefined;
  if (config.tracePath !== undefined) {
    const created = await createTraceRecorder({
      path: config.tracePath,
      clock,
      mask: config.mask,
      observers: PROXY_OBSERVERS,
      header: {
        role: 'proxy',
        profile: 'proxy',
        policy: {},
        proxy: { listen: config.listen, upstream: config.upstream.url },
      },
    });
    if (!created.ok) {
      say(io, config.json, created.error);
      return 1;
    }
    recorder = created.value;
  }
  const served = await serveProxy({
    clock,
    listen: config.listen,
    upstream: config.upstream,
    ...(config.host === undefined ? {} : { host: config.host }),
    ...(config.controlPort === undefined ? {} : { controlPort: config.controlPort }),
    ...(config.terminalApi === undefined ? {} : { terminalApi: config.terminalApi }),
    ...(config.requireEncryption === true ? { requireEncryption: true } : {}),
    ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
    ...(config.httpWaitMs === undefined ? {} : { httpWaitMs: config.httpWaitMs }),
  });
  if (!served.ok) {
    await recorder?.close();
    say(io, config.json, `a2a proxy: ${served.error}`);
    return 1;
  }
  const server = served.value;
  server.proxy.onEvent((event) => {
    recorder?.record(event);
    if (config.json) return;
    const line = describeProxyEvent(event);
    if (line !== undefined) io.stderr(line);
  });
  const { listenUrl, controlUrl, token, caFile } = server;
  const key = config.terminalApi?.key;
  io.stdout(
    config.json
      ? JSON.stringify({
          event: 'listening',
          listenUrl,
          upstream: config.upstream.url,
          controlUrl,
          token,
          ...(caFile === undefined ? {} : { caFile }),
        })
      : [
          'App2App Harness proxy — between your POS and your terminal',
          `  POS connects to   ${listenUrl}`,
          ...(caFile === undefined ? [] : [`  CA file (POS)     ${caFile}`]),
          ...(key === undefined
            ? []
            : [
                `  NexoCrypto        key ${key.keyIdentifier} v${String(key.keyVersion)}, both legs`,
              ]),
          `  Terminal          ${config.upstream.url}`,
          `  Control API       ${controlUrl}`,
          `  Token             ${token}`,
          `  Try               curl -H "Authorization: Bearer ${token}" ${controlUrl}/state`,
          'Ctrl+C stops it.',
        ].join('\n'),
  );
  if (!stop.aborted) {
    await new Promise((done) => stop.addEventListener('abort', done, { once: true }));
  }
  const latency = server.proxy.state().latency;
  await server.close();
  if (recorder === undefined) {
    if (!config.json) io.stderr(describeLatency(latency));
    return 0;
  }
  const closed = await recorder.close();
  if (!closed.ok) {
    say(io, config.json, closed.error);
    return 1;
  }
  if (config.json) return 0;
  io.stderr(describeLatency(latency));
  const verdict = await runCheck(config.tracePath ?? '', false, {
    stdout: (text) => io.stderr(text.trimEnd()),
    stderr: (line) => io.stderr(line),
  });
  return verdict === 0 ? 0 : 1;
}

/** The time the proxy added, per direction, in one line. */
function describeLatency(latency: ProxyStateSnapshot['latency']): string {
  const one = (name: string, s: LatencySummary): string =>
    s.count === 0
      ? `${name}: no messages`
      : `${name}: ${String(s.count)} messages, median ${String(s.medianMs)} ms, p99 ${String(s.p99Ms)} ms`;
  return `added latency: ${one('to the terminal', latency.toTerminal)}; ${one('to the POS', latency.toPos)}`;
}

/** `a2a proxy`: stand between a real POS and a real terminal. */
export function createProxyCommand(
  io: ProxyIo = {
    stdout: (line) => void process.stdout.write(`${line}\n`),
    stderr: (line) => void process.stderr.write(`${line}\n`),
  },
): RegisterCommand {
  return (program) => {
    const command = program
      .command('proxy')
      .description(
        'stand between a real POS and a real terminal: forward, record, judge, inject faults',
      )
      .option(
        '--listen <wire:port>',
        'where the POS connects: ws:PORT, tcp:PORT, http:PORT (Local API) or https:PORT (Terminal API); 0 = a free port',
      )
      .option(
        '--upstream <endpoint>',
        'the real terminal: tcp://HOST:PORT, ws://HOST:PORT/PATH, http://HOST:PORT or https://HOST:PORT/nexo',
      )
      .option('--host <address>', 'address the listening side binds (default 127.0.0.1)')
      .option(
        '--control-port <n>',
        'port of the control API when the POS side is not WebSocket (0 = free)',
      )
      .option(
        '--trace <file>',
        'record both legs as one trace; the verdicts on the POS print at the end',
      )
      .option('--no-mask', 'keep card data in clear in the trace (masked by default)')
      .option(
        '--json',
        'print one JSON line {"event":"listening","listenUrl","upstream","controlUrl","token"[,"caFile"]}',
      )
      .option(
        '--http-wait-ms <n>',
        'HTTP pairs: how long a POS request the terminal does not answer waits before 408 (30000)',
      )
      .option(
        '--require-encryption',
        'Terminal API pair: refuse clear-text requests from the POS, as a live terminal does',
      )
      .option(
        '--data-dir <dir>',
        `Terminal API pair: where the proxy's TLS identity for the POS is kept (${DEFAULT_DATA_DIR})`,
      );
    // --ca/--insecure trust the terminal; the key opens and seals both legs.
    addTerminalApiClientOptions(command)
      .addHelpText(
        'after',
        `
Pairs: ${SUPPORTED_PAIRS}.
Faults in the middle: POST {"fault":NAME,...} to CONTROL/faults with Authorization: Bearer TOKEN,
NAME one of dropNextResponse, approveThenDrop, busyNextLogins, ignoreNextRequests,
delayResponses, dropLink, dropUpstreamLink, clearFaults. GET CONTROL/state shows the pairs, the
armed faults, the added latency and the approvals the terminal reported.
Serves until SIGINT or SIGTERM.`,
      )
      .action(async (flags: ProxyFlags, command: Command) => {
        const parsed = parseProxyFlags(flags);
        if (!parsed.ok) command.error(`error: ${parsed.error}`, { exitCode: 2, code: 'a2a.usage' });
        await runUntilSignal((stop) => runProxy(parsed.value, io, stop));
      });
  };
}

/** The registered `proxy` command writing to the process's streams. */
export const proxyCommand: RegisterCommand = createProxyCommand();
