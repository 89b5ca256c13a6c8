import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, SessionPolicy } from '../../session/policy';
import { policyBoolean, policyNumber, policyStates } from './policy';

/** What the policy schema itself says of a stated value: the answer the readers must give. */
function bySchema(key: 'loginTimeoutMs' | 'loginBusyMaxAttempts', value: unknown): number {
  const parsed = SessionPolicy.shape[key].safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_POLICY[key];
}

describe('policy readers', () => {
  it('answer as the schema does, asked once or many times, for every kind of value', () => {
    const values: unknown[] = [undefined, 2500, 0, -1, 1.5, 1e12, '3000', true, null, NaN, -0];
    for (let round = 0; round < 3; round++) {
      for (const value of values) {
        for (const key of ['loginTimeoutMs', 'loginBusyMaxAttempts'] as const) {
          expect(policyNumber({ [key]: value }, key), `${key} ${String(value)}`).toBe(
            bySchema(key, value),
          );
          expect(policyStates({ [key]: value }, key)).toBe(
            SessionPolicy.shape[key].safeParse(value).success,
          );
        }
      }
    }
    expect(policyBoolean({}, 'retryUnprocessedPayment')).toBe(
      DEFAULT_POLICY.retryUnprocessedPayment,
    );
    expect(policyBoolean({ retryUnprocessedPayment: 'yes' }, 'retryUnprocessedPayment')).toBe(
      DEFAULT_POLICY.retryUnprocessedPayment,
    );
  });

  it('keep answering right past the values they remember', () => {
    for (let ms = 1; ms <= 300; ms++) {
      expect(policyNumber({ loginTimeoutMs: ms * 10 }, 'loginTimeoutMs')).toBe(
        bySchema('loginTimeoutMs', ms * 10),
      );
    }
  });
});
