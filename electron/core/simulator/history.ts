import type { ResponseEnvelope, TransactionIdentification } from '@shared/protocol';
import { MAX_HISTORY_ENTRIES } from '@shared/protocol';

export type { TransactionIdentification };

/** The final response of a transaction, kept so TransactionStatus can repeat it. */
export type StoredResponse = ResponseEnvelope;

/** One Payment or Reversal the payment application processed. */
export interface TransactionRecord {
  readonly kind: 'Payment' | 'Reversal';
  readonly saleId: string;
  readonly serviceId: string;
  readonly poiTransactionId: TransactionIdentification;
  /** Present while the transaction runs; its final response once it finished. */
  response?: StoredResponse;
}

/**
 * The transaction history behind TransactionStatus and Reversal lookups. Like the ledger it
 * survives restarts and updates. Keeps the latest `capacity` transactions, forgetting the
 * oldest first (README "Reliability and limits").
 */
export class TransactionHistory {
  private records: TransactionRecord[] = [];

  constructor(private readonly capacity: number = MAX_HISTORY_ENTRIES) {}

  add(record: TransactionRecord): TransactionRecord {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.shift();
    return record;
  }

  finish(record: TransactionRecord, response: StoredResponse): void {
    record.response = response;
  }

  /** The transaction a MessageReference names (the latest, should a ServiceID repeat). */
  find(saleId: string, serviceId: string): TransactionRecord | undefined {
    return this.records.findLast((r) => r.saleId === saleId && r.serviceId === serviceId);
  }

  /** The last Payment or Reversal of a SaleID. */
  last(saleId: string): TransactionRecord | undefined {
    return this.records.findLast((r) => r.saleId === saleId);
  }

  byPoiTransactionId(kind: TransactionRecord['kind'], id: string): TransactionRecord | undefined {
    return this.records.find((r) => r.kind === kind && r.poiTransactionId.TransactionID === id);
  }

  clear(): void {
    this.records = [];
  }
}
