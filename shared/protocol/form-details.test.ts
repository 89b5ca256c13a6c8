import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formDetails } from './form-details';

describe('formDetails', () => {
  it('writes key=value pairs as terminals do', () => {
    expect(formDetails({ message: 'Input is not a JSONObject', ServiceID: 'P(1)' })).toBe(
      'message=Input+is+not+a+JSONObject&ServiceID=P%281%29',
    );
  });

  it('agrees with URLSearchParams on any text, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })),
        (pairs) => {
          expect(formDetails(pairs)).toBe(new URLSearchParams(pairs).toString());
        },
      ),
    );
  });
});
