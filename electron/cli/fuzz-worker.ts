import { parentPort } from 'node:worker_threads';
import { inThreadPool } from '../core/scenarios/fuzz';
import type { WorkerAnswer, WorkerRequest } from '../core/scenarios/thread-pool';

/**
 * The entry of one `a2a fuzz --workers` thread: plays each seed it is sent against the
 * reference client and every checker, and answers the run's summary.
 */
const pool = inThreadPool();
const port = parentPort;
port?.on('message', (request: WorkerRequest) => {
  pool.run(request.seed).then(
    (summary) => port.postMessage({ id: request.id, summary } satisfies WorkerAnswer),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies WorkerAnswer),
  );
});
