// TransactionStatus round trips through the proxy versus straight to the same simulator, in the
// same run, per wire pair; and the latency the proxy itself says it added (median, p99).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARM_UP_ROUND_TRIPS } from '../echo.mjs';
import { nextReady } from '../harness.mjs';
import { round3 } from '../stats.mjs';

/** POS side → terminal side: every pair the proxy joins (README "The proxy role"). */
const PAIRS = [
  ['ws', 'ws'],
  ['ws', 'tcp'],
  ['tcp', 'ws'],
  ['tcp', 'tcp'],
  ['local-api', 'local-api'],
  ['terminal-api', 'terminal-api'],
];

/** The Terminal API pair runs under NexoCrypto, as a live terminal does: both legs pay for it. */
const KEY = { keyIdentifier: 'benchKey', keyVersion: 1, passphrase: 'bench passphrase' };

/** @type {import('../runner.mjs').BenchCase} */
export const proxyRoundTrip = {
  name: 'proxy-roundtrip',
  description:
    'TransactionStatus round trips/s through a2a proxy vs straight to the same simulator, per wire pair; added latency',
  async run({ budgetMs, core: bundled, log }) {
    // The bundled core is untyped here, as in the other cases' helpers.
    /** @type {any} */
    const core = bundled;
    const results = [];
    const perPair = budgetMs / PAIRS.length;
    // The TLS identity (an RSA key) is made once for the run and shared by every HTTPS front.
    const dataDir = await mkdtemp(join(tmpdir(), 'a2a-bench-proxy-'));
    try {
      for (const [listen, upstream] of PAIRS) {
        const clock = new core.RealClock();
        const simulator = core.createSimulator({
          clock,
          settings: { initMs: 0, cardMs: 0, authMs: 0 },
          terminalApi: { key: KEY },
        });
        const listening = await simulator.listen({
          port: 0,
          tcpPort: 0,
          httpPort: 0,
          httpsPort: 0,
          dataDir,
        });
        const terminal = unwrap(core.parseEndpoint(core.addressOf(listening, upstream)));
        const tapi = listen === 'terminal-api';
        const served = unwrap(
          await core.serveProxy({
            clock,
            listen: { wire: listen, port: 0 },
            upstream: terminal,
            ...(tapi ? { terminalApi: { caFile: listening.caFile, key: KEY }, dataDir } : {}),
          }),
        );
        const proxied = unwrap(core.parseEndpoint(served.listenUrl));
        const direct = unwrap(core.parseEndpoint(core.addressOf(listening, listen)));
        /** @param {any} endpoint @param {string | undefined} caFile */
        const dialer = (endpoint, caFile) =>
          core.dialerFor(endpoint, tapi ? { terminalApi: { caFile, key: KEY } } : {});
        try {
          // The halves alternate in slices so a change of machine load hits both alike.
          const slices = 4;
          const straight = { count: 0, elapsedMs: 0 };
          const through = { count: 0, elapsedMs: 0 };
          for (let i = 0; i < slices; i++) {
            add(
              straight,
              await roundTrips(
                core,
                clock,
                dialer(direct, listening.caFile),
                perPair / (2 * slices),
              ),
            );
            add(
              through,
              await roundTrips(core, clock, dialer(proxied, served.caFile), perPair / (2 * slices)),
            );
          }
          const straightRate = (straight.count / straight.elapsedMs) * 1000;
          const throughRate = (through.count / through.elapsedMs) * 1000;
          const latency = served.proxy.state().latency;
          const pair = `${listen}→${upstream}`;
          log(
            `${pair}: ${straight.count} straight, ${through.count} through the proxy, ratio ${round3(throughRate / straightRate)}`,
          );
          results.push(
            { name: `${pair} proxied`, value: Math.round(throughRate), unit: 'round trips/s' },
            { name: `${pair} straight`, value: Math.round(straightRate), unit: 'round trips/s' },
            {
              name: `${pair} ratio`,
              value: round3(throughRate / straightRate),
              unit: 'proxied / straight',
            },
            {
              name: `${pair} added toTerminal p50`,
              value: latency.toTerminal.medianMs ?? 0,
              unit: 'ms',
            },
            {
              name: `${pair} added toTerminal p99`,
              value: latency.toTerminal.p99Ms ?? 0,
              unit: 'ms',
            },
            { name: `${pair} added toPos p50`, value: latency.toPos.medianMs ?? 0, unit: 'ms' },
            { name: `${pair} added toPos p99`, value: latency.toPos.p99Ms ?? 0, unit: 'ms' },
          );
        } finally {
          await served.close();
          await simulator.close();
        }
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    return results;
  },
};

/**
 * @template T
 * @param {{ ok: true, value: T } | { ok: false, error: string }} result
 * @returns {T}
 */
function unwrap(result) {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

let seed = 0;

/**
 * @param {any} core
 * @param {any} clock
 * @param {any} dialer
 * @param {number} budgetMs
 */
async function roundTrips(core, clock, dialer, budgetMs) {
  // Every run its own POS: the same simulator refuses a ServiceID that POS used before.
  seed += 1;
  const manager = core.createSessionManager({
    clock,
    saleId: `BENCH-${String(seed)}`,
    random: core.seededRandom(seed),
    dialer,
    policy: {},
  });
  const ready = nextReady(manager);
  manager.start();
  await ready;
  try {
    const status = async () => {
      const outcome = await manager.status({});
      // NotFound on a fresh terminal is still a full round trip: what is measured is the path.
      if (outcome.kind === 'failed')
        throw new Error(`a status round trip failed: ${outcome.reason ?? ''}`);
    };
    for (let i = 0; i < WARM_UP_ROUND_TRIPS / 10; i++) await status();
    const start = performance.now();
    let count = 0;
    while (performance.now() - start < budgetMs) {
      await status();
      count += 1;
    }
    return { count, elapsedMs: performance.now() - start };
  } finally {
    await manager.stop();
  }
}

/**
 * @param {{ count: number, elapsedMs: number }} total
 * @param {{ count: number, elapsedMs: number }} part
 */
function add(total, part) {
  total.count += part.count;
  total.elapsedMs += part.elapsedMs;
}
