import { describe, expect, it } from 'vitest';
import { OUTCOMES, authorisedMinor, outcomeForAmount } from './outcomes';

describe('magic amounts', () => {
  it.each([
    [124, 'insufficientFunds'],
    [10124, 'insufficientFunds'],
    [125, 'cardBlocked'],
    [126, 'expired'],
    [128, 'invalidCard'],
    [134, 'wrongPin'],
    [177, 'partial'],
    [503, 'unreachableHost'],
    [1503, 'unreachableHost'],
    [24, 'approved'],
    [1240, 'approved'],
    [127, 'approved'],
    [100, 'approved'],
  ] as const)('%i minor units → %s', (minor, outcome) => {
    expect(outcomeForAmount(minor)).toBe(outcome);
  });

  it('authorises all, half rounded down, or nothing', () => {
    expect(authorisedMinor('approved', 999)).toBe(999);
    expect(authorisedMinor('partial', 10177)).toBe(5088);
    expect(authorisedMinor('wrongPin', 134)).toBe(0);
  });

  it('every declined outcome carries an ErrorCondition', () => {
    for (const spec of Object.values(OUTCOMES)) {
      expect(spec.result === 'Failure').toBe(spec.errorCondition !== undefined);
    }
  });
});
