import { once } from 'node:events';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type {
  CallChannel,
  CallRequest,
  CallResponse,
  HarnessEvent,
  ScenarioProgress,
} from '@shared/ipc';
import { callSchemas, harnessEventSchema } from '@shared/ipc/schemas';
import { CHECKER_NAMES } from '@shared/trace/checkers';
import type { TraceEvent } from '@shared/trace/events';
import { summariseMessage } from '@shared/trace/view';
import { createHarnessCore, type HarnessCore, type HarnessCoreOptions } from '../harness';
import { findBuiltInScenariosDir } from '../scenarios/built-in-dir';
import { payment } from '../simulator/testing/requests';
import { dispatchCall } from './dispatch';
import { recordEvents, type EventLog } from './testing/event-log';

const PACKS = resolve(import.meta.dirname, '../../../resources/scenarios');

let dataDir: string;
const cores: HarnessCore[] = [];
const sockets: WebSocket[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-scenarios-domain-'));
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const core of cores.splice(0)) await core.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function startCore(options: Partial<HarnessCoreOptions> = {}): {
  core: HarnessCore;
  log: EventLog;
} {
  const core = createHarnessCore({
    mode: 'browser',
    dataDir: join(dataDir, 'core'),
    batchWindowMs: 5,
    initial: { role: 'client', peer: 'embedded', settings: { initMs: 0 } },
    ...options,
  });
  cores.push(core);
  return { core, log: recordEvents(core) };
}

/** One call as a renderer makes it: payload validated, answer checked against its schema. */
async function call<C extends CallChannel>(
  core: HarnessCore,
  channel: C,
  ...payload: CallRequest<C> extends undefined ? [] : [CallRequest<C>]
) {
  const result = await dispatchCall(core.calls, channel, payload[0], (ch, error) => {
    throw new Error(`bug in ${ch}: ${String(error)}`);
  });
  if (!result.ok) return result;
  return { ok: true as const, value: callSchemas[channel].response.parse(result.value) };
}

async function value<C extends CallChannel>(
  core: HarnessCore,
  channel: C,
  ...payload: CallRequest<C> extends undefined ? [] : [CallRequest<C>]
): Promise<CallResponse<C>> {
  const result = await call(core, channel, ...payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

const progressOf = (log: EventLog, from = 0): ScenarioProgress[] =>
  log
    .all()
    .slice(from)
    .flatMap((e) => (e.type === 'scenarios' ? [e.progress] : []));

/** Waits for the greeting (it carries a `scenarios` snapshot), so marks come after it. */
const greeted = (log: EventLog): Promise<HarnessEvent> =>
  log.next((e) => e.type === 'scenarios' && e.progress.kind === 'snapshot');

const finished = (log: EventLog, from = 0): Promise<HarnessEvent> =>
  log.next((e) => e.type === 'scenarios' && e.progress.kind === 'finished', from);

describe('the scenarios domain', () => {
  it('finds the built-in packs from the sources and from the bundle (out/main/cli.js)', () => {
    expect(findBuiltInScenariosDir()).toBe(PACKS);
    const bundle = resolve(import.meta.dirname, '../../../out/main/cli.js');
    expect(findBuiltInScenariosDir(bundle)).toBe(PACKS);
    expect(findBuiltInScenariosDir('/')).toBeUndefined();
  });

  it('lists every built-in pack with its name, title, description and tags', async () => {
    const { core } = startCore();
    const catalogue = await value(core, 'scenarios:list');
    const files = (await readdir(PACKS)).filter((f) => f.endsWith('.json')).sort();

    expect(catalogue.problems).toEqual([]);
    expect(catalogue.scenarios.map((s) => `${s.name}.json`)).toEqual(files);
    expect(catalogue.scenarios.length).toBeGreaterThanOrEqual(16);
    const busy = catalogue.scenarios.find((s) => s.name === 'busy-at-start');
    expect(busy).toMatchObject({ source: 'builtIn', profile: 'app2app' });
    expect(busy?.title.length).toBeGreaterThan(0);
    expect(busy?.description.length).toBeGreaterThan(0);
    expect(busy?.tags.length).toBeGreaterThan(0);
    expect(busy?.steps).toBeGreaterThan(0);
  });

  it('runs one scenario with progress, verdicts and a trace fetched page by page', async () => {
    const { core, log } = startCore();
    await greeted(log);
    const from = log.mark();

    const batch = await value(core, 'scenarios:run', { names: ['busy-at-start'] });
    await finished(log, from);

    expect(progressOf(log, from).map((p) => p.kind)).toEqual([
      'started',
      'running',
      'result',
      'finished',
    ]);
    expect(batch).toMatchObject({ names: ['busy-at-start'], running: false, current: null });
    const [result] = batch.results;
    expect(result).toMatchObject({ name: 'busy-at-start', pass: true, failures: [], seed: 1 });
    expect(result?.steps.every((s) => s.status === 'passed')).toBe(true);
    expect(result?.verdicts.map((v) => v.checker)).toEqual([...CHECKER_NAMES]);
    expect(result?.verdicts.every((v) => v.pass)).toBe(true);
    expect(await value(core, 'scenarios:batch')).toEqual(batch);

    const events: TraceEvent[] = [];
    let afterSeq = 0;
    for (;;) {
      const page = await value(core, 'scenarios:trace', {
        batchId: batch.batchId,
        name: 'busy-at-start',
        afterSeq,
        limit: 10,
      });
      expect(page.header).toMatchObject({ role: 'scenario', scenario: 'busy-at-start' });
      events.push(...page.events);
      if (!page.more) break;
      afterSeq = page.events.at(-1)?.seq ?? afterSeq;
    }
    expect(events).toHaveLength(result?.events ?? -1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    // The verdicts point into this trace: every seq they name is one of its events.
    for (const verdict of result?.verdicts ?? [])
      for (const seq of verdict.events) expect(seq).toBeLessThanOrEqual(events.length);
    const busy = events.filter(
      (e) => e.kind === 'message' && summariseMessage(e).errorCondition === 'Busy',
    );
    expect(busy.length).toBeGreaterThan(0);
  });

  it('runs every scenario, one after another, each reported as it ends', async () => {
    const { core, log } = startCore();
    const { scenarios } = await value(core, 'scenarios:list');
    await greeted(log);
    const from = log.mark();

    const batch = await value(core, 'scenarios:run', { names: 'all' });
    const end = await finished(log, from);

    expect(batch.names).toEqual(scenarios.map((s) => s.name));
    expect(batch.results.map((r) => r.name)).toEqual(batch.names);
    expect(batch.results.filter((r) => !r.pass).map((r) => r.failures)).toEqual([]);
    const results = progressOf(log, from).flatMap((p) => (p.kind === 'result' ? [p.index] : []));
    expect(results).toEqual(scenarios.map((_, i) => i));
    expect(end).toMatchObject({
      progress: { kind: 'finished', passed: scenarios.length, failed: 0 },
    });
    for (const event of log.all().slice(from))
      expect(harnessEventSchema.safeParse(event).success).toBe(true);
  });

  it('runs one batch at a time and refuses unknown names and traces of older batches', async () => {
    const { core } = startCore();
    const first = value(core, 'scenarios:run', { names: ['login-first', 'busy-at-start'] });
    const second = await call(core, 'scenarios:run', { names: ['login-first'] });
    expect(second).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('running') },
    });
    const done = await first;

    expect(await call(core, 'scenarios:run', { names: ['no-such-scenario'] })).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('no-such-scenario') },
    });
    expect(await call(core, 'scenarios:run', { names: [] })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });

    await value(core, 'scenarios:run', { names: ['login-first'] });
    expect(
      await call(core, 'scenarios:trace', {
        batchId: done.batchId,
        name: 'login-first',
        afterSeq: 0,
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('only the last batch') },
    });
  });

  it('adds custom scenario files: a failing one reports its step; an invalid one is a problem', async () => {
    const failing = join(dataDir, 'expects-a-decline.json');
    await writeFile(
      failing,
      JSON.stringify({
        format: 'a2a-scenario',
        version: 1,
        name: 'expects-a-decline',
        title: 'Expects a decline that never comes',
        description: 'A payment of 12.50 is approved; the scenario wrongly expects a decline.',
        tags: ['custom'],
        simulator: { initMs: 0 },
        steps: [
          { kind: 'pay', id: 'p1', amount: '12.50' },
          { kind: 'expectOutcome', of: 'p1', outcome: 'declined' },
        ],
      }),
    );
    const broken = join(dataDir, 'broken.json');
    await writeFile(broken, JSON.stringify({ format: 'a2a-scenario', version: 1, steps: [{}] }));
    const { core } = startCore({ scenarios: { custom: [failing, broken] } });

    const catalogue = await value(core, 'scenarios:list');
    expect(catalogue.scenarios.find((s) => s.name === 'expects-a-decline')).toMatchObject({
      source: 'custom',
    });
    expect(catalogue.problems).toEqual([expect.stringContaining('broken.json')]);

    const batch = await value(core, 'scenarios:run', { names: ['expects-a-decline'] });
    const [result] = batch.results;
    expect(result?.pass).toBe(false);
    expect(result?.failures[0]).toMatch(/^step 1 \(/);
    expect(result?.steps[1]).toMatchObject({ status: 'failed', kind: 'expectOutcome' });
  });

  it('reports a runner that throws as a failed scenario, and the batch goes on', async () => {
    const { core } = startCore({
      scenarios: {
        runOne: () => Promise.reject(new Error('boom')),
      },
    });
    const batch = await value(core, 'scenarios:run', { names: ['login-first', 'busy-at-start'] });
    expect(batch.results.map((r) => [r.name, r.pass, r.failures])).toEqual([
      ['login-first', false, ['the runner failed: boom']],
      ['busy-at-start', false, ['the runner failed: boom']],
    ]);
  });

  it('greets a new subscriber with the last batch and the live verdicts', async () => {
    const { core } = startCore();
    const batch = await value(core, 'scenarios:run', { names: ['login-first'] });
    const late = recordEvents(core);
    const snapshot = await late.next((e) => e.type === 'scenarios');
    const verdicts = await late.next((e) => e.type === 'verdicts');
    late.stop();
    expect(snapshot).toEqual({ type: 'scenarios', progress: { kind: 'snapshot', batch } });
    expect(verdicts.type === 'verdicts' && verdicts.verdicts.runId).toBe(
      (await value(core, 'trace:status')).runId,
    );
  });
});

describe('live verdicts', () => {
  it('judge the reference client in client role: every checker passes once it is ready', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const current = await value(core, 'verdicts:current');
    expect(current.verdicts.map((v) => v.checker)).toEqual([...CHECKER_NAMES]);
    expect(current).toMatchObject({ pass: true });
    expect(current.throughSeq).toBeGreaterThan(0);
  });

  it('in terminal role, catch an external POS that pays before logging in', async () => {
    const { core, log } = startCore();
    const info = await value(core, 'simulator:configure', {
      role: 'terminal',
      port: 0,
      settings: { initMs: 0 },
    });
    const from = log.mark();
    const pos = new WebSocket(info.nexoUrl ?? '');
    sockets.push(pos);
    await once(pos, 'open');

    pos.send(JSON.stringify(payment('P1')));

    const pushed = await log.next(
      (e) => e.type === 'verdicts' && e.verdicts.verdicts.some((v) => !v.pass),
      from,
    );
    if (pushed.type !== 'verdicts') throw new Error('unreachable');
    const request = log
      .trace()
      .find(
        (e) =>
          e.kind === 'message' &&
          e.direction === 'toPoi' &&
          summariseMessage(e).category === 'Payment',
      );
    const [broken] = pushed.verdicts.verdicts.filter((v) => !v.pass);
    expect(broken).toMatchObject({ checker: 'login-before-requests', pass: false });
    expect(broken?.events).toContain(request?.seq);
    expect(pushed.verdicts.runId).toBe((await value(core, 'trace:status')).runId);

    const current = await value(core, 'verdicts:current');
    expect(current.pass).toBe(false);
    expect(current.verdicts.find((v) => !v.pass)?.checker).toBe('login-before-requests');
  });
});
