import { describe, expect, it } from 'vitest';
import { operationDeadlineMs } from './deadlines';
import { finalOutcome } from './final-outcome';
import { traceBuilder } from './fixtures/trace-builder';
import { checkedBothWays } from './fixtures/both-ways';

const check = checkedBothWays(finalOutcome);
const POLICY = { paymentTimeoutMs: 3000, statusPollMaxMs: 6000, queueTimeoutMs: 5000 };

describe('final-outcome', () => {
  it('passes operations that each end once', () => {
    const b = traceBuilder({ policy: POLICY });
    b.op('1', 'login', 'invoke');
    b.wait(10).op('1', 'login', 'ok', 'succeeded');
    b.op('2', 'pay', 'invoke');
    b.wait(2500).op('2', 'pay', 'ok', 'approved');
    b.op('3', 'status', 'invoke');
    b.wait(5).op('3', 'status', 'fail', 'declined');
    expect(check(b.build())).toEqual([
      expect.objectContaining({
        pass: true,
        message: expect.stringMatching(/every operation \(3\)/),
      }),
    ]);
  });

  it('fails an operation that ends twice', () => {
    const b = traceBuilder();
    const invoke = b.op('1', 'pay', 'invoke');
    const first = b.op('1', 'pay', 'ok', 'approved');
    const second = b.op('1', 'pay', 'info', 'unknown');
    expect(check(b.build())).toEqual([
      expect.objectContaining({ pass: false, events: [invoke, first, second] }),
    ]);
  });

  it('fails an operation that never ends once its deadline has passed', () => {
    const b = traceBuilder({ policy: POLICY });
    const invoke = b.op('1', 'status', 'invoke');
    const deadline = operationDeadlineMs('status', b.build().header.policy);
    b.wait(deadline + 1).op('2', 'login', 'invoke');
    const verdicts = check(b.build());
    expect(verdicts).toEqual([expect.objectContaining({ pass: false, events: [invoke] })]);
    expect(verdicts[0]?.message).toMatch(/never ended/);
  });

  it('does not call a trace cut short a hang', () => {
    const b = traceBuilder({ policy: POLICY });
    b.op('1', 'pay', 'invoke');
    b.wait(100).op('2', 'status', 'invoke');
    const [verdict] = check(b.build());
    expect(verdict).toMatchObject({
      pass: true,
      message: expect.stringMatching(/2 still running/),
    });
  });

  it('fails an outcome that came after the deadline', () => {
    const b = traceBuilder({ policy: POLICY });
    const invoke = b.op('1', 'abort', 'invoke');
    const late = b
      .wait(operationDeadlineMs('abort', b.build().header.policy) + 1)
      .op('1', 'abort', 'fail', 'failed');
    expect(check(b.build())[0]).toMatchObject({ pass: false, events: [invoke, late] });
  });

  it("restarts a payment's deadline on progress from the terminal", () => {
    const b = traceBuilder({ policy: POLICY });
    b.op('1', 'pay', 'invoke');
    const deadline = operationDeadlineMs('pay', b.build().header.policy);
    b.wait(deadline - 10).request('L1', 'Display', { serviceId: 'D1' });
    // A DisplayRequest travels to the POS: the builder's request() sends toPoi, so add it by hand.
    b.add({
      kind: 'message',
      observer: 'pos',
      direction: 'toPos',
      link: 'L1',
      json: {
        SaleToPOIRequest: {
          MessageHeader: { MessageCategory: 'Display', MessageType: 'Request', ServiceID: 'D2' },
        },
      },
    });
    b.wait(deadline - 10).op('1', 'pay', 'ok', 'approved');
    expect(check(b.build())[0]?.pass).toBe(true);
  });

  it('holds an operation to the deadline its invoke states', () => {
    const b = traceBuilder();
    b.add({ kind: 'op', op: '1', name: 'admin', phase: 'invoke', detail: { deadlineMs: 50 } });
    b.wait(51).op('1', 'admin', 'ok', 'succeeded');
    expect(check(b.build())[0]?.pass).toBe(false);
  });

  it('fails a final record without an invoke and an op id invoked twice', () => {
    const b = traceBuilder();
    const orphan = b.op('9', 'pay', 'ok', 'approved');
    b.op('1', 'login', 'invoke');
    const twice = b.op('1', 'login', 'invoke');
    b.op('1', 'login', 'ok', 'succeeded');
    const verdicts = check(b.build());
    expect(verdicts.map((v) => v.pass)).toEqual([false, false]);
    expect(verdicts.flatMap((v) => v.events)).toEqual(expect.arrayContaining([orphan, twice]));
  });

  it('is not applicable without operation records', () => {
    const b = traceBuilder({ observer: 'poi' });
    b.login('1', 'A1');
    expect(check(b.build())[0]).toMatchObject({
      pass: true,
      message: expect.stringMatching(/not applicable/),
    });
  });

  it('derives longer deadlines from longer policies', () => {
    const short = traceBuilder({ policy: POLICY }).build().header;
    const long = traceBuilder().build().header;
    for (const name of ['login', 'logout', 'pay', 'status', 'reverse', 'abort', 'admin']) {
      expect(operationDeadlineMs(name, short.policy)).toBeLessThan(
        operationDeadlineMs(name, long.policy),
      );
    }
    expect(operationDeadlineMs('mystery', long.policy)).toBe(
      operationDeadlineMs('pay', long.policy),
    );
  });
});
