import { describe, expect, it, vi } from 'vitest';
import type { HarnessEvent, LiveVerdicts } from '@shared/ipc';
import { VirtualClock } from '@shared/time/virtual-clock';
import type { EventBody } from '@shared/trace/events';
import { login, payment } from '../simulator/testing/requests';
import { createLiveVerdicts } from './live-verdicts';
import { createRunTrace, type RunTrace } from './run-trace';

const header = {
  harnessVersion: '0.0.0-test',
  role: 'terminal',
  profile: 'app2app',
  policy: {},
} as const;

/** A terminal-role run trace (the simulator's view) on a virtual clock. */
function terminalRun(clock: VirtualClock, runId = 'run-1'): RunTrace {
  return createRunTrace({
    runId,
    clock,
    header,
    observers: ['poi'],
    recording: true,
    onEvent: () => undefined,
  });
}

const toPoi = (json: unknown): EventBody => ({
  kind: 'message',
  observer: 'poi',
  direction: 'toPoi',
  link: 'L1',
  json,
});

function setup(options: { cost?: number; tick?: number } = {}) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  let run = terminalRun(clock);
  const pushed: LiveVerdicts[] = [];
  // A fake stopwatch read twice per judgement (before and after): each judgement "takes" `cost`
  // ms, so the adaptive pause can be seen.
  let reads = 0;
  let watch = 0;
  const monitor = createLiveVerdicts({
    clock,
    run: () => run,
    publish: (event) => {
      if (event.type === 'verdicts') pushed.push(event.verdicts);
    },
    measure: () => {
      reads += 1;
      if (options.tick !== undefined) watch += options.tick;
      else if (reads % 2 === 0) watch += options.cost ?? 0;
      return watch;
    },
  });
  /** Records an event the way the runtime does: stamped, then published. */
  const record = (body: EventBody): void => {
    run.record(body);
    const event = run.events().at(-1);
    if (event !== undefined) monitor.observe({ type: 'trace', event });
  };
  const newRun = (runId: string): void => {
    run = terminalRun(clock, runId);
    const event: HarnessEvent = {
      type: 'run',
      run: {
        runId,
        role: 'terminal',
        peer: null,
        nexoUrl: null,
        profile: 'app2app',
        header: run.header,
      },
    };
    monitor.observe(event);
  };
  return { clock, monitor, pushed, record, newRun, judgements: () => reads / 2 };
}

const failing = (v: LiveVerdicts) => v.verdicts.filter((verdict) => !verdict.pass);

describe('live verdicts', () => {
  it('judges the live trace and names the offending event: a Payment before any Login', () => {
    const { clock, pushed, record } = setup();
    record({ kind: 'link', observer: 'poi', link: 'L1', change: 'opened' });
    record(toPoi(payment('P1')));
    clock.advance(0);

    expect(pushed).toHaveLength(1);
    const [rule] = failing(pushed[0]!);
    expect(rule).toMatchObject({ checker: 'login-before-requests', pass: false });
    expect(rule?.events).toContain(2);
    expect(pushed[0]).toMatchObject({ runId: 'run-1', throughSeq: 2, pass: false });
  });

  it('judges at most every 250 ms while events stream in, and never loses the last ones', () => {
    const { clock, record, judgements, monitor } = setup();
    record(toPoi(login('1')));
    clock.advance(0);
    expect(judgements()).toBe(1);

    for (let i = 0; i < 20; i++) {
      record(toPoi(payment(`P${i}`)));
      clock.advance(10);
    }
    // 200 ms passed: still inside the pause after the first judgement.
    expect(judgements()).toBe(1);
    clock.advance(50);
    expect(judgements()).toBe(2);
    expect(monitor.current().throughSeq).toBe(21);
    // Nothing new: no judgement, however long we wait.
    clock.advance(10_000);
    expect(judgements()).toBe(2);
  });

  it('pushes only when the verdicts change', () => {
    const { clock, record, pushed } = setup();
    record(toPoi(payment('P1')));
    clock.advance(0);
    record({ kind: 'lifecycle', from: 'ready', to: 'ready', reason: 'noop', version: '1' });
    clock.advance(300);
    // The second judgement saw the same violation: nothing new to push.
    expect(pushed).toHaveLength(1);
  });

  it('spaces judgements out when judging gets expensive (at most a fifth of the time)', () => {
    const { clock, record, judgements } = setup({ cost: 200 });
    record(toPoi(login('1')));
    clock.advance(0);
    expect(judgements()).toBe(1);
    record(toPoi(payment('P1')));
    // A 200 ms judgement buys a 1000 ms pause, not 250 ms.
    clock.advance(999);
    expect(judgements()).toBe(1);
    clock.advance(1);
    expect(judgements()).toBe(2);
  });

  it('starts over for a new run at once, and current() judges what arrived since', () => {
    const { clock, record, pushed, newRun, monitor } = setup();
    record(toPoi(payment('P1')));
    clock.advance(0);
    newRun('run-2');
    clock.advance(0);
    expect(pushed.at(-1)).toMatchObject({ runId: 'run-2', throughSeq: 0, pass: true });

    record(toPoi(payment('P9')));
    // No timer has fired yet, but an explicit question gets a fresh answer.
    expect(monitor.current()).toMatchObject({ runId: 'run-2', throughSeq: 1, pass: false });
  });

  it('reads a backlog in slices, yielding to the core between them, and loses nothing', () => {
    // Every look at the stopwatch "takes" 3 ms: a slice gives the thread back after 10 ms.
    const { clock, record, pushed } = setup({ tick: 3 });
    record(toPoi(payment('P0')));
    for (let i = 1; i < 2000; i++) {
      record({ kind: 'lifecycle', from: 'ready', to: 'ready', reason: `noop ${i}`, version: '1' });
    }
    const timers = vi.spyOn(clock, 'setTimeout');
    clock.advance(0);
    // Each slice read about a thousand events, then handed the thread back (a timer of 0 ms).
    expect(timers.mock.calls.filter(([, ms]) => ms === 0).length).toBeGreaterThanOrEqual(1);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ throughSeq: 2000, pass: false });
    expect(failing(pushed[0]!)[0]).toMatchObject({
      checker: 'login-before-requests',
      events: [1],
    });
  });

  it('keeps a verdict resting on an event long before the latest judgement', () => {
    const { clock, record, pushed } = setup();
    record({ kind: 'link', observer: 'poi', link: 'L1', change: 'opened' });
    record(toPoi(payment('P1')));
    clock.advance(0);
    for (let i = 0; i < 5; i++) {
      record(toPoi(login(`L${i}`)));
      clock.advance(300);
    }
    // Later judgements read only the Logins, yet the early Payment still fails the rule.
    expect(pushed.at(-1)).toMatchObject({ throughSeq: 7, pass: false });
    expect(failing(pushed.at(-1)!)[0]?.events).toContain(2);
  });

  it('stops judging when closed', () => {
    const { clock, record, pushed, monitor } = setup();
    monitor.close();
    record(toPoi(payment('P1')));
    clock.advance(1_000);
    expect(pushed).toEqual([]);
    expect(clock.pending()).toBe(0);
  });
});
