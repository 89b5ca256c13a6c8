import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '@shared/scenario';
import { timingPreset, type TimingPresetName } from '@shared/session/timing-presets';
import { runScenario } from './run-scenario';

/**
 * "Approve then lose response" against the embedded simulator with its default timings (DESIGN
 * §6), under each timing preset, in virtual time: what a QA engineer waits for in the window.
 */
function approveThenDrop(preset: TimingPresetName): Scenario {
  const parsed = parseScenario(
    JSON.stringify({
      format: 'a2a-scenario',
      version: 1,
      name: `approve-then-drop-${preset === 'fastQa' ? 'fast' : preset}`,
      title: 'Approved, then the answer is lost',
      description: 'The PaymentResponse of an approved payment never arrives.',
      policy: timingPreset(preset).timings,
      steps: [
        { kind: 'waitFor', session: 'ready', timeoutMs: 30_000 },
        { kind: 'pay', id: 'p0', amount: '1.00', saleTransactionId: 'OK1' },
        { kind: 'expectOutcome', of: 'p0', outcome: 'approved' },
        { kind: 'fault', fault: 'approveThenDrop' },
        { kind: 'pay', id: 'p1', amount: '3.00', saleTransactionId: 'ATD1' },
        { kind: 'expectOutcome', of: 'p1', outcome: 'recovered', result: 'approved' },
        { kind: 'expectLedger', sale: 'p1', approvals: 1 },
        { kind: 'expectVerdicts' },
      ],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** Scenario time from the lost payment's start to its recovered outcome. */
async function recoveryMs(preset: TimingPresetName): Promise<number> {
  const result = await runScenario(approveThenDrop(preset), { timeMode: 'virtual' });
  expect(result.failures).toEqual([]);
  const pay = result.steps.find((s) => s.id === 'p1' && s.kind === 'pay');
  const outcome = result.steps.find((s) => s.kind === 'expectOutcome' && s.index === 5);
  if (pay === undefined || outcome === undefined) throw new Error('steps missing');
  return outcome.at + outcome.ms - pay.at;
}

describe('timing presets against the embedded simulator', () => {
  it('"Fast for QA" still approves a normal payment and recovers a lost answer in seconds', async () => {
    expect(await recoveryMs('fastQa')).toBeLessThan(15_000);
  });

  it('"Realistic" waits out the two-minute payment timeout first', async () => {
    expect(await recoveryMs('realistic')).toBeGreaterThan(120_000);
  });
});
