import { resolvePolicy, type PaymentOutcome, type TransactionRef } from '@shared/session';
import type { EventBody, EventSink } from '@shared/trace/events';
import { RequestTimeoutError } from '../../client/client';
import {
  createSessionManager,
  type PayRequest,
  type SessionManager,
  type SessionManagerOptions,
} from '../../session';

/**
 * A deliberately broken POS, test-only: the reference session manager in everything but
 * payments, which it sends straight through the client and, when the answer does not come in
 * time, sends again with a new ServiceID — without asking TransactionStatus first. When the
 * first payment was approved and only its answer was lost, the customer pays twice. This is
 * the integration bug the checkers (`status-before-payment-retry`, `no-double-charge`) and
 * the fuzzer must catch.
 */
export function blindResendManager(options: SessionManagerOptions): SessionManager {
  const inner = createSessionManager(options);
  const { clock } = options;
  const policy = resolvePolicy(options.policy);
  const sinks = new Set<EventSink>();
  let nextOp = 1;
  let nextSale = 1;
  const emit = (event: EventBody): void => {
    for (const sink of [...sinks]) sink(event);
  };

  async function pay(request: PayRequest): Promise<PaymentOutcome> {
    const op = `BLIND-${nextOp++}`;
    const saleTransactionId: TransactionRef = {
      TransactionID: request.saleTransactionId ?? `BLIND${nextSale++}`,
      TimeStamp: new Date(clock.wallNow()).toISOString(),
    };
    const base = {
      op,
      amountMinor: request.amountMinor,
      currency: request.currency,
      saleTransactionId,
      statusServiceIds: [],
    };
    const serviceIds: string[] = [];
    emit({ kind: 'op', op, name: 'pay', phase: 'invoke', detail: { ...request } });
    // The bug: up to two attempts, the second one blind.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const message = inner.client.build({
        category: 'Payment',
        amountMinor: request.amountMinor,
        currency: request.currency,
        saleTransactionId,
      });
      serviceIds.push(message.serviceId);
      try {
        const answer = await inner.client.request(message, { timeoutMs: policy.paymentTimeoutMs });
        const { result, errorCondition } = answer.response;
        const outcome: PaymentOutcome =
          result === 'Success'
            ? {
                ...base,
                serviceIds,
                serviceId: message.serviceId,
                kind: 'approved',
                result: 'approved',
                ...(answer.response.payment?.poiTransactionId
                  ? { poiTransactionId: answer.response.payment.poiTransactionId }
                  : {}),
              }
            : {
                ...base,
                serviceIds,
                serviceId: message.serviceId,
                kind: 'declined',
                result: 'declined',
                errorCondition: errorCondition ?? 'Refusal',
              };
        emit({ kind: 'op', op, name: 'pay', phase: 'ok', outcome: outcome.kind });
        return outcome;
      } catch (error) {
        if (!(error instanceof RequestTimeoutError)) throw error;
        emit({
          kind: 'timeout',
          category: 'Payment',
          serviceId: message.serviceId,
          afterMs: policy.paymentTimeoutMs,
          op,
        });
      }
    }
    const outcome: PaymentOutcome = {
      ...base,
      serviceIds,
      kind: 'unknown',
      reason: 'no answer to two attempts',
    };
    emit({ kind: 'op', op, name: 'pay', phase: 'info', outcome: 'unknown' });
    return outcome;
  }

  return {
    ...inner,
    pay,
    onEvent(fn) {
      sinks.add(fn);
      const off = inner.onEvent(fn);
      return () => {
        sinks.delete(fn);
        off();
      };
    },
  };
}
