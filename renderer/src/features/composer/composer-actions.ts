import type { OperationCallResult } from './use-operation';

/** A payment as the composer asks for it: the amount as typed (a decimal), never a float. */
export interface PaymentInput {
  readonly amount: string;
  readonly currency: string;
  readonly paymentType?: 'Normal' | 'Refund';
}

/** Admin requests the reference client can send. */
export type AdminKind = 'diagnosis' | 'update';

/** What the composer can ask the core to do (the `requests:*` calls), each to its final outcome. */
export interface ComposerActions {
  readonly login: () => Promise<OperationCallResult>;
  readonly logout: () => Promise<OperationCallResult>;
  readonly pay: (input: PaymentInput) => Promise<OperationCallResult>;
  /** No ServiceID = the last payment. */
  readonly status: (input: { readonly serviceId?: string }) => Promise<OperationCallResult>;
  /** No POITransactionID = the last approved payment. */
  readonly reverse: (input: { readonly poiTransactionId?: string }) => Promise<OperationCallResult>;
  /** No ServiceID = the payment in flight. */
  readonly abort: (input: { readonly serviceId?: string }) => Promise<OperationCallResult>;
  readonly admin: (input: { readonly kind: AdminKind }) => Promise<OperationCallResult>;
}

/** A payment that can still be aborted, for the Abort picker. */
export interface PaymentInFlight {
  readonly serviceId: string;
  /** e.g. "12.50 EUR, #17". */
  readonly label: string;
}
