import { describe, expect, it } from 'vitest';
import type { ArmedFaultsSnapshot } from '@shared/simulator/control';
import { armedFaultItems } from './armed-faults';

const NOTHING: ArmedFaultsSnapshot = {
  busyNextLogins: 0,
  dropNextResponse: [],
  delayResponses: {},
  approveThenDrop: false,
  restartDuringPayment: null,
  nextPaymentOutcome: null,
};

describe('armedFaultItems', () => {
  it('lists nothing when nothing is armed', () => {
    expect(armedFaultItems(NOTHING)).toEqual([]);
  });

  it('names each armed fault and what is left of it, in the fault bar order', () => {
    expect(
      armedFaultItems({
        busyNextLogins: 6,
        dropNextResponse: ['Payment', null],
        delayResponses: { '*': 3000, Login: 50 },
        approveThenDrop: true,
        restartDuringPayment: 'waitingForCard',
        nextPaymentOutcome: 'insufficientFunds',
      }).map((item) => [item.kind, item.text]),
    ).toEqual([
      ['busyNextLogins', 'BUSY next logins — 6 left'],
      ['dropNextResponse', 'Lose next response — 2 left (Payment, any category)'],
      ['approveThenDrop', 'Approve then lose response — the next payment'],
      ['restartDuringPayment', 'Restart during payment — while waiting for the card'],
      ['delayResponses', 'Delay responses — every category 3000 ms, Login 50 ms'],
      [
        'nextPaymentOutcome',
        'Force next payment outcome — declined by the issuer: insufficient funds',
      ],
    ]);
  });

  it("names the proxy's armed faults, its own kind included", () => {
    expect(
      armedFaultItems({
        busyNextLogins: 3,
        ignoreNextRequests: 2,
        dropNextResponse: [],
        delayResponses: { Payment: 5000 },
        approveThenDrop: true,
      }).map((item) => [item.kind, item.text]),
    ).toEqual([
      ['busyNextLogins', 'BUSY next logins — 3 left'],
      ['approveThenDrop', 'Approve then lose response — the next payment'],
      ['delayResponses', 'Delay responses — Payment 5000 ms'],
      ['ignoreNextRequests', 'Ignore next requests — 2 left'],
    ]);
  });
});
