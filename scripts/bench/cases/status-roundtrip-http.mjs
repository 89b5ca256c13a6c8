// Sequential TransactionStatus round trips per second through the whole client path over
// Market Pay's Local API (a sync POST /status each), against a raw keep-alive HTTP POST echo of
// a same-sized body in the same run.
import { WARM_UP_ROUND_TRIPS } from '../echo.mjs';
import { startHarness } from '../harness.mjs';
import { httpEchoRoundTrips } from '../http-echo.mjs';
import { round3 } from '../stats.mjs';

/** A flat TransactionStatus request as the client's HTTP link posts it, for the echo baseline. */
const STATUS_BODY = JSON.stringify({
  MessageHeader: {
    ProtocolVersion: '3.1',
    MessageClass: 'Service',
    MessageCategory: 'TransactionStatus',
    MessageType: 'Request',
    ServiceID: '1A2B3C4D5E',
    SaleID: 'A2A-POS',
    POIID: 'A2A-SIM-001',
  },
  TransactionStatusRequest: {},
});

/** @type {import('../runner.mjs').BenchCase} */
export const statusRoundTripHttp = {
  name: 'status-roundtrip-http',
  description:
    'sequential TransactionStatus round trips/s: client + session manager + Local API HTTP + simulator vs raw keep-alive HTTP POST echo',
  async run({ budgetMs, core, log }) {
    // The halves alternate in slices, so a change of machine load hits both alike.
    const slices = 4;
    const raw = { count: 0, elapsedMs: 0 };
    const harness = { count: 0, elapsedMs: 0 };
    for (let i = 0; i < slices; i++) {
      add(raw, await httpEchoRoundTrips(STATUS_BODY, budgetMs / slices));
      add(harness, await harnessRoundTrips(core, budgetMs / slices));
    }
    log(`raw HTTP echo: ${raw.count} round trips; harness: ${harness.count} round trips`);
    const rawRate = (raw.count / raw.elapsedMs) * 1000;
    const harnessRate = (harness.count / harness.elapsedMs) * 1000;
    return [
      { name: 'harness', value: Math.round(harnessRate), unit: 'round trips/s' },
      { name: 'rawHttpEcho', value: Math.round(rawRate), unit: 'round trips/s' },
      { name: 'ratio', value: round3(harnessRate / rawRate), unit: 'harness / raw' },
      { name: 'harnessMean', value: round3(harness.elapsedMs / harness.count), unit: 'ms' },
      { name: 'rawHttpEchoMean', value: round3(raw.elapsedMs / raw.count), unit: 'ms' },
    ];
  },
};

/**
 * @param {any} core
 * @param {number} budgetMs
 */
async function harnessRoundTrips(core, budgetMs) {
  const harness = await startHarness(core, { wire: 'local-api' });
  try {
    // One approved payment (POST /payment, then polling), so each status repeats a real one.
    const paid = await harness.manager.pay({ amountMinor: 1000, currency: 'EUR' });
    if (paid.kind !== 'approved') throw new Error(`the setup payment ended ${paid.kind}`);
    const status = async () => {
      const outcome = await harness.manager.status({});
      if (outcome.kind !== 'succeeded') {
        throw new Error(`a status round trip ended ${outcome.kind}: ${outcome.reason ?? ''}`);
      }
    };
    for (let i = 0; i < WARM_UP_ROUND_TRIPS; i++) await status();
    const start = performance.now();
    let count = 0;
    while (performance.now() - start < budgetMs) {
      await status();
      count += 1;
    }
    return { count, elapsedMs: performance.now() - start };
  } finally {
    await harness.close();
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
