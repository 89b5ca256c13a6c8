/**
 * nexo requests as a POS writes them, for the simulator's tests. Each builder takes the
 * ServiceID (tests choose them, so duplicates are deliberate) and returns the envelope value.
 */

type Json = Readonly<Record<string, unknown>>;

export const SALE_ID = 'POS1';

export function requestHeader(category: string, serviceId: string, saleId = SALE_ID): Json {
  return {
    ProtocolVersion: '3.0',
    MessageClass: 'Service',
    MessageCategory: category,
    MessageType: 'Request',
    ServiceID: serviceId,
    SaleID: saleId,
    POIID: 'ANY-POI',
  };
}

function request(category: string, serviceId: string, saleId: string, body: Json): Json {
  return {
    SaleToPOIRequest: {
      MessageHeader: requestHeader(category, serviceId, saleId),
      [`${category}Request`]: body,
    },
  };
}

export function login(serviceId: string, saleId = SALE_ID): Json {
  return request('Login', serviceId, saleId, {
    DateTime: '2026-01-01T00:00:00Z',
    SaleSoftware: {
      ProviderIdentification: 'Test',
      ApplicationName: 'Test POS',
      SoftwareVersion: '1.0',
      CertificationCode: 'X',
    },
    OperatorLanguage: 'en',
  });
}

/** The SaleSoftware of a POS on Adyen's SDK: its model has no ProviderIdentification (its serializer would drop it). */
export const SDK_POS_SALE_SOFTWARE = {
  ManufacturerID: 'Harness',
  ApplicationName: 'SDK POS',
  SoftwareVersion: '1.0',
  CertificationCode: 'none',
} as const;

export function logout(serviceId: string, saleId = SALE_ID): Json {
  return request('Logout', serviceId, saleId, {});
}

export interface PaymentFields {
  readonly amount?: number | string;
  readonly currency?: string;
  readonly saleTransactionId?: string;
  readonly saleId?: string;
}

export function payment(serviceId: string, fields: PaymentFields = {}): Json {
  return request('Payment', serviceId, fields.saleId ?? SALE_ID, {
    SaleData: {
      SaleTransactionID: {
        TransactionID: fields.saleTransactionId ?? `TX${serviceId}`,
        TimeStamp: '2026-01-01T00:00:00Z',
      },
    },
    PaymentTransaction: {
      AmountsReq: { Currency: fields.currency ?? 'EUR', RequestedAmount: fields.amount ?? 10 },
    },
  });
}

export function status(serviceId: string, reference?: Json, saleId = SALE_ID): Json {
  return request(
    'TransactionStatus',
    serviceId,
    saleId,
    reference === undefined ? {} : { MessageReference: reference },
  );
}

export function abort(serviceId: string, paymentServiceId: string, saleId = SALE_ID): Json {
  return request('Abort', serviceId, saleId, {
    MessageReference: { MessageCategory: 'Payment', ServiceID: paymentServiceId, SaleID: saleId },
    AbortReason: 'MerchantAbort',
  });
}

export function reversal(serviceId: string, poiTransactionId: string, saleId = SALE_ID): Json {
  return request('Reversal', serviceId, saleId, {
    OriginalPOITransaction: {
      POITransactionID: { TransactionID: poiTransactionId, TimeStamp: '2026-01-01T00:00:00Z' },
    },
    ReversalReason: 'MerchantCancel',
  });
}

export function admin(serviceId: string, serviceIdentification?: string, saleId = SALE_ID): Json {
  return request(
    'Admin',
    serviceId,
    saleId,
    serviceIdentification === undefined ? {} : { ServiceIdentification: serviceIdentification },
  );
}

export function diagnosis(serviceId: string, saleId = SALE_ID): Json {
  return request('Diagnosis', serviceId, saleId, { HostDiagnosisFlag: true });
}
