import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../core/simulator';
import { RealClock } from '../../core/time/real-clock';
import { runInProcess } from '../testing/in-process';
import { createExecCommand } from './exec';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
});

describe('a2a exec run after run against one simulator', () => {
  it('twenty runs of login pay:1.00 status back to back: every Login succeeds, no repeated ServiceID', async () => {
    sim = createSimulator({
      clock: new RealClock(),
      settings: { initMs: 0, cardMs: 5, authMs: 5 },
    });
    const repeated: string[] = [];
    sim.onEvent((event) => {
      if (event.kind !== 'message' || event.direction !== 'toPos') return;
      const text = JSON.stringify(event.json ?? event.text);
      if (text.includes('repeated message')) repeated.push(text);
    });
    const { nexoUrl } = await sim.listen();
    const seen = new Set<string>();
    for (let run = 0; run < 20; run += 1) {
      const result = await runInProcess(
        ['exec', '--endpoint', nexoUrl, '--json', 'login', 'pay:1.00', 'status'],
        (io) => [createExecCommand(io)],
      );
      const lines = result.stdout
        .split('\n')
        .filter((line) => line.startsWith('{"op"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect({ run, code: result.code, stderr: result.stderr }).toEqual({
        run,
        code: 0,
        stderr: '',
      });
      expect(lines.map((l) => [l.op, l.outcome])).toEqual([
        ['login', 'succeeded'],
        ['pay', 'approved'],
        ['status', 'succeeded'],
      ]);
      for (const line of lines) {
        const ids = [line.serviceId, ...((line.serviceIds as unknown[] | undefined) ?? [])];
        for (const id of new Set(ids.filter((v): v is string => typeof v === 'string'))) {
          expect(seen.has(id), `ServiceID ${id} of run ${String(run)} used before`).toBe(false);
          expect(id.length).toBeLessThanOrEqual(10);
          seen.add(id);
        }
      }
    }
    expect(repeated).toEqual([]);
  }, 120_000);
});
