import type { RunInfo } from '@shared/ipc';

/** What the harness plays right now, in one line. */
export function describeRun(run: RunInfo | null): string {
  if (run === null) return 'Role unknown';
  if (run.role === 'proxy') {
    const listen = run.proxy?.listenUrl ?? null;
    const upstream = run.proxy?.upstream ?? 'the terminal';
    return listen === null
      ? `Proxy role → ${upstream} (not listening)`
      : `Proxy role: ${listen} → ${upstream}`;
  }
  if (run.role === 'terminal')
    return run.nexoUrl === null ? 'Terminal role (starting)' : `Terminal role on ${run.nexoUrl}`;
  return run.peer?.kind === 'external'
    ? `Client role → ${run.peer.url}`
    : 'Client role → embedded simulator';
}
