// Sequential TransactionStatus round trips per second through the whole client path, against a
// raw echo of a same-sized frame on the same wire in the same run.
import { WARM_UP_ROUND_TRIPS, rawEchoRoundTrips, rawTcpEchoRoundTrips } from '../echo.mjs';
import { startHarness } from '../harness.mjs';
import { round3 } from '../stats.mjs';

/** A TransactionStatus request as the client sends it, for the echo baseline. */
const STATUS_FRAME = JSON.stringify({
  SaleToPOIRequest: {
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
  },
});

/**
 * One case per wire: the same TransactionStatus round trips through the client and the
 * simulator, beside a raw echo on the same wire in the same run.
 * @param {{ name: string, wire: 'ws' | 'tcp', rawName: string, rawLabel: string,
 *   rawEcho: (frame: string, budgetMs: number) => Promise<{ count: number, elapsedMs: number }> }} spec
 * @returns {import('../runner.mjs').BenchCase}
 */
function statusCase({ name, wire, rawName, rawLabel, rawEcho }) {
  return {
    name,
    description: `sequential TransactionStatus round trips/s: client + session manager + ${wire} + simulator vs ${rawLabel}`,
    async run({ budgetMs, core, log }) {
      // The halves alternate in slices, so a change of machine load hits both alike and the
      // ratio stays meaningful on a busy machine.
      const slices = 4;
      const raw = { count: 0, elapsedMs: 0 };
      const harness = { count: 0, elapsedMs: 0 };
      for (let i = 0; i < slices; i++) {
        add(raw, await rawEcho(STATUS_FRAME, budgetMs / slices));
        add(harness, await harnessRoundTrips(core, budgetMs / slices, wire));
      }
      log(`${rawLabel}: ${raw.count} round trips; harness: ${harness.count} round trips`);
      const rawRate = (raw.count / raw.elapsedMs) * 1000;
      const harnessRate = (harness.count / harness.elapsedMs) * 1000;
      return [
        { name: 'harness', value: Math.round(harnessRate), unit: 'round trips/s' },
        { name: rawName, value: Math.round(rawRate), unit: 'round trips/s' },
        { name: 'ratio', value: round3(harnessRate / rawRate), unit: 'harness / raw' },
        { name: 'harnessMean', value: round3(harness.elapsedMs / harness.count), unit: 'ms' },
        { name: `${rawName}Mean`, value: round3(raw.elapsedMs / raw.count), unit: 'ms' },
      ];
    },
  };
}

export const statusRoundTrip = statusCase({
  name: 'status-roundtrip',
  wire: 'ws',
  rawName: 'rawWsEcho',
  rawLabel: 'raw ws echo',
  rawEcho: rawEchoRoundTrips,
});

export const statusRoundTripTcp = statusCase({
  name: 'status-roundtrip-tcp',
  wire: 'tcp',
  rawName: 'rawTcpEcho',
  rawLabel: 'raw length-prefixed TCP echo',
  rawEcho: rawTcpEchoRoundTrips,
});

/**
 * @param {any} core
 * @param {number} budgetMs
 * @param {'ws' | 'tcp'} wire
 */
async function harnessRoundTrips(core, budgetMs, wire) {
  const harness = await startHarness(core, { wire });
  try {
    // One approved payment, so each status repeats a real transaction (not a NotFound).
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
