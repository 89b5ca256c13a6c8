import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './paths';

/** `a2a simulator` running as its own process: the "real terminal" behind a proxy. */
export interface SimulatorProcess {
  /** Its WebSocket address (`ws://127.0.0.1:PORT/nexo`). */
  readonly nexoUrl: string;
  /** Sends SIGTERM and resolves to the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `node bin/a2a.mjs simulator --port 0 --json` with the given extra flags and waits for its
 * one listening line.
 */
export async function startSimulatorProcess(
  flags: readonly string[] = [],
): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'a2a.mjs'), 'simulator', '--port', '0', '--json', ...flags],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const parsed = JSON.parse(line) as { event: string; nexoUrl?: string };
    if (parsed.event === 'listening' && parsed.nexoUrl !== undefined) {
      return {
        nexoUrl: parsed.nexoUrl,
        async stop() {
          if (child.exitCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          const [code] = await exited;
          return code;
        },
      };
    }
  }
  const [code] = await exited;
  throw new Error(`a2a simulator exited (${String(code)}) before listening: ${stderr}`);
}
