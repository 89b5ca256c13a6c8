import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './paths';

/** `a2a web` running as its own process, as a user starts it. */
export interface WebHostProcess {
  /** The URL it printed, token included. */
  readonly url: string;
  /** Everything it wrote on stderr so far (refusals, rejected frames). */
  readonly stderr: () => string;
  /** Sends SIGTERM and resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** `a2a web --timing`: `fast` for specs whose story does not depend on how long things take. */
export type HostTiming = 'realistic' | 'fast';

/**
 * Starts `node bin/a2a.mjs web --port 0 --json --timing TIMING` and waits for its one listening
 * line.
 */
export async function startWebHostProcess(
  timing: HostTiming = 'realistic',
): Promise<WebHostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'a2a.mjs'), 'web', '--port', '0', '--json', '--timing', timing],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    once(lines, 'line') as Promise<[string]>,
    exited.then(([code]) => {
      throw new Error(`a2a web exited (${String(code)}) before listening: ${stderr}`);
    }),
  ]);
  const listening = JSON.parse(first[0]) as { event: string; url: string };
  if (listening.event !== 'listening') throw new Error(`unexpected first line: ${first[0]}`);
  return {
    url: listening.url,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await exited;
      return code;
    },
  };
}
