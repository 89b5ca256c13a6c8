import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { z } from 'zod';
import { err, ok, type Result } from '@shared/result';
import { createHarnessCore } from '../../core/harness';
import { formatLogJson, formatLogLine } from '../../web/log';
import { parseLoopbackHost, startWebHost } from '../../web/web-host';
import type { RegisterCommand } from '../program';

/** Where the built renderer sits next to the bundled CLI (`out/main/cli.js` → `out/renderer`). */
function defaultRendererDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
}

/** Validated `a2a web` settings. */
export interface WebConfig {
  readonly port: number;
  readonly host: string;
  readonly json: boolean;
  readonly rendererDir: string;
}

/** Where `a2a web` writes (injectable so tests run the command in-process). */
export interface WebIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

const portSchema = z.coerce.number().int().min(0).max(65535);

/** Validates the flags of `a2a web`. */
export function parseWebOptions(options: {
  readonly port: string;
  readonly host: string;
  readonly json?: boolean;
}): Result<Omit<WebConfig, 'rendererDir'>, string> {
  const port = portSchema.safeParse(options.port.trim() === '' ? 'x' : options.port);
  if (!port.success)
    return err(`--port must be a whole number from 0 to 65535, not "${options.port}"`);
  const host = parseLoopbackHost(options.host);
  if (!host.ok) return host;
  return ok({ port: port.data, host: host.value, json: options.json === true });
}

/**
 * Runs browser mode until `stop` aborts: prints the URL to open (with `--json`, exactly one JSON
 * line `{"event":"listening","url":...}` on stdout), logs refused connections and rejected frames
 * on stderr, and resolves to the exit code (0 after a clean stop, 1 when it could not start).
 */
export async function runWeb(config: WebConfig, io: WebIo, stop: AbortSignal): Promise<number> {
  const core = createHarnessCore({ mode: 'browser' });
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
  if (!stop.aborted)
    await new Promise((done) => stop.addEventListener('abort', done, { once: true }));
  await host.close();
  core.close();
  return 0;
}

/** `a2a web`: browser mode, the harness in any browser on this machine. */
export function createWebCommand(
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
      .addHelpText(
        'after',
        `
The URL carries a random per-run token; the page passes it to the API socket (/api). Connections
without the token (401) or from another site's page (403) are refused and logged on stderr.
Serves until SIGINT or SIGTERM, then exits 0. Needs a built renderer (npm run build).`,
      )
      .action(async (options: { port: string; host: string; json?: boolean }, command: Command) => {
        const parsed = parseWebOptions(options);
        if (!parsed.ok) command.error(`error: ${parsed.error}`, { exitCode: 2, code: 'a2a.usage' });
        const stop = new AbortController();
        const onSignal = (): void => stop.abort();
        // `on`, not `once`: a terminal's Ctrl+C also reaches us through `npm start`, so a second
        // signal may come while closing; it must not kill the process with the default handler.
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        try {
          process.exitCode = await runWeb(
            { ...parsed.value, rendererDir: defaultRendererDir() },
            io,
            stop.signal,
          );
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      });
  };
}

/** The registered `web` command writing to the process's streams. */
export const webCommand: RegisterCommand = createWebCommand();
