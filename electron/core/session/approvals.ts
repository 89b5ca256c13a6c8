import type { ApprovedPayment } from '@shared/ipc';
import { minorToDecimalText } from '@shared/protocol/money';
import { isPaymentOutcome, type Outcome, type TransactionRef } from '@shared/session/outcomes';

/**
 * The approved payments a run learnt from the final outcomes of the payments it ran (also with
 * an external peer, which has no ledger to read), and the one place that decides which of them a
 * reversal targets: the window's Reversal picker and `requests:reverse`, `a2a exec reverse` and
 * a scenario's `reverse` step all ask it.
 */
export interface Approvals {
  /** Learns from a final outcome: an approval (direct or recovered) or a successful Reversal of `reversedId`. */
  learn(outcome: Outcome, reversedId?: string): void;
  /** Newest first. */
  list(): readonly ApprovedPayment[];
  /** The newest approval that is not reversed. */
  lastOpen(): ApprovedPayment | undefined;
  /**
   * What a reversal targets: the POITransactionID named (with the TimeStamp of its approval when
   * this run saw it, else stamped `nowIso`), or without a name the newest approval not yet
   * reversed; undefined when there is none.
   */
  target(poiTransactionId: string | undefined, nowIso: string): TransactionRef | undefined;
}

/** The POITransactionID of an approval (approved, partial or recovered as such); undefined otherwise. */
export function approvalOf(outcome: Outcome): TransactionRef | undefined {
  if (!isPaymentOutcome(outcome) || !('result' in outcome)) return undefined;
  return outcome.result === 'declined' ? undefined : outcome.poiTransactionId;
}

export function createApprovals(): Approvals {
  const byId = new Map<string, ApprovedPayment>();
  const lastOpen = (): ApprovedPayment | undefined =>
    [...byId.values()].reverse().find((a) => !a.reversed);

  return {
    learn(outcome, reversedId) {
      if (!isPaymentOutcome(outcome)) {
        const entry = reversedId === undefined ? undefined : byId.get(reversedId);
        if (outcome.name === 'reverse' && outcome.kind === 'succeeded' && entry !== undefined)
          byId.set(entry.poiTransactionId.TransactionID, { ...entry, reversed: true });
        return;
      }
      const poi = approvalOf(outcome);
      if (poi === undefined || !('result' in outcome)) return;
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
    lastOpen,
    target(poiTransactionId, nowIso) {
      if (poiTransactionId === undefined) return lastOpen()?.poiTransactionId;
      return (
        byId.get(poiTransactionId)?.poiTransactionId ?? {
          TransactionID: poiTransactionId,
          TimeStamp: nowIso,
        }
      );
    },
  };
}
