import { wireToMinor } from '../protocol/money';
import type { LedgerEntry } from '../trace/events';

type Json = Readonly<Record<string, unknown>>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function at(value: unknown, ...keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) current = asObject(current)?.[key];
  return current;
}

/** The body and header of a parsed envelope, whichever side sent it. */
function partsOf(json: unknown): { header: Json; body: Json } | undefined {
  const root = asObject(json);
  const message = asObject(root?.SaleToPOIRequest) ?? asObject(root?.SaleToPOIResponse);
  const header = asObject(message?.MessageHeader);
  const category = asText(header?.MessageCategory);
  const type = asText(header?.MessageType);
  const body = category && type ? asObject(message?.[`${category}${type}`]) : undefined;
  return header && body ? { header, body } : undefined;
}

function minorOf(value: unknown, currency: string): number | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const minor = wireToMinor(value, currency);
  return minor.ok ? minor.value : undefined;
}

const RESULTS: Readonly<Record<string, LedgerEntry['result']>> = {
  Success: 'approved',
  Partial: 'partial',
  Failure: 'declined',
};

/** What the proxy remembers of a payment request until its response passes. */
interface PendingPayment {
  readonly saleTransactionId: string | undefined;
  readonly amount: unknown;
  readonly currency: string | undefined;
}

/**
 * Most requests remembered while their response is awaited. A response that never comes must not
 * grow memory without bound; the oldest is forgotten first.
 */
export const MAX_PENDING = 1024;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > MAX_PENDING) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
}

/** A change of the reported ledger, in the shape of the simulator's ledger events. */
export interface LedgerChange {
  readonly change: 'recorded' | 'reversed';
  readonly entry: LedgerEntry;
}

/**
 * The ledger as the terminal reported it: every PaymentResponse the terminal sent (whether or
 * not a fault then lost it on the way to the POS) and every successful reversal. A proxy has no
 * ledger of its own, and "no double charge" must count what the terminal really charged, not
 * what the POS was told.
 */
export class ReportedLedger {
  private readonly pending = new Map<string, PendingPayment>();
  private readonly pendingReversals = new Map<string, string>();
  private readonly entries = new Map<string, LedgerEntry>();

  /** Notes a request the POS sent on `pair` (payments and reversals only). */
  onRequest(pair: string, json: unknown): void {
    const parts = partsOf(json);
    const serviceId = asText(parts?.header.ServiceID);
    if (parts === undefined || serviceId === undefined) return;
    const category = asText(parts.header.MessageCategory);
    const key = `${pair}\u0000${serviceId}`;
    if (category === 'Payment') {
      const amounts = at(parts.body, 'PaymentTransaction', 'AmountsReq');
      remember(this.pending, key, {
        saleTransactionId: asText(at(parts.body, 'SaleData', 'SaleTransactionID', 'TransactionID')),
        amount: at(amounts, 'RequestedAmount'),
        currency: asText(at(amounts, 'Currency')),
      });
    } else if (category === 'Reversal') {
      const original = asText(
        at(parts.body, 'OriginalPOITransaction', 'POITransactionID', 'TransactionID'),
      );
      if (original !== undefined) remember(this.pendingReversals, key, original);
    }
  }

  /** Reads a response the terminal sent on `pair`; returns the ledger change it reports. */
  onResponse(pair: string, json: unknown, wallTime: string): LedgerChange | undefined {
    const parts = partsOf(json);
    const serviceId = asText(parts?.header.ServiceID);
    if (parts === undefined || serviceId === undefined) return undefined;
    const category = asText(parts.header.MessageCategory);
    const key = `${pair}\u0000${serviceId}`;
    if (category === 'Payment') return this.payment(key, parts, serviceId, wallTime);
    if (category === 'Reversal') return this.reversal(key, parts);
    return undefined;
  }

  list(): readonly LedgerEntry[] {
    return [...this.entries.values()];
  }

  private payment(
    key: string,
    parts: { header: Json; body: Json },
    serviceId: string,
    wallTime: string,
  ): LedgerChange | undefined {
    const request = this.pending.get(key);
    this.pending.delete(key);
    const result = RESULTS[asText(at(parts.body, 'Response', 'Result')) ?? ''];
    const poiTransactionId = asText(at(parts.body, 'POIData', 'POITransactionID', 'TransactionID'));
    if (result === undefined || poiTransactionId === undefined) return undefined;
    const amounts = at(parts.body, 'PaymentResult', 'AmountsResp');
    const currency = asText(at(amounts, 'Currency')) ?? request?.currency ?? '';
    const amountMinor = minorOf(request?.amount, currency) ?? 0;
    const authorisedMinor =
      minorOf(at(amounts, 'AuthorizedAmount'), currency) ??
      (result === 'declined' ? 0 : amountMinor);
    const errorCondition = asText(at(parts.body, 'Response', 'ErrorCondition'));
    const entry: LedgerEntry = {
      saleId: asText(parts.header.SaleID) ?? '',
      saleTransactionId:
        asText(at(parts.body, 'SaleData', 'SaleTransactionID', 'TransactionID')) ??
        request?.saleTransactionId ??
        '',
      poiTransactionId,
      serviceId,
      amountMinor,
      authorisedMinor,
      currency,
      result,
      ...(errorCondition === undefined ? {} : { errorCondition }),
      reversed: false,
      at: wallTime,
    };
    this.entries.set(poiTransactionId, entry);
    return { change: 'recorded', entry };
  }

  private reversal(key: string, parts: { body: Json }): LedgerChange | undefined {
    const original = this.pendingReversals.get(key);
    this.pendingReversals.delete(key);
    if (original === undefined || asText(at(parts.body, 'Response', 'Result')) !== 'Success') {
      return undefined;
    }
    const known = this.entries.get(original);
    if (known === undefined) return undefined;
    const entry = { ...known, reversed: true };
    this.entries.set(original, entry);
    return { change: 'reversed', entry };
  }
}
