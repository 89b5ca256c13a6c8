import { describe, expect, it } from 'vitest';
import type { EventBody } from '@shared/trace/events';
import { VirtualClock } from '@shared/time/virtual-clock';
import { createRunTrace } from './run-trace';

const fault: EventBody = { kind: 'fault', name: 'logout', phase: 'applied' };
const linkOf = (observer: 'pos' | 'poi'): EventBody => ({
  kind: 'link',
  observer,
  change: 'opened',
  link: 'L1',
});

function trace() {
  const skips: number[] = [];
  const run = createRunTrace({
    runId: 'r1',
    clock: new VirtualClock(),
    header: { harnessVersion: '0.0.0', role: 'client', profile: 'app2app', policy: {} },
    observers: ['pos'],
    recording: true,
    onEvent: () => undefined,
    onSkipped: (n) => skips.push(n),
  });
  return { run, skips };
}

describe('a run trace with recording paused', () => {
  it('keeps nothing and counts what it skipped, only events the trace would have kept', () => {
    const { run, skips } = trace();
    run.record(fault);
    run.setRecording(false);
    run.record(fault);
    run.record(linkOf('poi'));
    run.record(linkOf('pos'));
    expect(run.lastSeq()).toBe(1);
    expect(run.skipped()).toBe(2);
    expect(skips).toEqual([1, 2]);
  });

  it('starts the count again at each pause, and says 0 while recording', () => {
    const { run } = trace();
    run.setRecording(false);
    run.record(fault);
    run.setRecording(true);
    expect(run.skipped()).toBe(0);
    run.record(fault);
    run.setRecording(false);
    expect(run.skipped()).toBe(0);
    run.record(fault);
    expect(run.skipped()).toBe(1);
    expect(run.lastSeq()).toBe(1);
  });
});
