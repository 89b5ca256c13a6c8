import { describe, expect, it } from 'vitest';
import type { Outcome } from '../session/outcomes';
import type { LedgerEntry } from '../trace/events';
import type { Verdict } from '../trace/checkers/types';
import { describeStep, needsSimulator } from './describe-step';
import {
  countMatches,
  FINAL_VERDICTS,
  ledgerCounts,
  ledgerProblems,
  outcomeProblems,
  responseProblems,
  verdictProblems,
} from './expectations';
import { parseScenario } from './parse';
import type { Step, StepOf } from './schema';

/** Parses steps through the real schema, so the tests see what a runner sees. */
function steps(...raw: Record<string, unknown>[]): Step[] {
  const result = parseScenario(
    JSON.stringify({
      format: 'a2a-scenario',
      version: 1,
      name: 'x',
      title: 'X',
      description: 'x',
      steps: raw,
    }),
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value.steps;
}

function last<K extends Step['kind']>(kind: K, ...raw: Record<string, unknown>[]): StepOf<K> {
  const step = steps(...raw).at(-1);
  if (step?.kind !== kind) throw new Error(`expected a ${kind} step`);
  return step as StepOf<K>;
}

function entry(overrides: Partial<LedgerEntry>): LedgerEntry {
  return {
    saleId: 'POS',
    saleTransactionId: 'T1',
    poiTransactionId: 'P1',
    serviceId: 'S1',
    amountMinor: 100,
    authorisedMinor: 100,
    currency: 'EUR',
    result: 'approved',
    reversed: false,
    at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

const LEDGER = [
  entry({ poiTransactionId: 'A' }),
  entry({ poiTransactionId: 'B', result: 'partial', reversed: true }),
  entry({ poiTransactionId: 'C', result: 'declined' }),
  entry({ poiTransactionId: 'D', saleTransactionId: 'T2' }),
];

const PAY = {
  op: '1',
  amountMinor: 100,
  currency: 'EUR',
  saleTransactionId: { TransactionID: 'T1', TimeStamp: 'x' },
  serviceIds: ['S1'],
  statusServiceIds: [],
} as const;

describe('ledger expectations', () => {
  it('counts entries, approvals (partial included), what is still charged, declines and reversals', () => {
    expect(ledgerCounts(LEDGER, 'T1')).toEqual({
      entries: 3,
      approvals: 2,
      unreversedApprovals: 1,
      declines: 1,
      reversals: 1,
    });
    expect(ledgerCounts(LEDGER).entries).toBe(4);
  });

  it('matches exact counts and bounds', () => {
    expect(countMatches(1, 1)).toBe(true);
    expect(countMatches(1, 2)).toBe(false);
    expect(countMatches({ max: 1 }, 0)).toBe(true);
    expect(countMatches({ min: 1, max: 2 }, 3)).toBe(false);
  });

  it('names each count that is off', () => {
    const step = last('expectLedger', {
      kind: 'expectLedger',
      saleTransactionId: 'T1',
      approvals: 2,
      unreversedApprovals: { max: 0 },
    });
    expect(ledgerProblems(step, LEDGER)).toEqual([
      'sale T1: unreversedApprovals is 1, expected at most 0',
    ]);
    const whole = last('expectLedger', { kind: 'expectLedger', entries: { min: 5 } });
    expect(ledgerProblems(whole, LEDGER)).toEqual([
      'the ledger: entries is 4, expected at least 5',
    ]);
  });
});

describe('outcome expectations', () => {
  const expectStep = (extra: Record<string, unknown>) =>
    last(
      'expectOutcome',
      { kind: 'pay', id: 'p', amount: '1' },
      { kind: 'expectOutcome', of: 'p', ...extra },
    );

  it('accepts one of several outcomes and checks the recovered result', () => {
    const recovered: Outcome = { ...PAY, kind: 'recovered', result: 'approved' };
    expect(
      outcomeProblems(
        expectStep({ outcome: ['approved', 'recovered'], result: 'approved' }),
        recovered,
      ),
    ).toEqual([]);
    expect(
      outcomeProblems(expectStep({ outcome: 'recovered', result: 'declined' }), recovered),
    ).toEqual(['p result is approved, expected declined']);
  });

  it('says what happened instead, with the reason', () => {
    const failed: Outcome = { ...PAY, kind: 'failed', reason: 'loggedOut', sent: false };
    expect(outcomeProblems(expectStep({ outcome: 'approved' }), failed)).toEqual([
      'p ended failed (loggedOut), expected approved',
    ]);
  });

  it('checks the error condition and whether the payment was resent', () => {
    const resent: Outcome = { ...PAY, kind: 'approved', result: 'approved', resentAfter: 'S0' };
    expect(outcomeProblems(expectStep({ outcome: 'approved', resent: true }), resent)).toEqual([]);
    expect(outcomeProblems(expectStep({ outcome: 'approved', resent: false }), resent)).toEqual([
      'p was resent, expected no resend',
    ]);
    const declined: Outcome = {
      ...PAY,
      kind: 'declined',
      result: 'declined',
      errorCondition: 'Refusal',
    };
    expect(
      outcomeProblems(expectStep({ outcome: 'declined', errorCondition: 'Aborted' }), declined),
    ).toEqual(['p errorCondition is Refusal, expected Aborted']);
  });
});

describe('response expectations', () => {
  const step = (extra: Record<string, unknown>) =>
    last(
      'expectResponse',
      { kind: 'send', id: 's', category: 'Admin' },
      { kind: 'expectResponse', of: 's', ...extra },
    );

  it('checks Result and ErrorCondition, or that nothing came', () => {
    expect(
      responseProblems(step({ result: 'Failure', errorCondition: 'Busy' }), {
        result: 'Failure',
        errorCondition: 'Busy',
      }),
    ).toEqual([]);
    expect(responseProblems(step({ errorCondition: 'Busy' }), { result: 'Success' })).toEqual([
      's ErrorCondition is none, expected Busy',
    ]);
    expect(responseProblems(step({ none: true }), undefined)).toEqual([]);
    expect(responseProblems(step({ none: true }), { result: 'Success' })).toEqual([
      's got a response (Success), expected none',
    ]);
    expect(responseProblems(step({ result: 'Success' }), undefined)).toEqual(['s got no response']);
  });
});

describe('verdict expectations', () => {
  const verdicts: Verdict[] = [
    {
      checker: 'unique-service-ids',
      pass: false,
      message: 'ServiceID 1 used twice',
      events: [3, 5],
    },
    { checker: 'final-outcome', pass: true, message: 'ok', events: [] },
    { checker: 'busy-backoff', pass: false, message: 'too soon', events: [7] },
  ];

  it('requires the named checkers to fail and every other to pass', () => {
    expect(verdictProblems(FINAL_VERDICTS, verdicts)).toEqual([
      'unique-service-ids failed: ServiceID 1 used twice',
      'busy-backoff failed: too soon',
    ]);
    expect(verdictProblems({ fail: ['unique-service-ids'], pass: 'all' }, verdicts)).toEqual([
      'busy-backoff failed: too soon',
    ]);
    expect(
      verdictProblems({ fail: ['unique-service-ids'], pass: ['final-outcome'] }, verdicts),
    ).toEqual([]);
    expect(verdictProblems({ fail: ['final-outcome'], pass: [] }, verdicts)).toEqual([
      'final-outcome passed, expected it to fail',
    ]);
  });
});

describe('step descriptions', () => {
  it('reads as one line per step', () => {
    const lines = steps(
      { kind: 'pay', id: 'p1', amount: '12.50', currency: 'EUR', await: false },
      { kind: 'fault', fault: 'busyNextLogins', count: 3 },
      { kind: 'status', of: 'p1' },
      { kind: 'reverse' },
      { kind: 'send', id: 's1', category: 'Admin' },
      { kind: 'send', category: 'Admin', reuseServiceIdOf: 's1' },
      { kind: 'waitFor', session: 'ready' },
      { kind: 'expectOutcome', of: 'p1', outcome: ['approved', 'recovered'] },
      { kind: 'expectVerdicts', fail: ['unique-service-ids'] },
    ).map(describeStep);
    expect(lines).toEqual([
      'pay 12.50 EUR [p1] (no wait)',
      'fault busyNextLogins count=3',
      'status of p1',
      'reverse last approved',
      'send Admin [s1]',
      "send Admin reusing s1's ServiceID",
      'wait for session ready',
      'expect p1 approved|recovered',
      'expect unique-service-ids to fail',
    ]);
  });

  it('knows which steps need control of the simulator', () => {
    const [fault, restartClient, ledger, pay] = steps(
      { kind: 'fault', fault: 'restart' },
      { kind: 'fault', fault: 'restartClient' },
      { kind: 'expectLedger', approvals: 1 },
      { kind: 'pay', amount: '1' },
    );
    expect([fault, restartClient, ledger, pay].map((s) => needsSimulator(s!))).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});
