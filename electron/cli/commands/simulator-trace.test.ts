import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '@shared/time/random';
import { wsDialer } from '../../core/link/ws-link';
import { blindResendManager } from '../../core/scenarios/testing/blind-resend-manager';
import { createSessionManager, type SessionManager } from '../../core/session';
import type { ManagerFactory } from '../../core/scenarios/types';
import { RealClock } from '../../core/time/real-clock';
import { readTraceFile } from '../../core/trace/file-reader';
import { runCheck, type CheckReport } from './check';
import { parseSimulatorFlags, runSimulator } from './simulator';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'a2a-sim-trace-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface Listening {
  readonly nexoUrl: string;
  readonly controlUrl: string;
  readonly token: string;
}

function nextReady(manager: SessionManager): Promise<void> {
  return new Promise((resolve) => {
    const off = manager.onEvent((event) => {
      if (event.kind === 'session' && event.to === 'ready') {
        off();
        resolve();
      }
    });
  });
}

/**
 * Runs `a2a simulator --trace FILE --json` in-process with somebody else's POS (played here by
 * `pos`) paying once after an approve-then-drop fault, then judges the file with `a2a check`.
 */
async function recordForeignPos(pos: ManagerFactory) {
  const tracePath = join(folder, 'terminal.jsonl');
  const parsed = parseSimulatorFlags({
    port: '0',
    profile: 'app2app',
    initMs: '0',
    cardMs: '0',
    authMs: '0',
    json: true,
    trace: tracePath,
  });
  if (!parsed.ok) throw new Error(parsed.error);
  let listened: (line: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (listened = resolve));
  const errors: string[] = [];
  const stop = new AbortController();
  const exit = runSimulator(
    parsed.value,
    { stdout: (line) => listened(line), stderr: (line) => errors.push(line) },
    stop.signal,
  );
  const { nexoUrl, controlUrl, token } = JSON.parse(await listening) as Listening;

  const manager = pos({
    clock: new RealClock(),
    random: seededRandom(1),
    dialer: wsDialer(nexoUrl),
    policy: { paymentTimeoutMs: 300 },
  });
  const ready = nextReady(manager);
  manager.start();
  await ready;
  const fault = await fetch(`${controlUrl}/faults`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ fault: 'approveThenDrop' }),
  });
  expect(fault.status).toBe(200);
  const outcome = await manager.pay({
    amountMinor: 1250,
    currency: 'EUR',
    saleTransactionId: 'S1',
  });
  await manager.stop();
  stop.abort();
  expect(await exit).toBe(0);
  expect(errors).toEqual([]);

  const out: string[] = [];
  const code = await runCheck(tracePath, true, {
    stdout: (text) => out.push(text),
    stderr: (line) => out.push(line),
  });
  return { tracePath, outcome, code, report: JSON.parse(out.join('')) as CheckReport };
}

describe('a2a simulator --trace', () => {
  it("records what the simulator sees, so a2a check names a foreign POS's double charge", async () => {
    const { tracePath, outcome, code, report } = await recordForeignPos(blindResendManager);
    expect(outcome.kind).toBe('approved');
    expect(code).toBe(1);
    expect(report.role).toBe('terminal');
    const failing = new Set(report.verdicts.filter((v) => !v.pass).map((v) => v.checker));
    expect(failing).toEqual(new Set(['status-before-payment-retry', 'no-double-charge']));

    const trace = await readTraceFile(tracePath);
    if (!trace.ok) throw new Error('unreadable trace');
    const kinds = new Set(trace.value.events.map((e) => e.kind));
    for (const kind of ['lifecycle', 'link', 'message', 'poiSession', 'fault', 'ledger']) {
      expect(kinds, kind).toContain(kind);
    }
    // Only the simulator's side: the POS is somebody else's program.
    expect(kinds).not.toContain('op');
    expect(
      trace.value.events.every(
        (e) => (e.kind !== 'message' && e.kind !== 'link') || e.observer === 'poi',
      ),
    ).toBe(true);
    expect(trace.value.events[0]).toMatchObject({ kind: 'lifecycle', to: 'initialising' });
  }, 15_000);

  it('passes the reference client, which recovers the payment through TransactionStatus', async () => {
    const { outcome, code, report } = await recordForeignPos(createSessionManager);
    expect(outcome.kind).toBe('recovered');
    expect(report.verdicts.filter((v) => !v.pass)).toEqual([]);
    expect(code).toBe(0);
  }, 15_000);
});
