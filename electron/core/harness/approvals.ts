import type { ApprovedPayment } from '@shared/ipc';
import { minorToDecimalText } from '@shared/protocol/money';
import { isPaymentOutcome, type Outcome, type TransactionRef } from '@shared/session/outcomes';

/**
 * The approved payments of this core's life, learnt from the final outcomes of the payments it
 * ran (also across runs, and also with an external peer, which has no ledger to read): what the
 * Reversal picker offers and what `requests:reverse` defaults to.
 */
export interface Approvals {
  /** Learns from a final outcome: an approval (direct or recovered) or a successful Reversal. */
  learn(outcome: Outcome, reversedId?: string): void;
  /** Newest first. */
  list(): readonly ApprovedPayment[];
  /** The newest approval that is not reversed. */
  lastOpen(): ApprovedPayment | undefined;
  /** The TransactionRef of a known approval, or one stamped `now` for an id this core never saw. */
  refFor(poiTransactionId: string, nowIso: string): TransactionRef;
}

export function createApprovals(): Approvals {
  const byId = new Map<string, ApprovedPayment>();

  return {
    learn(outcome, reversedId) {
      if (!isPaymentOutcome(outcome)) {
        const entry = reversedId === undefined ? undefined : byId.get(reversedId);
        if (outcome.name === 'reverse' && outcome.kind === 'succeeded' && entry !== undefined)
          byId.set(entry.poiTransactionId.TransactionID, { ...entry, reversed: true });
        return;
      }
      if (!('result' in outcome) || outcome.result === 'declined') return;
      const poi = outcome.poiTransactionId;
      if (poi === undefined) return;
      byId.delete(poi.TransactionID);
      byId.set(poi.TransactionID, {
        op: outcome.op,
        poiTransactionId: poi,
        saleTransactionId: outcome.saleTransactionId,
        amount: minorToDecimalText(
          outcome.authorisedMinor ?? outcome.amountMinor,
          outcome.currency,
        ),
        currency: outcome.currency,
        ...(outcome.serviceId === undefined ? {} : { serviceId: outcome.serviceId }),
        reversed: false,
      });
    },
    list: () => [...byId.values()].reverse(),
    lastOpen: () => [...byId.values()].reverse().find((a) => !a.reversed),
    refFor: (id, nowIso) =>
      byId.get(id)?.poiTransactionId ?? { TransactionID: id, TimeStamp: nowIso },
  };
}
