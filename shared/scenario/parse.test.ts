import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioValue } from './parse';

const BASE = {
  format: 'a2a-scenario',
  version: 1,
  name: 'sample',
  title: 'Sample',
  description: 'A sample scenario.',
};

function parse(extra: Record<string, unknown>) {
  return parseScenario(JSON.stringify({ ...BASE, ...extra }));
}

function errorOf(extra: Record<string, unknown>): string {
  const result = parse(extra);
  if (result.ok) throw new Error('expected the scenario to be refused');
  return result.error.message;
}

describe('parseScenario', () => {
  it('reads a scenario and applies the defaults', () => {
    const result = parse({
      steps: [
        { kind: 'pay', id: 'p1', amount: '12.50' },
        { kind: 'fault', fault: 'dropLink' },
        { kind: 'waitFor', session: 'ready' },
        { kind: 'expectOutcome', of: 'p1', outcome: ['approved', 'recovered'] },
        { kind: 'expectVerdicts' },
      ],
    });
    if (!result.ok) throw new Error(result.error.message);
    const scenario = result.value;
    expect(scenario).toMatchObject({
      profile: 'app2app',
      simulator: {},
      policy: {},
      tags: [],
      timeoutMs: 600_000,
    });
    expect(scenario.steps[0]).toEqual({ kind: 'pay', id: 'p1', amount: '12.50', await: true });
    expect(scenario.steps[1]).toEqual({
      kind: 'fault',
      command: { fault: 'dropLink', linkId: 'all' },
    });
    expect(scenario.steps[2]).toEqual({ kind: 'waitFor', session: 'ready', timeoutMs: 30_000 });
    expect(scenario.steps[4]).toEqual({ kind: 'expectVerdicts', fail: [], pass: 'all' });
  });

  it('takes every simulator fault with its fields, and the client restart', () => {
    const result = parse({
      steps: [
        { kind: 'fault', fault: 'busyNextLogins', count: 3 },
        { kind: 'fault', fault: 'delayResponses', ms: 500, category: 'Payment' },
        { kind: 'fault', fault: 'restartDuringPayment' },
        { kind: 'fault', fault: 'nextPaymentOutcome', outcome: 'wrongPin', id: 'f', note: 'why' },
        { kind: 'fault', fault: 'restartClient' },
      ],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.steps.map((s) => (s.kind === 'fault' ? s.command : s))).toEqual([
      { fault: 'busyNextLogins', count: 3 },
      { fault: 'delayResponses', ms: 500, category: 'Payment' },
      { fault: 'restartDuringPayment', phase: 'authorising' },
      { fault: 'nextPaymentOutcome', outcome: 'wrongPin' },
      { fault: 'restartClient' },
    ]);
    expect(result.value.steps[3]).toMatchObject({ id: 'f', note: 'why' });
  });

  it.each([
    [
      {
        steps: [
          { kind: 'login' },
          { kind: 'login' },
          { kind: 'login' },
          { kind: 'pay', amount: 12.5 },
        ],
      },
      'steps[3].amount: expected a decimal string such as "12.50"',
    ],
    [
      { steps: [{ kind: 'pay', amount: '1,50' }] },
      'steps[0].amount: expected a decimal string such as "12.50"',
    ],
    [
      { steps: [{ kind: 'pay', amount: '1.234' }] },
      'steps[0].amount: amount 1.234 has more decimals than EUR allows (2)',
    ],
    [
      { simulator: { currency: 'JPY' }, steps: [{ kind: 'pay', amount: '100.5' }] },
      'steps[0].amount: amount 100.5 has more decimals than JPY allows (0)',
    ],
    [{ steps: [{ kind: 'pay', amount: '1', amout: 2 }] }, 'steps[0]: unknown field "amout"'],
    [{ steps: [{ kind: 'login' }, { kind: 'paay' }] }, 'steps[1].kind: unknown step kind'],
    [
      { steps: [{ kind: 'fault', fault: 'busyNextLogin', count: 3 }] },
      'steps[0].fault: unknown fault',
    ],
    [{ steps: [{ kind: 'fault', fault: 'busyNextLogins' }] }, 'steps[0].count:'],
    [
      { steps: [{ kind: 'fault', fault: 'approveThenDrop', count: 1 }] },
      'steps[0]: unknown field "count" for this fault',
    ],
    [
      { steps: [{ kind: 'waitFor', session: 'redy' }] },
      'steps[0].session: expected a session state (offline, connecting',
    ],
    [{ steps: [{ kind: 'waitFor' }] }, 'steps[0]: expected "session" or "op"'],
    [{ steps: [{ kind: 'wait', ms: -1 }] }, 'steps[0].ms: expected 0 or more milliseconds'],
    [
      { steps: [{ kind: 'expectOutcome', of: 'p1', outcome: 'approved' }] },
      'steps[0].of: no earlier step has the id "p1"',
    ],
    [
      {
        steps: [
          { kind: 'login', id: 'x' },
          { kind: 'expectOutcome', of: 'x', outcome: 'approved' },
        ],
      },
      'steps[1].outcome: "approved" is not an outcome of login',
    ],
    [
      {
        steps: [
          { kind: 'login', id: 'x' },
          { kind: 'expectOutcome', of: 'x', outcome: 'succeeded', result: 'approved' },
        ],
      },
      'steps[1].result: only a payment has a result',
    ],
    [
      {
        steps: [
          { kind: 'login', id: 'x' },
          { kind: 'status', of: 'x' },
        ],
      },
      'steps[1].of: step "x" is a login step; expected pay',
    ],
    [
      {
        steps: [
          { kind: 'login', id: 'x' },
          { kind: 'logout', id: 'x' },
        ],
      },
      'steps[1].id: the id "x" is already used',
    ],
    [
      {
        steps: [
          { kind: 'pay', id: 'p', amount: '1' },
          { kind: 'status', of: 'p', serviceId: 'S1' },
        ],
      },
      'steps[1].of: "serviceId" and "of" exclude each other',
    ],
    [
      {
        steps: [
          { kind: 'send', id: 's', category: 'Admin' },
          { kind: 'expectResponse', of: 's', none: true, result: 'Success' },
        ],
      },
      'steps[1].result: "none" and "result" exclude each other',
    ],
    [
      { steps: [{ kind: 'expectLedger' }] },
      'steps[0]: expected "approvals" or "unreversedApprovals"',
    ],
    [
      { steps: [{ kind: 'expectLedger', approvals: { min: -1 } }] },
      'steps[0].approvals.min: expected a whole number, 0 or more',
    ],
    [
      { steps: [{ kind: 'expectVerdicts', fail: ['nope'] }] },
      'steps[0].fail[0]: expected a checker name',
    ],
    [
      { steps: [{ kind: 'expectLedger', approvals: 'one' }] },
      'steps[0].approvals: expected a count',
    ],
    [
      { steps: [{ kind: 'expectLedger', approvals: {} }] },
      'steps[0].approvals: expected min, max or both',
    ],
    [{ steps: [] }, 'steps: expected at least one step'],
    [
      { version: 2, steps: [{ kind: 'login' }] },
      'version: unsupported scenario version (this harness reads version 1)',
    ],
    [{ format: 'a2a-trace', steps: [{ kind: 'login' }] }, 'format: expected "a2a-scenario"'],
    [{ name: 'Busy At Start', steps: [{ kind: 'login' }] }, 'name: expected a kebab-case name'],
    [{ profile: 'visa', steps: [{ kind: 'login' }] }, 'profile:'],
    [
      { policy: { paymentTimeoutMs: 'soon' }, steps: [{ kind: 'login' }] },
      'policy.paymentTimeoutMs:',
    ],
    [
      { policy: { paymentTimeout: 1 }, steps: [{ kind: 'login' }] },
      'policy: unknown field "paymentTimeout"',
    ],
    [{ simulator: { cardMs: -5 }, steps: [{ kind: 'login' }] }, 'simulator.cardMs:'],
  ])('refuses %j with a message naming the place', (extra, expected) => {
    expect(errorOf(extra)).toContain(expected);
  });

  it('lists every problem, first one first', () => {
    const result = parse({ steps: [{ kind: 'pay', amount: 1 }, { kind: 'wait' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid');
    expect(result.error.issues.map((i) => i.path)).toEqual(['steps[0].amount', 'steps[1].ms']);
  });

  it('names the line and column of a JSON syntax error', () => {
    const result = parseScenario('{\n  "format": "a2a-scenario",\n  oops\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('json');
    expect(result.error.message).toMatch(/^not JSON: line 3, column 3: /);
  });

  it('refuses JSON that is not an object', () => {
    expect(parseScenario('[1, 2]')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/expected a JSON object/) },
    });
  });

  it('accepts a byte-order mark', () => {
    expect(
      parseScenario(`\uFEFF${JSON.stringify({ ...BASE, steps: [{ kind: 'login' }] })}`).ok,
    ).toBe(true);
  });

  it('answers a parsed value exactly as it answers its text', () => {
    const inputs: unknown[] = [
      { ...BASE, steps: [{ kind: 'pay', id: 'p1', amount: '12.50' }, { kind: 'expectVerdicts' }] },
      { ...BASE, steps: [{ kind: 'pay', amount: 1 }, { kind: 'wait' }] },
      { ...BASE, steps: [{ kind: 'expectOutcome', of: 'nowhere', outcome: 'approved' }] },
      { ...BASE, steps: [{ kind: 'pay', amount: '12.345' }] },
      { ...BASE, extra: true, steps: [] },
      [1, 2],
      'a2a-scenario',
    ];
    for (const input of inputs) {
      expect(parseScenarioValue(input)).toEqual(parseScenario(JSON.stringify(input)));
    }
  });
});
