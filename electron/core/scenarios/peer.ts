import type { Scenario } from '@shared/scenario';
import { seededRandom } from '@shared/time/random';
import type { Dialer } from '../link/link';
import { wsDialer } from '../link/ws-link';
import { createSimulator, type Simulator } from '../simulator';
import type { TimeDriver } from './time-driver';

/** The payment application a scenario runs against. */
export interface Peer {
  readonly kind: 'embedded' | 'external';
  /** The embedded simulator (absent for an external endpoint). */
  readonly simulator?: Simulator;
  /** How the session manager reaches it. */
  readonly dialer: Dialer;
  /** Where it listens (`memory` for an in-memory simulator). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the peer: the embedded simulator with the scenario's profile and settings (in memory in
 * virtual time, on a loopback WebSocket in real time), or nothing at all for an external
 * endpoint, whose own profile and timings are whatever that terminal has.
 */
export async function openPeer(
  scenario: Scenario,
  driver: TimeDriver,
  seed: number,
  endpoint: string | undefined,
): Promise<Peer> {
  if (endpoint !== undefined) {
    return {
      kind: 'external',
      dialer: wsDialer(endpoint),
      url: endpoint,
      close: () => Promise.resolve(),
    };
  }
  const simulator = createSimulator({
    clock: driver.clock,
    profile: scenario.profile,
    settings: scenario.simulator,
    // Its own stream, so the client's jitter and the terminal's ids do not shift each other.
    random: seededRandom((seed ^ 0x5eed) >>> 0),
  });
  if (driver.mode === 'virtual') {
    return {
      kind: 'embedded',
      simulator,
      dialer: simulator.memoryDialer(),
      url: 'memory',
      close: () => simulator.close(),
    };
  }
  try {
    const { nexoUrl } = await simulator.listen({ port: 0 });
    return {
      kind: 'embedded',
      simulator,
      dialer: wsDialer(nexoUrl),
      url: nexoUrl,
      close: () => simulator.close(),
    };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}
