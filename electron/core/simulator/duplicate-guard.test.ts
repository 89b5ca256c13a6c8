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
