import { describe, expect, it } from 'vitest';
import { parseSteps } from './exec-steps';

const embedded = { faultsAllowed: true };

describe('parseSteps', () => {
  it.each([
    ['login', { kind: 'login' }],
    ['logout', { kind: 'logout' }],
    ['pay:12.50', { kind: 'pay', amountMinor: 1250, currency: 'EUR' }],
    ['pay:0.1', { kind: 'pay', amountMinor: 10, currency: 'EUR' }],
    ['pay:1000:jpy', { kind: 'pay', amountMinor: 1000, currency: 'JPY' }],
    ['pay:1.234:KWD', { kind: 'pay', amountMinor: 1234, currency: 'KWD' }],
    ['status', { kind: 'status', serviceId: undefined }],
    ['status:A12', { kind: 'status', serviceId: 'A12' }],
    ['reverse', { kind: 'reverse', poiTransactionId: undefined }],
    ['reverse:P-7', { kind: 'reverse', poiTransactionId: 'P-7' }],
    ['abort', { kind: 'abort' }],
    ['admin', { kind: 'admin' }],
    ['admin:update', { kind: 'admin', adminKind: 'update' }],
    ['wait:1500', { kind: 'wait', ms: 1500 }],
    ['fault:restart', { kind: 'fault', command: { fault: 'restart' } }],
    ['fault:busyNextLogins:3', { kind: 'fault', command: { fault: 'busyNextLogins', count: 3 } }],
    [
      'fault:dropNextResponse:Payment',
      { kind: 'fault', command: { fault: 'dropNextResponse', category: 'Payment' } },
    ],
    ['fault:delayResponses:500', { kind: 'fault', command: { fault: 'delayResponses', ms: 500 } }],
    [
      'fault:delayResponses:500:Login',
      { kind: 'fault', command: { fault: 'delayResponses', ms: 500, category: 'Login' } },
    ],
    [
      'fault:restartDuringPayment',
      { kind: 'fault', command: { fault: 'restartDuringPayment', phase: 'authorising' } },
    ],
    [
      'fault:restartDuringPayment:waitingForCard',
      { kind: 'fault', command: { fault: 'restartDuringPayment', phase: 'waitingForCard' } },
    ],
    [
      'fault:nextPaymentOutcome:wrongPin',
      { kind: 'fault', command: { fault: 'nextPaymentOutcome', outcome: 'wrongPin' } },
    ],
    ['fault:dropLink', { kind: 'fault', command: { fault: 'dropLink', linkId: 'all' } }],
    ['fault:dropLink:L3', { kind: 'fault', command: { fault: 'dropLink', linkId: 'L3' } }],
  ])('reads %s', (text, expected) => {
    const parsed = parseSteps([text], embedded);
    expect(parsed.ok && parsed.value).toEqual([{ text, ...expected }]);
  });

  it.each([
    ['hello', /unknown step "hello"/],
    ['login:now', /takes no argument/],
    ['pay', /pay:AMOUNT/],
    ['pay:12,50', /not a decimal/],
    ['pay:12.505', /more decimals than EUR/],
    ['pay:-1', /positive/],
    ['pay:0', /positive/],
    ['admin:reboot', /admin\[:diagnosis\|update\]/],
    ['pay:1:EURO', /ISO 4217/],
    ['status:', /empty argument/],
    ['status:a:b', /at most one argument/],
    ['wait', /wait:MS/],
    ['wait:1.5', /wait:MS/],
    ['fault:explode', /unknown fault "explode"/],
    ['fault:busyNextLogins', /count/],
    ['fault:busyNextLogins:many', /count/],
    ['fault:restart:now', /takes no argument/],
    ['fault:nextPaymentOutcome:free', /outcome/],
  ])('refuses %s', (text, reason) => {
    const parsed = parseSteps([text], embedded);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(reason);
  });

  it('refuses fault steps without an embedded simulator', () => {
    const parsed = parseSteps(['login', 'fault:restart'], { faultsAllowed: false });
    expect(!parsed.ok && parsed.error).toMatch(/need --embedded/);
  });

  it('refuses an empty step list and stops at the first bad step', () => {
    expect(parseSteps([], embedded).ok).toBe(false);
    const parsed = parseSteps(['login', 'pay:x', 'bogus'], embedded);
    expect(!parsed.ok && parsed.error).toMatch(/pay:x/);
  });
});
