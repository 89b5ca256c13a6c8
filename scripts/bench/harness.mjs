// Starts the real pieces a user runs: the simulator on a loopback port of the chosen wire and
// the reference client's session manager dialling it through dialerFor, all on the real clock.

const READY_TIMEOUT_MS = 15_000;

/**
 * @typedef {{ manager: any, simulator: any, clock: any, close: () => Promise<void> }} Harness
 */

/**
 * @param {any} core the bundled core (see scripts/bench.mjs)
 * @param {{ policy?: Record<string, unknown>, settings?: Record<string, unknown>, seed?: number, wire?: 'ws' | 'tcp' | 'local-api' }} [options]
 * @returns {Promise<Harness>}
 */
export async function startHarness(core, options = {}) {
  const clock = new core.RealClock();
  // No start-up BUSY and instant card/authorisation: the benchmark measures the harness, not
  // the simulated terminal's think time.
  const simulator = core.createSimulator({
    clock,
    settings: { initMs: 0, cardMs: 0, authMs: 0, ...options.settings },
  });
  const wire = options.wire ?? 'ws';
  const url = core.addressOf(await simulator.listen(core.freePortFor(wire)), wire);
  const dialer = core.dialerForUrl(url ?? '');
  if (!dialer.ok) throw new Error(`no ${wire} front: ${dialer.error}`);
  const manager = core.createSessionManager({
    clock,
    random: core.seededRandom(options.seed ?? 1),
    dialer: dialer.value,
    policy: options.policy ?? {},
  });
  const ready = nextReady(manager);
  manager.start();
  await ready;
  return {
    manager,
    simulator,
    clock,
    close: async () => {
      await manager.stop();
      await simulator.close();
    },
  };
}

/**
 * Resolves at the manager's next transition to `ready`; rejects after a generous bound so a
 * broken build ends the run instead of hanging it.
 * @param {any} manager
 * @returns {Promise<void>}
 */
export function nextReady(manager) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`the session did not become ready within ${READY_TIMEOUT_MS} ms`));
    }, READY_TIMEOUT_MS);
    const off = manager.onEvent((/** @type {any} */ event) => {
      if (event.kind === 'session' && event.to === 'ready') {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}
