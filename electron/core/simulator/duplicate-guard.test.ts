import { describe, expect, it } from 'vitest';
import { DuplicateGuard } from './duplicate-guard';

describe('DuplicateGuard', () => {
  it('window: a ServiceID is repeated for its SaleID until the window has passed', () => {
    const guard = new DuplicateGuard('window', 1000);
    expect(guard.isRepeated('A', '1', 0)).toBe(false);
    expect(guard.isRepeated('A', '2', 10)).toBe(false);
    expect(guard.isRepeated('B', '1', 20)).toBe(false);
    expect(guard.isRepeated('A', '1', 999)).toBe(true);
    expect(guard.isRepeated('A', '1', 1000)).toBe(false);
    expect(guard.isRepeated('A', '2', 1005)).toBe(true);
  });

  it('previous: only the SaleID previous ServiceID counts', () => {
    const guard = new DuplicateGuard('previous', 1000);
    expect(guard.isRepeated('A', '1', 0)).toBe(false);
    expect(guard.isRepeated('A', '1', 1)).toBe(true);
    expect(guard.isRepeated('A', '2', 2)).toBe(false);
    expect(guard.isRepeated('A', '1', 3)).toBe(false);
    expect(guard.isRepeated('B', '1', 4)).toBe(false);
  });

  it('clear forgets everything', () => {
    const guard = new DuplicateGuard('window', 1000);
    guard.isRepeated('A', '1', 0);
    guard.clear();
    expect(guard.isRepeated('A', '1', 1)).toBe(false);
  });
});

describe('DuplicateGuard: bounds', () => {
  it('window: forgets expired ServiceIDs while later ones stay repeated', () => {
    const guard = new DuplicateGuard('window', 100);
    expect(guard.isRepeated('A', '1', 0)).toBe(false);
    expect(guard.isRepeated('A', '2', 50)).toBe(false);
    expect(guard.isRepeated('A', '3', 120)).toBe(false);
    // '1' expired at 100; '2' lives until 150, '3' until 220.
    expect(guard.isRepeated('A', '2', 149)).toBe(true);
    expect(guard.isRepeated('A', '1', 149)).toBe(false);
    expect(guard.isRepeated('A', '2', 150)).toBe(false);
    expect(guard.isRepeated('A', '3', 219)).toBe(true);
    expect(guard.isRepeated('A', '3', 220)).toBe(false);
  });

  it('window: keeps at most its capacity, forgetting the oldest first', () => {
    const guard = new DuplicateGuard('window', 1000, 2);
    expect(guard.isRepeated('A', '1', 0)).toBe(false);
    expect(guard.isRepeated('A', '2', 1)).toBe(false);
    expect(guard.isRepeated('A', '3', 2)).toBe(false);
    expect(guard.isRepeated('A', '3', 3)).toBe(true);
    expect(guard.isRepeated('A', '2', 4)).toBe(true);
    // '1' was forgotten to make room for '3'.
    expect(guard.isRepeated('A', '1', 5)).toBe(false);
  });

  it('clear also forgets when the oldest entry expires', () => {
    const guard = new DuplicateGuard('window', 100);
    guard.isRepeated('A', '1', 0);
    guard.clear();
    expect(guard.isRepeated('A', '2', 10)).toBe(false);
    expect(guard.isRepeated('A', '2', 105)).toBe(true);
    expect(guard.isRepeated('A', '2', 110)).toBe(false);
  });
});
