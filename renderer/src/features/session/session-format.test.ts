import { describe, expect, it } from 'vitest';
import type { TracedOp } from '@shared/trace/view';
import { countdownText, formatDuration, opTimeoutMs, opTimeoutsFromPolicy } from './session-format';

const op: TracedOp = {
  op: 'op-1',
  name: 'pay',
  invokedSeq: 1,
  invokedT: 1000,
  activityT: 1500,
};

describe('session format', () => {
  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [1000, '1.0 s'],
    [12_345, '12.3 s'],
    [-1_050, '1.0 s'],
    [125_000, '2 min 05 s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('maps the policy onto operation names, skipping what is not a number', () => {
    expect(
      opTimeoutsFromPolicy({
        paymentTimeoutMs: 3000,
        statusTimeoutMs: 'soon',
        loginTimeoutMs: 10_000,
      }),
    ).toEqual({ pay: 3000, login: 10_000 });
  });

  it('prefers the timeout an operation carries, then its name, then its category', () => {
    expect(opTimeoutMs({ ...op, detail: { timeoutMs: 5 } }, { pay: 7 })).toBe(5);
    expect(opTimeoutMs(op, { pay: 7 })).toBe(7);
    expect(opTimeoutMs({ ...op, name: 'x', detail: { category: 'Payment' } }, { Payment: 9 })).toBe(
      9,
    );
    expect(opTimeoutMs(op, {})).toBeUndefined();
  });

  it('counts down from the last activity, then overdue; or up without a timeout', () => {
    expect(countdownText(op, 2000, 2500)).toBe('1.0 s left');
    expect(countdownText(op, 2000, 4000)).toBe('overdue by 500 ms');
    expect(countdownText(op, undefined, 4000)).toBe('running for 3.0 s');
  });
});
