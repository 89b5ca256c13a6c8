import { describe, expect, it } from 'vitest';
import { faultArgsWords, faultPhaseWords } from './faults';

describe('fault words', () => {
  it.each([
    ['armed', 'armed'],
    ['hit', 'took effect'],
    ['applied', 'done'],
    ['disarmed', 'taken back'],
    ['rearmed', 'rearmed'],
    ['toString', 'toString'],
  ])('phase %s reads "%s"', (phase, words) => {
    expect(faultPhaseWords(phase)).toBe(words);
  });

  it('says parameters without code punctuation', () => {
    expect(faultArgsWords({ count: 3, category: 'Payment' })).toBe('count 3 · category Payment');
  });
});
