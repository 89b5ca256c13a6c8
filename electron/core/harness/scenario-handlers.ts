import type { CallHandlers } from '@shared/ipc';
import { err, ok } from '@shared/result';
import type { LiveVerdictsMonitor } from './live-verdicts';
import type { Runtime } from './runtime';
import type { ScenarioBatches } from './scenario-batches';
import type { ScenarioCatalogueStore } from './scenario-catalogue';

/** The calls of the scenarios panel and the live verdicts (README "Scenarios panel", "Live verdicts"). */
export type ScenarioChannel =
  'scenarios:list' | 'scenarios:run' | 'scenarios:batch' | 'scenarios:trace' | 'verdicts:current';

/** Their handlers: the part of the core's handler table this module answers. */
export type ScenarioCallHandlers = Pick<CallHandlers, ScenarioChannel>;

/** What the handlers work on. */
export interface ScenarioHandlerDeps {
  readonly catalogue: ScenarioCatalogueStore;
  readonly batches: ScenarioBatches;
  readonly verdicts: LiveVerdictsMonitor;
  readonly runtime: Pick<Runtime, 'settled'>;
}

const unavailable = (message: string) => err({ kind: 'unavailable' as const, message });

/** One handler per scenarios and verdicts call; expected failures are `unavailable` values. */
export function createScenarioHandlers(deps: ScenarioHandlerDeps): ScenarioCallHandlers {
  const { catalogue, batches, verdicts, runtime } = deps;
  return {
    'scenarios:list': async () => ok(await catalogue.list()),
    'scenarios:run': async (request) => {
      const ran = await batches.run(request);
      return ran.ok ? ok(ran.value) : unavailable(ran.error);
    },
    'scenarios:batch': () => Promise.resolve(ok(batches.batch())),
    'scenarios:trace': (request) => {
      const page = batches.trace(request);
      return Promise.resolve(page.ok ? ok(page.value) : unavailable(page.error));
    },
    'verdicts:current': async () => {
      // After a role change the verdicts judge the new run.
      await runtime.settled();
      return ok(verdicts.current());
    },
  };
}
