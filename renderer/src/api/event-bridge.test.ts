import { describe, expect, it } from 'vitest';
import type { EventsPage, HarnessEvent, RunInfo, SimulatorInfo } from '@shared/ipc';
import { DEFAULT_SIMULATOR_SETTINGS, PROFILES } from '@shared/simulator/profiles';
import { buildTraceHeader } from '@shared/trace/format';
import type { LedgerEntry } from '@shared/trace/events';
import { recoveryStory } from '../features/timeline/trace-fixtures';
import { allRows } from '../features/timeline/timeline-rows';
import { createHarnessStore } from '../store/harness-store';
import { selectArmedFaults, selectProxyLatency, selectSimulatorRuns } from '../store/selectors';
import { createFakeApi } from '../testing/fake-api';
import { connectEventStream } from './event-bridge';

const story = recoveryStory().events;
const header = buildTraceHeader(
  { harnessVersion: '0.1.0', role: 'client', profile: 'app2app', policy: {} },
  Date.UTC(2026, 0, 1),
  true,
);

function run(runId: string, role: RunInfo['role'] = 'client'): RunInfo {
  return {
    runId,
    role,
    peer: role === 'client' ? { kind: 'embedded' } : null,
    nexoUrl: 'ws://127.0.0.1:4100/nexo',
    profile: 'app2app',
    header,
  };
}

const hello = (runId: string, lastSeq: number): HarnessEvent => ({
  type: 'hello',
  at: '2026-01-01T00:00:00.000Z',
  runId,
  lastSeq,
});
const traced = (...seqs: number[]): HarnessEvent[] =>
  seqs.map((seq) => ({ type: 'trace', event: story[seq - 1]! }));

/** events:since over the story, in pages of `size`. */
function backlog(runId: string, upTo: number, size = 3) {
  return (request: { afterSeq: number }): { ok: true; value: EventsPage } => {
    const events = story.slice(request.afterSeq, Math.min(request.afterSeq + size, upTo));
    return {
      ok: true,
      value: { runId, events, lastSeq: upTo, more: request.afterSeq + events.length < upTo },
    };
  };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const seqs = (store: ReturnType<typeof createHarnessStore>) =>
  allRows(store.getState().timeline).map((r) => r.seq);

describe('the event bridge', () => {
  it('catches up on a run already under way, in pages, before streamed events', async () => {
    const fake = createFakeApi({ 'events:since': backlog('r1', 10) });
    const store = createHarnessStore();
    connectEventStream(fake.api, store);
    fake.hold();

    fake.push([hello('r1', 10), { type: 'run', run: run('r1') }, ...traced(11, 12)]);
    // The backlog is not in yet: streamed events wait instead of jumping the queue.
    expect(seqs(store)).toEqual([]);
    for (let page = 0; page < 4; page++) {
      fake.release();
      await settle();
      fake.hold();
    }
    fake.push(traced(13));
    fake.release();
    await settle();

    expect(seqs(store)).toEqual(story.slice(0, 13).map((e) => e.seq));
    expect(fake.requests('events:since')).toEqual([
      { afterSeq: 0 },
      { afterSeq: 3 },
      { afterSeq: 6 },
      { afterSeq: 9 },
    ]);
    expect(store.getState().sessionView.seq).toBe(13);
    expect(store.getState().run?.runId).toBe('r1');
    expect(store.getState().sessionProfile).toBe('app2app');
  });

  it('starts over when a new run begins, and does not fetch what it already has', async () => {
    const fake = createFakeApi({ 'events:since': backlog('r1', 4) });
    const store = createHarnessStore();
    connectEventStream(fake.api, store);
    fake.push([hello('r1', 4), { type: 'run', run: run('r1') }, ...traced(5)]);
    await settle();
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5]);

    // The old run's last event and the new run arrive in one batch.
    fake.push([...traced(6), { type: 'run', run: run('r2', 'terminal') }, ...traced(1, 2)]);
    expect(seqs(store)).toEqual([1, 2]);
    expect(store.getState().run?.role).toBe('terminal');
    expect(store.getState().sessionView.seq).toBe(2);

    // A reconnect greets again; nothing is missing, so nothing is fetched.
    const fetched = fake.requests('events:since').length;
    fake.push([hello('r2', 2)]);
    await settle();
    expect(fake.requests('events:since')).toHaveLength(fetched);
    expect(seqs(store)).toEqual([1, 2]);
  });

  it('keeps the core’s session, simulator, faults and recording, and fetches a changed ledger', async () => {
    const ledger: LedgerEntry[] = [
      {
        saleId: 'POS-1',
        saleTransactionId: 'T1',
        poiTransactionId: 'P1',
        serviceId: 'S3',
        amountMinor: 1250,
        authorisedMinor: 1250,
        currency: 'EUR',
        result: 'approved',
        reversed: false,
        at: '2026-01-01T00:00:00.000Z',
      },
    ];
    const fake = createFakeApi({ 'simulator:ledger': () => ({ ok: true, value: ledger }) });
    const store = createHarnessStore();
    connectEventStream(fake.api, store);
    const simulator: SimulatorInfo = {
      role: 'client',
      peer: { kind: 'embedded' },
      nexoUrl: 'ws://127.0.0.1:4100/nexo',
      simulator: {
        lifecycle: 'ready',
        version: '1.0.0',
        profile: 'app2app',
        knobs: PROFILES.app2app.knobs,
        settings: DEFAULT_SIMULATOR_SETTINGS,
        links: [],
        sessions: [],
        payment: null,
        faults: {
          busyNextLogins: 0,
          dropNextResponse: [],
          delayResponses: {},
          approveThenDrop: false,
          restartDuringPayment: null,
          nextPaymentOutcome: null,
        },
        ledgerSize: 1,
        listening: null,
      },
    };
    fake.push([
      { type: 'simulator', simulator },
      { type: 'recording', recording: false, skipped: 0 },
      {
        type: 'faults',
        faults: [{ fault: 'update', label: 'Update payment app', description: 'd', enabled: true }],
      },
    ]);
    await settle();
    expect(store.getState().ledger).toEqual(ledger);
    expect(store.getState().recording).toBe(false);
    expect(store.getState().faults).toHaveLength(1);
    expect(store.getState().eventsReceived).toBe(3);

    // No embedded simulator (external peer): no ledger.
    fake.push([{ type: 'simulator', simulator: { ...simulator, simulator: null } }]);
    expect(store.getState().ledger).toBeNull();
    expect(fake.requests('simulator:ledger')).toHaveLength(1);
  });

  it("in proxy role keeps the ledger the terminal reported, and the proxy's armed faults and latency", () => {
    const fake = createFakeApi({});
    const store = createHarnessStore();
    connectEventStream(fake.api, store);
    const reported: LedgerEntry[] = [];
    store.getState().setLedger(reported);
    const proxy: SimulatorInfo = {
      role: 'proxy',
      peer: null,
      nexoUrl: null,
      simulator: null,
      proxy: {
        faults: {
          busyNextLogins: 0,
          ignoreNextRequests: 2,
          dropNextResponse: [],
          delayResponses: {},
          approveThenDrop: true,
        },
        latency: {
          toTerminal: { count: 3, medianMs: 0.2, p99Ms: 0.9 },
          toPos: { count: 0, medianMs: null, p99Ms: null },
        },
      },
    };
    fake.push([{ type: 'simulator', simulator: proxy }]);
    const state = store.getState();
    expect(state.ledger).toBe(reported);
    expect(selectArmedFaults(state)).toMatchObject({
      ignoreNextRequests: 2,
      approveThenDrop: true,
    });
    expect(selectSimulatorRuns(state)).toBe(false);
    expect(selectProxyLatency(state)?.toTerminal).toEqual({ count: 3, medianMs: 0.2, p99Ms: 0.9 });
  });
});
