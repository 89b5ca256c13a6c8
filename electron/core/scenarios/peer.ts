import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '@shared/scenario';
import { seededRandom } from '@shared/time/random';
import { WIRE_LABELS, type Wire } from '@shared/link/endpoint';
import { dialerForUrl } from '../link/dial';
import type { Dialer } from '../link/link';
import { addressOf, createSimulator, freePortFor, type Simulator } from '../simulator';
import type { TimeDriver } from './time-driver';
import type { PeerTerminalApi } from './types';

/** Where an embedded simulator keeps its TLS identity when the run names no folder (reused). */
const DEFAULT_TLS_DIR = join(tmpdir(), 'a2a-harness-scenarios');

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
 * virtual time, on a loopback socket of the given wire in real time), or nothing at all for an
 * external endpoint, whose own profile and timings are whatever that terminal has.
 */
export async function openPeer(
  scenario: Scenario,
  driver: TimeDriver,
  seed: number,
  endpoint: string | undefined,
  wire: Wire = 'ws',
  terminalApi: PeerTerminalApi = {},
): Promise<Peer> {
  if (endpoint !== undefined) {
    const dialer = dialerForUrl(endpoint, { terminalApi });
    if (!dialer.ok) throw new RangeError(dialer.error);
    return {
      kind: 'external',
      dialer: dialer.value,
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
    ...(terminalApi.key === undefined ? {} : { terminalApi: { key: terminalApi.key } }),
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
    const listening = await simulator.listen({
      ...freePortFor(wire),
      dataDir: terminalApi.dataDir ?? DEFAULT_TLS_DIR,
    });
    const url = addressOf(listening, wire);
    if (url === undefined) throw new Error(`the simulator has no ${WIRE_LABELS[wire]} front`);
    const dialer = dialerForUrl(url, {
      terminalApi: {
        ...terminalApi,
        ...(listening.caFile === undefined ? {} : { caFile: listening.caFile }),
      },
    });
    if (!dialer.ok) throw new Error(dialer.error);
    return {
      kind: 'embedded',
      simulator,
      dialer: dialer.value,
      url,
      close: () => simulator.close(),
    };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}
