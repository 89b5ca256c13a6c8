import type { ProfileName, SimulatorSettings } from '@shared/simulator/profiles';
import { VirtualClock } from '@shared/time/virtual-clock';
import { seededRandom } from '@shared/time/random';
import type { EventBody, EventKind, EventOf } from '@shared/trace/events';
import { createSimulator, type Listening, type Simulator } from '../simulator';
import { connectPos, is, type TestPos } from './pos-client';
import * as req from './requests';

/** A listening simulator in virtual time, with its events and the POS clients a test opened. */
export interface SimFixture {
  readonly clock: VirtualClock;
  readonly sim: Simulator;
  readonly events: EventBody[];
  readonly listening: Listening;
  readonly settings: SimulatorSettings;
  /** A new POS over a real WebSocket. */
  connect(): Promise<TestPos>;
  /** Lets the initialisation elapse. */
  ready(): void;
  /** A POS that connected (after `ready()`) and logged in with `saleId`. */
  loggedIn(saleId?: string, serviceId?: string): Promise<TestPos>;
  /** Events of one kind, in order. */
  eventsOf<K extends EventKind>(kind: K): EventOf<K>[];
  close(): Promise<void>;
}

export interface FixtureOptions {
  readonly profile?: ProfileName;
  readonly settings?: Partial<SimulatorSettings>;
}

export async function startSim(options: FixtureOptions = {}): Promise<SimFixture> {
  const clock = new VirtualClock();
  const sim = createSimulator({
    clock,
    random: seededRandom(7),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const events: EventBody[] = [];
  sim.onEvent((e) => events.push(e));
  const listening = await sim.listen();
  const settings = sim.state().settings;
  const clients: TestPos[] = [];
  const connect = async (): Promise<TestPos> => {
    const pos = await connectPos(listening.nexoUrl);
    clients.push(pos);
    return pos;
  };
  return {
    clock,
    sim,
    events,
    listening,
    settings,
    connect,
    ready: () => clock.advance(settings.initMs),
    async loggedIn(saleId = req.SALE_ID, serviceId = `L${saleId}`) {
      if (sim.state().lifecycle === 'initialising') clock.advance(settings.initMs);
      const pos = await connect();
      pos.send(req.login(serviceId, saleId));
      const answer = await pos.frames.next();
      if (!is.response('Login', serviceId)(answer) || answer.result !== 'Success') {
        throw new Error(`login failed: ${answer.text}`);
      }
      return pos;
    },
    eventsOf: <K extends EventKind>(kind: K) =>
      events.filter((e): e is EventOf<K> => e.kind === kind),
    async close() {
      for (const pos of clients) pos.close();
      await sim.close();
    },
  };
}
