import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  POLICY_KEYS,
  SessionPolicy,
  parsePolicyAssignments,
  resolvePolicy,
} from './policy';

describe('session policy', () => {
  it('has the documented defaults and validates them', () => {
    expect(SessionPolicy.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY).toMatchObject({
      loginOnStart: true,
      loginTimeoutMs: 10_000,
      statusTimeoutMs: 10_000,
      adminTimeoutMs: 30_000,
      reversalTimeoutMs: 60_000,
      paymentTimeoutMs: 120_000,
      queueTimeoutMs: 60_000,
      loginBusyInitialDelayMs: 1000,
      loginBusyMaxDelayMs: 8000,
      loginBusyMaxAttempts: 6,
      reconnectInitialDelayMs: 250,
      reconnectMaxDelayMs: 5000,
      statusPollIntervalMs: 2000,
      statusPollMaxMs: 90_000,
      retryUnprocessedPayment: true,
      idempotentRetries: 1,
    });
    expect(POLICY_KEYS).toContain('paymentTimeoutMs');
  });

  it.each([
    { pairs: ['paymentTimeoutMs=3000'], value: { paymentTimeoutMs: 3000 } },
    {
      pairs: ['retryUnprocessedPayment=false', 'loginOnStart=true'],
      value: { retryUnprocessedPayment: false, loginOnStart: true },
    },
    { pairs: [' statusPollMaxMs = 500 '], value: { statusPollMaxMs: 500 } },
    { pairs: [], value: {} },
  ])('parses $pairs', ({ pairs, value }) => {
    expect(parsePolicyAssignments(pairs)).toEqual({ ok: true, value });
  });

  it.each([
    {
      pairs: ['paymentTimeout=3000'],
      error: /unknown policy key "paymentTimeout" \(known: loginOnStart/,
    },
    { pairs: ['paymentTimeoutMs'], error: /not KEY=VALUE/ },
    { pairs: ['=3'], error: /not KEY=VALUE/ },
    { pairs: ['paymentTimeoutMs=soon'], error: /paymentTimeoutMs=NaN|paymentTimeoutMs/ },
    { pairs: ['paymentTimeoutMs=-1'], error: /paymentTimeoutMs=-1/ },
    { pairs: ['paymentTimeoutMs=1.5'], error: /paymentTimeoutMs=1.5/ },
    { pairs: ['retryUnprocessedPayment=maybe'], error: /retryUnprocessedPayment=maybe/ },
    { pairs: ['loginBusyMaxAttempts=0'], error: /loginBusyMaxAttempts=0/ },
  ])('refuses $pairs with a reason', ({ pairs, error }) => {
    const parsed = parsePolicyAssignments(pairs);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it('applies overrides over the defaults', () => {
    expect(resolvePolicy({ paymentTimeoutMs: 5 }).paymentTimeoutMs).toBe(5);
    expect(resolvePolicy().statusTimeoutMs).toBe(10_000);
  });
});
