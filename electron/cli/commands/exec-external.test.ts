import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../core/simulator';
import { RealClock } from '../../core/time/real-clock';
import { runInProcess } from '../testing/in-process';
import { createExecCommand } from './exec';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
});

describe('a2a exec run after run against a simulator it did not start', () => {
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

  it('says which faults it leaves armed, and which it found armed before it ran', async () => {
    sim = createSimulator({
      clock: new RealClock(),
      settings: { initMs: 0, cardMs: 5, authMs: 5 },
    });
    const { nexoUrl, token } = await sim.listen();
    const exec = (...steps: string[]) =>
      runInProcess(
        // No login at start: these runs only arm faults, so no request meets them.
        [
          'exec',
          '--endpoint',
          nexoUrl,
          '--control-token',
          token,
          '--policy',
          'loginOnStart=false',
          ...steps,
        ],
        (io) => [createExecCommand(io)],
      );
    // A run that arms faults it never meets leaves them behind, and says so.
    const first = await exec('fault:busyNextLogins:2', 'fault:nextPaymentOutcome:expired');
    expect(first.usage).toBe('');
    expect(first.code).toBe(0);
    expect(first.stderr).toBe(
      `a2a exec: faults still armed after this run (the next run will meet them) on the simulator at ${nexoUrl}: busyNextLogins 2, nextPaymentOutcome expired\n`,
    );
    expect(sim.state().faults.busyNextLogins).toBe(2);
    // The next run is told before its requests meet them.
    const second = await exec('fault:resetSessions');
    expect(second.stderr).toMatch(
      /^a2a exec: faults armed before this run on the simulator at ws:\/\/127\.0\.0\.1:\d+\/nexo: busyNextLogins 2, nextPaymentOutcome expired\n/,
    );
    // Nothing armed: nothing said.
    sim.reset();
    const clean = await exec('fault:resetSessions');
    expect(clean.stderr).toBe('');
  });

  it('refuses a wrong control token before running anything it cannot report', async () => {
    sim = createSimulator({ clock: new RealClock(), settings: { initMs: 0 } });
    const { nexoUrl } = await sim.listen();
    const run = await runInProcess(
      ['exec', '--endpoint', nexoUrl, '--control-token', 'wrong', 'fault:restart'],
      (io) => [createExecCommand(io)],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot read the faults of the simulator at .*: .*token/);
  });
});
