// Time from a dropped link to `ready` again: reconnect (with the policy's jittered backoff),
// then Login, as the session manager does it after a real cable pull.
import { nextReady, startHarness } from '../harness.mjs';
import { median, percentile, round3 } from '../stats.mjs';

const MIN_SAMPLES = 10;
const MAX_SAMPLES = 500;

/**
 * @param {string} name
 * @param {string} description
 * @param {Record<string, unknown>} policy
 * @returns {import('../runner.mjs').BenchCase}
 */
function reconnectCase(name, description, policy) {
  return {
    name,
    description,
    async run({ budgetMs, core }) {
      const harness = await startHarness(core, { policy, seed: 7 });
      const samples = [];
      try {
        const start = performance.now();
        while (
          samples.length < MAX_SAMPLES &&
          (samples.length < MIN_SAMPLES || performance.now() - start < budgetMs)
        ) {
          const ready = nextReady(harness.manager);
          const dropped = performance.now();
          const applied = harness.simulator.apply({ fault: 'dropLink', linkId: 'all' });
          if (!applied.ok) throw new Error(`dropLink failed: ${applied.error}`);
          await ready;
          samples.push(performance.now() - dropped);
        }
      } finally {
        await harness.close();
      }
      return [
        { name: 'median', value: round3(median(samples)), unit: 'ms' },
        { name: 'p95', value: round3(percentile(samples, 95)), unit: 'ms' },
        { name: 'max', value: round3(Math.max(...samples)), unit: 'ms' },
        { name: 'samples', value: samples.length, unit: 'drops' },
      ];
    },
  };
}

/** With the default policy: what a user sees (full jitter between 0 and 250 ms first). */
export const reconnect = reconnectCase(
  'reconnect',
  'dropped link → ready again, default policy (jittered reconnect backoff + Login)',
  {},
);

/** With no backoff: the machinery alone (detect the drop, dial, Login, answer). */
export const reconnectNoBackoff = reconnectCase(
  'reconnect-no-backoff',
  'dropped link → ready again, reconnect delay 0 (detection + dial + Login only)',
  { reconnectInitialDelayMs: 0, reconnectMaxDelayMs: 0 },
);
