import { describe, expect, it } from 'vitest';
import { runCheckers, startCheckers } from '@shared/trace/checkers';
import { agreesWithFold } from '@shared/trace/checkers/fixtures/both-ways';
import { parseTrace } from '@shared/trace/reader';
import { runSchedule } from './fuzz';
import { generateSchedule } from './fuzz-schedule';
import { blindResendManager } from './testing/blind-resend-manager';

/**
 * The checkers read a trace an event at a time (live verdicts, scenario steps, `a2a check`);
 * the whole-trace judgement is their fold. Fuzz runs cover what hand-made fixtures do not: both
 * observers' copies of every frame, every fault, every profile, and failing verdicts too.
 */
describe('incremental verdicts on fuzz runs', () => {
  it.each([
    ['the reference client', undefined],
    ['a POS that resends payments blindly', blindResendManager],
  ] as const)('agree with the whole-trace judgement at every point, for %s', async (_, manager) => {
    let failing = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const result = await runSchedule(generateSchedule(seed), manager);
      const trace = parseTrace(result.trace.text);
      if (!trace.ok) throw new Error(JSON.stringify(trace.error));
      // Every 7th event and the end: every prefix would make this test quadratic in run length.
      const verdicts = agreesWithFold(
        (input) => startCheckers(input.header),
        runCheckers,
        trace.value,
        (count) => count % 7 === 0,
      );
      expect(verdicts).toEqual(result.verdicts);
      if (verdicts.some((v) => !v.pass)) failing++;
    }
    if (manager !== undefined) expect(failing).toBeGreaterThan(0);
  });
});
