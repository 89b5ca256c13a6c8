/**
 * Runs a long-lived command until SIGINT or SIGTERM: `run` gets a signal that aborts on the
 * first of them and resolves to the exit code, which becomes the process's.
 */
export async function runUntilSignal(run: (stop: AbortSignal) => Promise<number>): Promise<void> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    process.exitCode = await run(stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
