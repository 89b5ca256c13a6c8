import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff';

describe('reconnectDelay', () => {
  it.each([
    [0, 0, 125],
    [0, 0.999, 250],
    [1, 0, 250],
    [2, 0.5, 750],
    [4, 0, 2000],
    [5, 0, 2500],
    [10, 0.999, 4998],
    [50, 0, 2500],
  ])('attempt %i with random %f waits %i ms', (attempt, random, delay) => {
    expect(reconnectDelay(attempt, random)).toBe(delay);
  });

  it('never waits longer than the cap', () => {
    for (let attempt = 0; attempt < 100; attempt++)
      expect(reconnectDelay(attempt, 0.999_999)).toBeLessThanOrEqual(5_000);
  });
});
