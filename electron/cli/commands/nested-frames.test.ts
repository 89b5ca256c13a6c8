import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { parseTrace } from '@shared/trace/reader';
import type { TraceEvent } from '@shared/trace/events';
import { createSimulator, type Simulator } from '../../core/simulator';
import { connectPos } from '../../core/simulator/testing/pos-client';
import * as req from '../../core/simulator/testing/requests';
import { RealClock } from '../../core/time/real-clock';
import { createTraceRecorder } from '../../core/trace/recorder';
import { runInProcess } from '../testing/in-process';
import { createCheckCommand } from './check';
import { createExecCommand } from './exec';

/** The depths the hostile-frame probes used: shallow-but-over, stack-breaking, absurd. */
const DEPTHS = [100, 3000, 100_000] as const;

function nestedFrame(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

let dir: string;
let sim: Simulator | undefined;
const closers: (() => Promise<void> | void)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-nested-'));
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await sim?.close();
  sim = undefined;
  await rm(dir, { recursive: true, force: true });
  process.exitCode = undefined;
});

async function readEvents(path: string): Promise<readonly TraceEvent[]> {
  const parsed = parseTrace(await readFile(path, 'utf8'));
  if (!parsed.ok) throw new Error(`line ${parsed.error.line}: ${parsed.error.reason}`);
  expect(parsed.value.warnings).toEqual([]);
  return parsed.value.events;
}

function expectNoGap(events: readonly TraceEvent[]): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
}

async function check(path: string): Promise<number> {
  return (await runInProcess(['check', path], (io) => [createCheckCommand(io)])).code;
}

describe('nested frames into the simulator', () => {
  it('are rejected, the link stays usable and its trace has no gap and passes a2a check', async () => {
    const clock = new RealClock();
    const path = join(dir, 'sim.jsonl');
    const recorder = await createTraceRecorder({
      path,
      clock,
      observers: ['poi'],
      header: { role: 'terminal', profile: 'app2app', policy: {} },
    });
    if (!recorder.ok) throw new Error(recorder.error);
    sim = createSimulator({ clock, settings: { initMs: 0 } });
    sim.onEvent(recorder.value.record);
    const { nexoUrl } = await sim.listen();
    const pos = await connectPos(nexoUrl);
    for (const depth of DEPTHS) {
      pos.sendText(nestedFrame(depth));
      const reject = await pos.frames.next();
      expect(reject.get('EventNotification.EventToNotify')).toBe('Reject');
      expect(reject.get('EventNotification.EventDetails')).toMatch(/nested\+deeper\+than\+64/);
    }
    pos.send(req.login('L1'));
    expect((await pos.frames.next()).result).toBe('Success');
    pos.close();
    await pos.closed;
    await sim.close();
    expect(await recorder.value.close()).toEqual({ ok: true, value: undefined });

    const events = await readEvents(path);
    expectNoGap(events);
    const inbound = events.filter((e) => e.kind === 'message' && e.direction === 'toPoi');
    // Each nested frame is a row with its text (the first bytes are what a person reads).
    expect(inbound.slice(0, 3).map((e) => e.kind === 'message' && e.text?.slice(0, 3))).toEqual([
      '[[[',
      '[[[',
      '[[[',
    ]);
    expect(await check(path)).toBe(0);
    // Real sockets and up to 200 KB frames: a budget for a loaded machine, not a timing.
  }, 60_000);
});

/**
 * An external terminal that sends a nested frame of each depth to the POS before each answer
 * of the real simulator behind it.
 */
async function hostileTerminal(target: string): Promise<string> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  );
  server.on('connection', (pos) => {
    const upstream = new WebSocket(target);
    const pending: string[] = [];
    upstream.on('open', () => {
      for (const text of pending.splice(0)) upstream.send(text);
    });
    pos.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else pending.push(text);
    });
    upstream.on('message', (data: Buffer) => {
      for (const depth of DEPTHS) pos.send(nestedFrame(depth));
      pos.send(data.toString('utf8'));
    });
    pos.on('close', () => upstream.close());
    upstream.on('close', () => pos.close());
  });
  const { port } = server.address() as { port: number };
  return `ws://127.0.0.1:${String(port)}/nexo`;
}

describe('nested frames into the client', () => {
  it('a2a exec --trace completes its steps, and its trace has no gap and passes a2a check', async () => {
    sim = createSimulator({
      clock: new RealClock(),
      settings: { initMs: 0, cardMs: 5, authMs: 5 },
    });
    const { nexoUrl } = await sim.listen();
    const endpoint = await hostileTerminal(nexoUrl);
    const path = join(dir, 'exec.jsonl');
    const result = await runInProcess(
      ['exec', '--endpoint', endpoint, '--trace', path, '--json', 'login', 'pay:1.00', 'status'],
      (io) => [createExecCommand(io)],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const outcomes = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{"op"'))
      .map((line) => (JSON.parse(line) as { outcome: string }).outcome);
    expect(outcomes).toEqual(['succeeded', 'approved', 'succeeded']);

    const events = await readEvents(path);
    expectNoGap(events);
    const nested = events.filter(
      (e) => e.kind === 'message' && e.direction === 'toPos' && e.text?.startsWith('[[[') === true,
    );
    expect(nested.length).toBeGreaterThanOrEqual(DEPTHS.length * 3);
    expect(await check(path)).toBe(0);
    // Real sockets and up to 200 KB frames: a budget for a loaded machine, not a timing.
  }, 60_000);
});
