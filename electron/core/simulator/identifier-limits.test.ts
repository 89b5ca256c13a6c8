import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MAX_IDENTIFIER_CHARS } from '@shared/protocol';
import { VirtualClock } from '@shared/time/virtual-clock';
import { seededRandom } from '@shared/time/random';
import { DuplicateGuard } from './duplicate-guard';
import { createSimulator } from './simulator';
import { startSim } from './testing/sim-fixture';
import * as req from './testing/requests';

/** Logins with an over-long ServiceID, and the characters of each. */
const LOGINS = 100;
const ID_CHARS = 256 * 1024;
/**
 * The heap growth allowed once garbage is collected: a quarter of what keeping the identifiers
 * would cost (one byte per character at the very least), so keeping them fails the test and
 * anything the simulator legitimately keeps per Login (its small bounded history) does not.
 */
const HEAP_BOUND_BYTES = (LOGINS * ID_CHARS) / 4;

/**
 * A full garbage collection: what is measured after it is what is still reachable, not what a
 * lazy collector has not reclaimed yet. V8 exposes `gc` to a fresh context once the flag is set.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('identifiers longer than the protocol allows', () => {
  it('answers a ServiceID over 10 characters, an over-long SaleID or POIID with MessageFormat', async () => {
    const fx = await startSim();
    try {
      fx.ready();
      const pos = await fx.connect();
      pos.send(req.login('ABCDEFGHIJK'));
      const serviceId = await pos.frames.next();
      expect([serviceId.result, serviceId.errorCondition]).toEqual(['Failure', 'MessageFormat']);
      expect(serviceId.get('LoginResponse.Response.AdditionalResponse')).toBe(
        'Invalid field $.SaleToPOIRequest.MessageHeader.ServiceID: 11 characters; the limit is 10',
      );
      pos.send(req.login('L1', 'S'.repeat(MAX_IDENTIFIER_CHARS + 1)));
      expect((await pos.frames.next()).get('LoginResponse.Response.AdditionalResponse')).toMatch(
        /MessageHeader\.SaleID: 65 characters; the limit is 64/,
      );
      // Nothing was stored: the same ServiceID with a valid header logs in.
      pos.send(req.login('ABCDEFGHIJ'));
      expect((await pos.frames.next()).result).toBe('Success');
    } finally {
      await fx.close();
    }
  });

  it('refuses Logins with 256 KB ServiceIDs without keeping them', async () => {
    const sim = createSimulator({
      clock: new VirtualClock(),
      random: seededRandom(9),
      settings: { initMs: 0 },
    });
    // A subscriber from the start: events held for a first subscriber would otherwise count.
    sim.onEvent(() => undefined);
    try {
      const dialed = await sim.memoryDialer()();
      if (!dialed.ok) throw new Error(dialed.error);
      const link = dialed.value;
      let refused = 0;
      let answer: (() => void) | undefined;
      link.onMessage((text) => {
        if (text.includes('"ErrorCondition":"MessageFormat"')) refused += 1;
        answer?.();
      });
      const filler = 'X'.repeat(ID_CHARS);
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      // One at a time, as a POS waits for each answer: what is measured is what the simulator keeps.
      for (let i = 0; i < LOGINS; i += 1) {
        const answered = new Promise<void>((resolve) => (answer = resolve));
        link.send(JSON.stringify(req.login(`${String(i).padStart(4, '0')}${filler}`)));
        await answered;
      }
      collectGarbage();
      const grown = process.memoryUsage().heapUsed - before;
      expect(refused).toBe(LOGINS);
      expect(grown).toBeLessThan(HEAP_BOUND_BYTES);
    } finally {
      await sim.close();
    }
    // 25 MB of JSON to parse and two full collections: seconds on a loaded machine; a budget,
    // not a timing.
  }, 60_000);
});

describe('the duplicate guard', () => {
  it('keeps at most its capacity, forgetting the oldest first', () => {
    const guard = new DuplicateGuard('window', 60_000, 3);
    for (const id of ['A', 'B', 'C', 'D']) expect(guard.isRepeated('S', id, 0)).toBe(false);
    // A was the oldest and is forgotten; B, C and D are still known.
    expect(guard.isRepeated('S', 'A', 1)).toBe(false);
    expect(guard.isRepeated('S', 'D', 1)).toBe(true);
  });
});
