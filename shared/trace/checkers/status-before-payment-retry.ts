import type { Observer, TraceEvent } from '../events';
import { byPrimaryObserver, defineChecker, type EventReader } from './incremental';
import type { Verdict } from './types';
import { failed, judge, passed, plural } from './verdicts';
import {
  describe,
  isPoiResponse,
  isPosRequest,
  messageReferenceOf,
  saleOf,
  saleTransactionIdOf,
  serviceKey,
  readMessage,
  type WireMessage,
} from './frame-view';

const NAME = 'status-before-payment-retry';

/** What the POS knows about one payment it sent. */
interface Payment {
  readonly request: WireMessage;
  /** The sale it charges: SaleID + SaleTransactionID. */
  readonly sale: string;
  /** Seq of the frame that settled the outcome: its response or a definite status answer. */
  settledBy?: number;
  /** TransactionStatus requests about it, and their inconclusive answers (InProgress, Busy). */
  readonly statusSeqs: number[];
}

/** Status answers that settle a payment's outcome: the real result, or "it never happened". */
function isDefinite(answer: WireMessage): boolean {
  return answer.result === 'Success' || answer.errorCondition === 'NotFound';
}

/**
 * DESIGN §1 rule 5: a payment whose outcome the POS does not know (no PaymentResponse came) is
 * followed by a TransactionStatus about it, answered definitely (Success with the real outcome,
 * or NotFound), before any new payment for the same sale (SaleID + SaleTransactionID). A status
 * without MessageReference counts for the SaleID's latest payment (the terminal answers about
 * its last transaction).
 */
function read(observer: Observer | undefined): EventReader<Verdict[]> {
  const payments = new Map<string, Payment>();
  const bySale = new Map<string, Payment[]>();
  const latestBySaleId = new Map<string, Payment>();
  const statusAbout = new Map<string, Payment>();
  const violations: Verdict[] = [];
  let count = 0;
  let anonymous = 0;

  const onPayment = (m: WireMessage): void => {
    count++;
    const transaction = saleTransactionIdOf(m);
    if (transaction === undefined) anonymous++;
    const sale = `${saleOf(m)}\u0000${transaction ?? `#${m.seq}`}`;
    const payment: Payment = { request: m, sale, statusSeqs: [] };
    for (const earlier of bySale.get(sale) ?? []) {
      if (earlier.settledBy !== undefined) continue;
      const asked = earlier.statusSeqs.length > 0;
      violations.push(
        failed(
          NAME,
          `${describe(m)} for sale ${transaction ?? '?'} was sent while the outcome of ${describe(earlier.request)} was unknown, ` +
            (asked
              ? 'before a TransactionStatus answered Success or NotFound'
              : 'without asking TransactionStatus first'),
          [earlier.request.seq, ...earlier.statusSeqs, m.seq],
          m.seq,
        ),
      );
      // Reported once; a third payment is judged against the second.
      earlier.settledBy = m.seq;
    }
    payments.set(serviceKey(saleOf(m), m.serviceId), payment);
    const earlierOfSale = bySale.get(sale);
    if (earlierOfSale === undefined) bySale.set(sale, [payment]);
    else earlierOfSale.push(payment);
    latestBySaleId.set(saleOf(m), payment);
  };
  const onStatus = (m: WireMessage): void => {
    const reference = messageReferenceOf(m);
    const about =
      reference === undefined
        ? latestBySaleId.get(saleOf(m))
        : payments.get(serviceKey(saleOf(m), reference));
    if (about === undefined) return;
    about.statusSeqs.push(m.seq);
    statusAbout.set(serviceKey(saleOf(m), m.serviceId), about);
  };
  const onResponse = (m: WireMessage): void => {
    const key = serviceKey(saleOf(m), m.serviceId);
    if (m.category === 'Payment') {
      const payment = payments.get(key);
      if (payment !== undefined) payment.settledBy ??= m.seq;
    } else if (m.category === 'TransactionStatus') {
      const payment = statusAbout.get(key);
      if (payment === undefined) return;
      payment.statusSeqs.push(m.seq);
      if (isDefinite(m)) payment.settledBy ??= m.seq;
    }
  };

  const push = (event: TraceEvent): void => {
    if (event.kind !== 'message' || event.observer !== observer) return;
    const m = readMessage(event);
    if (isPosRequest(m) && m.category === 'Payment') onPayment(m);
    else if (isPosRequest(m) && m.category === 'TransactionStatus') onStatus(m);
    else if (isPoiResponse(m)) onResponse(m);
  };

  const verdicts = (): Verdict[] => {
    if (count === 0) return [passed(NAME, 'not applicable: the trace has no Payment requests')];
    const note =
      anonymous > 0
        ? ` (${plural(anonymous, 'payment')} without SaleTransactionID judged alone)`
        : '';
    return judge(
      NAME,
      violations,
      `no payment for a sale was sent while an earlier one's outcome was unknown (${plural(count, 'payment')})${note}`,
    );
  };

  return { push, read: verdicts };
}

export const statusBeforePaymentRetry = defineChecker({
  name: NAME,
  description:
    'A payment with an unknown outcome is followed by a TransactionStatus answered Success or NotFound before any new payment for that sale.',
  start: () => byPrimaryObserver(read),
});
