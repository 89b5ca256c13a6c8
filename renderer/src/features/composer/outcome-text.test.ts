import { describe, expect, it } from 'vitest';
import type { OperationResult } from '@shared/ipc';
import { describeOutcome, outcomeTone } from './outcome-text';

const base = { op: 'op-1', phase: 'ok', summary: '', serviceIds: [] } as const;
const pay = { ...base, name: 'pay', amount: '12.50', currency: 'EUR' } as const;

describe('describeOutcome', () => {
  it.each<[OperationResult, string, string]>([
    [{ ...pay, kind: 'approved', authorisedAmount: '12.50' }, 'Payment 12.50 EUR → approved', 'ok'],
    [
      { ...pay, kind: 'partial', authorisedAmount: '6.25' },
      'Payment 12.50 EUR → partial (6.25 EUR authorised)',
      'warn',
    ],
    [
      { ...pay, kind: 'recovered', result: 'approved' },
      'Payment 12.50 EUR → recovered (approved)',
      'ok',
    ],
    [
      { ...pay, kind: 'recovered', result: 'declined', errorCondition: 'Refusal' },
      'Payment 12.50 EUR → recovered (declined, Refusal)',
      'error',
    ],
    [
      { ...pay, kind: 'notProcessed', phase: 'fail', reason: 'status said NotFound' },
      'Payment 12.50 EUR → notProcessed (status said NotFound)',
      'warn',
    ],
    [
      { ...pay, kind: 'unknown', phase: 'info', reason: 'status polling ran out' },
      'Payment 12.50 EUR → unknown (status polling ran out)',
      'warn',
    ],
    [{ ...base, name: 'login', kind: 'succeeded' }, 'Login → succeeded', 'ok'],
    [
      {
        ...base,
        name: 'abort',
        kind: 'declined',
        errorCondition: 'Completed',
        additionalResponse: 'too late',
      },
      'Abort → declined (Completed, too late)',
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
      'Logout → failed (no answer, indeterminate)',
      'error',
    ],
  ])('%o → %s', (result, text, tone) => {
    expect(describeOutcome(result)).toBe(text);
    expect(outcomeTone(result)).toBe(tone);
  });
});
