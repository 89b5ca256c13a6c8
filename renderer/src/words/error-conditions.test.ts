import { describe, expect, it } from 'vitest';
import { ERROR_CONDITIONS } from '@shared/protocol/enums';
import { declineWords, errorConditionWords, refusalReasonWords } from './error-conditions';

describe('error condition words', () => {
  it('says every standard code in words and keeps a terminal’s own code', () => {
    for (const code of ERROR_CONDITIONS) expect(errorConditionWords(code)).not.toBe(code);
    expect(errorConditionWords('WrongPIN')).toBe('wrong PIN');
    expect(errorConditionWords('VendorSpecific42')).toBe('VendorSpecific42');
  });

  it.each([
    ['message=NOT_ENOUGH_BALANCE&refusalReason=210 Not enough balance', 'not enough balance'],
    ['message=BLOCK_CARD', 'block card'],
    ['tid=1&x=y', undefined],
    ['too late', 'too late'],
    [undefined, undefined],
  ])('reads the refusal reason of %s', (additional, words) => {
    expect(refusalReasonWords(additional)).toBe(words);
  });

  it('gives a decline its reason and its code', () => {
    expect(declineWords('Refusal', 'refusalReason=210 Insufficient funds')).toBe(
      'insufficient funds (Refusal)',
    );
    expect(declineWords('Refusal')).toBe('refused (Refusal)');
    expect(declineWords(undefined)).toBe('no reason given');
    expect(declineWords('Completed')).toBe('Completed');
  });
});
