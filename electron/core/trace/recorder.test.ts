import { mkdtemp, readFile, rm, appendFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '@shared/time/virtual-clock';
import type { EventBody } from '@shared/trace/events';
import { parseTrace } from '@shared/trace/reader';
import { HARNESS_VERSION } from '../version';
import { readTraceFile } from './file-reader';
import { createTraceRecorder, type TraceRecorder, type TraceRecorderOptions } from './recorder';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-trace-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEADER = { role: 'client', profile: 'app2app', policy: { paymentTimeoutMs: 3000 } } as const;

function session(n: number): EventBody {
  return { kind: 'session', from: `s${n}`, to: `s${n + 1}`, reason: 'test' };
}

async function open(
  clock: VirtualClock,
  extra: Partial<TraceRecorderOptions> = {},
): Promise<TraceRecorder> {
  const created = await createTraceRecorder({
    path: join(dir, 't.jsonl'),
    clock,
    header: HEADER,
    ...extra,
  });
  if (!created.ok) throw new Error(created.error);
  return created.value;
}

async function fileEvents(): Promise<readonly { seq: number; kind: string }[]> {
  const parsed = parseTrace(await readFile(join(dir, 't.jsonl'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return parsed.value.events;
}

describe('createTraceRecorder', () => {
  it('writes the header at once, then the events in call order', async () => {
    const clock = new VirtualClock();
    const recorder = await open(clock);
    const onDisk = parseTrace(await readFile(recorder.path, 'utf8'));
    expect(onDisk.ok && onDisk.value.header).toMatchObject({
      format: 'a2a-trace',
      version: 1,
      harnessVersion: HARNESS_VERSION,
      createdAt: '2026-01-01T00:00:00.000Z',
      role: 'client',
      profile: 'app2app',
      policy: { paymentTimeoutMs: 3000 },
      masked: true,
    });
    expect(onDisk.ok && onDisk.value.events).toEqual([]);

    // Three producers (client, session runner, simulator) share one sink.
    const sink = recorder.record;
    sink(session(1));
    clock.advance(10);
    sink({ kind: 'fault', name: 'restart', phase: 'applied' });
    sink({ kind: 'lifecycle', from: 'ready', to: 'initialising', reason: 'restart', version: '1' });
    expect((await recorder.close()).ok).toBe(true);

    const events = await fileEvents();
    expect(events.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'session'],
      [2, 'fault'],
      [3, 'lifecycle'],
    ]);
    expect(events[1]).toMatchObject({ t: 10, at: '2026-01-01T00:00:00.010Z' });
    expect(recorder.recorded()).toBe(3);
  });

  it('schedules one write per batch: after the batch interval, or at once when the batch is full', async () => {
    const clock = new VirtualClock();
    const recorder = await open(clock, { batchMs: 50, batchMax: 4 });
    recorder.record(session(1));
    recorder.record(session(2));
    expect(clock.pending()).toBe(1);
    expect(clock.nextDue()).toBe(50);
    clock.advance(50);
    expect(clock.pending()).toBe(0);
    await recorder.flush();
    expect(await fileEvents()).toHaveLength(2);

    for (let n = 3; n <= 6; n++) recorder.record(session(n));
    // The fourth queued event filled the batch: it went out without waiting for the timer.
    expect(clock.pending()).toBe(0);
    await recorder.flush();
    expect(await fileEvents()).toHaveLength(6);
    await recorder.close();
  });

  it('keeps only the chosen side of the wire, without seq gaps', async () => {
    const clock = new VirtualClock();
    const recorder = await open(clock, { observers: ['pos'] });
    for (const observer of ['pos', 'poi'] as const) {
      recorder.record({ kind: 'link', observer, link: 'L1', change: 'opened' });
      recorder.record({ kind: 'message', observer, direction: 'toPoi', link: 'L1', json: {} });
    }
    recorder.record(session(1));
    await recorder.close();
    const events = await fileEvents();
    expect(events.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'link'],
      [2, 'message'],
      [3, 'session'],
    ]);
    expect(events.every((e) => !('observer' in e) || e.observer === 'pos')).toBe(true);
  });

  it('leaves a readable trace when the process dies in the middle of a write', async () => {
    const clock = new VirtualClock();
    const recorder = await open(clock);
    recorder.record(session(1));
    recorder.record(session(2));
    await recorder.flush();
    // What a crash during the next batch's write leaves behind: half a line.
    await appendFile(recorder.path, '{"seq":3,"t":0,"at":"2026-01-01T00:00:00.000Z","ki');
    const read = await readTraceFile(recorder.path);
    expect(read.ok && read.value.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(read.ok && read.value.warnings).toEqual([{ line: 4, reason: expect.any(String) }]);
    await recorder.close();
  });

  it('reports a path it cannot create as a value', async () => {
    const clock = new VirtualClock();
    const missing = await createTraceRecorder({
      path: join(dir, 'no', 'such', 'folder', 't.jsonl'),
      clock,
      header: HEADER,
    });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error).toMatch(/cannot create trace/);

    await mkdir(join(dir, 'folder'));
    const folder = await createTraceRecorder({ path: join(dir, 'folder'), clock, header: HEADER });
    expect(folder.ok).toBe(false);
  });

  it('closes once and counts events that arrive afterwards as dropped', async () => {
    const clock = new VirtualClock();
    const recorder = await open(clock);
    recorder.record(session(1));
    const [first, second] = await Promise.all([recorder.close(), recorder.close()]);
    expect(first).toEqual({ ok: true, value: undefined });
    expect(second).toEqual(first);
    recorder.record(session(2));
    expect(recorder.dropped()).toBe(1);
    expect(await fileEvents()).toHaveLength(1);
  });

  it('masks card data on disk unless asked not to', async () => {
    const PAN = '5555555555554444';
    const message: EventBody = {
      kind: 'message',
      observer: 'pos',
      direction: 'toPoi',
      link: 'L1',
      json: { PaymentRequest: { CardData: { SensitiveCardData: { PAN, ExpiryDate: '0129' } } } },
    };
    for (const mask of [true, false]) {
      const recorder = await open(new VirtualClock(), mask ? {} : { mask: false });
      recorder.record(message);
      await recorder.close();
      const text = await readFile(recorder.path, 'utf8');
      expect(recorder.header.masked).toBe(mask);
      expect(text.includes(PAN)).toBe(!mask);
      expect(text.includes('555555******4444')).toBe(mask);
    }
  });
});

describe('readTraceFile', () => {
  it('tells a file it cannot read from a corrupt one', async () => {
    const missing = await readTraceFile(join(dir, 'missing.jsonl'));
    expect(!missing.ok && missing.error.kind).toBe('unreadable');

    const folder = await readTraceFile(dir);
    expect(!folder.ok && folder.error).toMatchObject({ kind: 'unreadable' });

    const clock = new VirtualClock();
    const recorder = await open(clock);
    recorder.record(session(1));
    recorder.record(session(2));
    await recorder.close();
    const text = await readFile(recorder.path, 'utf8');
    await appendFile(recorder.path, text.split('\n')[1] + '\n');
    const corrupt = await readTraceFile(recorder.path);
    expect(!corrupt.ok && corrupt.error).toEqual({
      kind: 'corrupt',
      line: 4,
      reason: 'seq 1 out of order (expected 3)',
    });

    const tooBig = await readTraceFile(recorder.path, 10);
    expect(!tooBig.ok && tooBig.error.kind).toBe('unreadable');
  });
});
