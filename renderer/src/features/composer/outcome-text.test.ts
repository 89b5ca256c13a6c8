import { describe, expect, it } from 'vitest';
import type { OperationResult } from '@shared/ipc';
import { describeOutcome, outcomeTone } from './outcome-text';

const base = { op: 'op-1', phase: 'ok', summary: '', serviceIds: [] } as const;
const pay = { ...base, name: 'pay', amount: '12.50', currency: 'EUR' } as const;

describe('describeOutcome', () => {
  it.each<[OperationResult, string, string]>([
    [{ ...pay, kind: 'approved', authorisedAmount: '12.50' }, 'Payment 12.50 EUR approved', 'ok'],
    [
      { ...pay, kind: 'partial', authorisedAmount: '6.25' },
      'Payment 12.50 EUR partly approved: 6.25 EUR authorised',
      'warn',
    ],
    [
      { ...pay, kind: 'recovered', result: 'approved' },
      'Payment 12.50 EUR recovered after a lost response: approved',
      'ok',
    ],
    [
      { ...pay, kind: 'recovered', result: 'declined', errorCondition: 'Refusal' },
      'Payment 12.50 EUR recovered after a lost response: declined: refused (Refusal)',
      'error',
    ],
    [
      { ...pay, kind: 'notProcessed', phase: 'fail', reason: 'status said NotFound' },
      'Payment 12.50 EUR not processed: status said NotFound',
      'warn',
    ],
    [
      { ...pay, kind: 'unknown', phase: 'info', reason: 'status polling ran out' },
      'Payment 12.50 EUR outcome unknown: status polling ran out',
      'warn',
    ],
    [{ ...base, name: 'login', kind: 'succeeded' }, 'Login succeeded', 'ok'],
    [
      {
        ...base,
        name: 'abort',
        kind: 'declined',
        errorCondition: 'Completed',
        additionalResponse: 'too late',
      },
      'Abort answered Failure: too late (Completed)',
      'error',
    ],
    [
      {
        ...base,
        name: 'logout',
        kind: 'failed',
        phase: 'info',
        reason: 'no answer',
        indeterminate: true,
      },
      'Logout failed: no answer (it may have reached the payment app)',
      'error',
    ],
    [
      {
        ...pay,
        kind: 'declined',
        errorCondition: 'Refusal',
        additionalResponse: 'message=NOT_ENOUGH_BALANCE&refusalReason=210 Insufficient funds',
      },
      'Payment 12.50 EUR declined: insufficient funds (Refusal)',
      'error',
    ],
    [
      { ...base, name: 'status', kind: 'declined', errorCondition: 'NotFound' },
      'TransactionStatus answered Failure: not found (NotFound)',
      'error',
    ],
  ])('%o → %s', (result, text, tone) => {
    expect(describeOutcome(result)).toBe(text);
    expect(outcomeTone(result)).toBe(tone);
  });
});

describe('outcome words', () => {
  it('never shows an outcome kind as its identifier', () => {
    const kinds = [
      'approved',
      'partial',
      'declined',
      'recovered',
      'notProcessed',
      'unknown',
      'failed',
      'succeeded',
    ] as const;
    for (const kind of kinds) {
      const text = describeOutcome({ ...pay, kind, reason: 'r' });
      expect(text).not.toMatch(/notProcessed|→/);
    }
  });
});
