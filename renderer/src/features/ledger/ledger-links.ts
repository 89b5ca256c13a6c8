import type { LedgerEntry } from '@shared/trace/events';
import type { TraceEvent } from '@shared/trace/view';

/** What the timeline holds about one ledger row: its messages and how its outcome was learnt. */
export interface LedgerLinks {
  /** The Payment request the row answers. */
  readonly requestSeq?: number;
  /** Its Payment response, when the POS got one. */
  readonly responseSeq?: number;
  /**
   * Recovered: the response was lost and the outcome came from TransactionStatus (DESIGN §1
   * rule 5). Seq of the TransactionStatus request that asked about it.
   */
  readonly statusSeq?: number;
  readonly recovered: boolean;
}

/** A timeline row, as far as the ledger reads it (the store's rows fit). */
export interface LinkableRow {
  readonly seq: number;
  readonly kind: TraceEvent['kind'];
  readonly category?: string;
  readonly type?: string;
  readonly direction?: string;
  readonly serviceId?: string;
  readonly event: TraceEvent;
}

const key = (saleId: string | undefined, serviceId: string): string =>
  `${saleId ?? ''}\u0000${serviceId}`;

const record = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof value === 'object' && value !== null
    ? (value as Readonly<Record<string, unknown>>)
    : undefined;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The envelope's header and body of a message event (either direction). */
function envelopeOf(event: TraceEvent): Readonly<Record<string, unknown>> | undefined {
  if (event.kind !== 'message') return undefined;
  const json = record(event.json);
  return record(json?.SaleToPOIRequest) ?? record(json?.SaleToPOIResponse);
}

function saleIdOf(event: TraceEvent): string | undefined {
  return text(record(envelopeOf(event)?.MessageHeader)?.SaleID);
}

/** The ServiceID a TransactionStatus request asks about (MessageReference.ServiceID). */
function referencedServiceId(event: TraceEvent): string | undefined {
  const body = record(envelopeOf(event)?.TransactionStatusRequest);
  return text(record(body?.MessageReference)?.ServiceID);
}

/** The ServiceIDs an operation record names (its own and its retries). */
function opServiceIds(detail: Readonly<Record<string, unknown>> | undefined): string[] {
  const ids = Array.isArray(detail?.serviceIds) ? detail.serviceIds : [];
  const own = text(detail?.serviceId);
  return [...ids.filter((id): id is string => typeof id === 'string'), ...(own ? [own] : [])];
}

interface Index {
  readonly requests: Map<string, number>;
  readonly responses: Map<string, number>;
  readonly statusAsks: Map<string, number>;
  /** ServiceIDs of payments the reference client reported recovered. */
  readonly recoveredIds: Set<string>;
}

/**
 * One pass over the timeline: for every Payment its request and response, the TransactionStatus
 * requests that asked about a payment, and the payments the client reported `recovered`. The
 * first copy of a frame wins (the client role records each frame from both sides).
 */
function indexRows(rows: readonly LinkableRow[]): Index {
  const index: Index = {
    requests: new Map(),
    responses: new Map(),
    statusAsks: new Map(),
    recoveredIds: new Set(),
  };
  for (const row of rows) {
    if (row.kind === 'op') {
      const event = row.event;
      if (event.kind === 'op' && event.outcome === 'recovered') {
        for (const id of opServiceIds(event.detail)) index.recoveredIds.add(id);
      }
      continue;
    }
    if (row.kind !== 'message' || row.serviceId === undefined) continue;
    const sale = saleIdOf(row.event);
    if (row.category === 'Payment') {
      const map = row.type === 'Request' ? index.requests : index.responses;
      const k = key(sale, row.serviceId);
      if (!map.has(k)) map.set(k, row.seq);
    } else if (row.category === 'TransactionStatus' && row.type === 'Request') {
      const asked = referencedServiceId(row.event);
      if (asked !== undefined && !index.statusAsks.has(key(sale, asked)))
        index.statusAsks.set(key(sale, asked), row.seq);
    }
  }
  return index;
}

/**
 * Links each ledger row to its messages on the timeline and says whether it was recovered: the
 * reference client reported it so, or (any POS, e.g. in terminal role) its response never
 * reached the POS and a TransactionStatus asked about it.
 */
export function linkLedger(
  entries: readonly LedgerEntry[],
  rows: readonly LinkableRow[],
): readonly LedgerLinks[] {
  const index = indexRows(rows);
  return entries.map((entry) => {
    const k = key(entry.saleId, entry.serviceId);
    const requestSeq = index.requests.get(k);
    const responseSeq = index.responses.get(k);
    const statusSeq = index.statusAsks.get(k);
    const recovered =
      index.recoveredIds.has(entry.serviceId) ||
      (responseSeq === undefined && statusSeq !== undefined);
    return { requestSeq, responseSeq, statusSeq: recovered ? statusSeq : undefined, recovered };
  });
}
