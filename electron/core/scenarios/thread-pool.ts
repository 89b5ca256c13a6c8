import { Worker } from 'node:worker_threads';
import type { FuzzPool, RunSummary } from './fuzz';

/** What the pool sends a worker, and what the worker answers. */
export interface WorkerRequest {
  readonly id: number;
  readonly seed: number;
}
export interface WorkerAnswer {
  readonly id: number;
  readonly summary?: RunSummary;
  readonly error?: string;
}

/**
 * A fuzz pool of `size` worker threads, each running `entry` (the bundled `fuzz-worker` entry,
 * which plays a seed's schedule against the reference client and answers its summary). Each
 * lane owns one worker, so a run never waits for another lane's.
 */
export function threadPool(size: number, entry: URL): FuzzPool {
  const workers: readonly Worker[] = Array.from({ length: size }, () => new Worker(entry));
  const idle = [...workers];
  const waiting = new Map<
    number,
    { resolve: (s: RunSummary) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  for (const worker of workers) {
    worker.on('message', (answer: WorkerAnswer) => {
      const pending = waiting.get(answer.id);
      waiting.delete(answer.id);
      idle.push(worker);
      if (answer.summary !== undefined) pending?.resolve(answer.summary);
      else pending?.reject(new Error(answer.error ?? 'the fuzz worker answered nothing'));
    });
    worker.on('error', (error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
  }
  return {
    lanes: size,
    run(seed) {
      const worker = idle.pop();
      // Lanes never outnumber workers, and a lane waits for its run before the next.
      if (worker === undefined) return Promise.reject(new Error('no idle fuzz worker'));
      const id = nextId++;
      return new Promise<RunSummary>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const request: WorkerRequest = { id, seed };
        worker.postMessage(request);
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
