import { z } from 'zod';
import {
  ALIGNMENTS,
  AUTHENTICATION_METHODS,
  CHARACTER_STYLES,
  DEVICES,
  DOCUMENT_QUALIFIERS,
  ENTRY_MODES,
  ERROR_CONDITIONS,
  EVENTS_TO_NOTIFY,
  INFO_QUALIFIERS,
  MESSAGE_CATEGORIES,
  MESSAGE_CLASSES,
  MESSAGE_TYPES,
  OUTPUT_FORMATS,
  PAYMENT_INSTRUMENT_TYPES,
  PAYMENT_TYPES,
  RESULTS,
  REVERSAL_REASONS,
  SALE_CAPABILITIES,
  TERMINAL_ENVIRONMENTS,
} from './enums';
import { wireToMinor } from './money';
import { requireKeys, schemaKit, type Mode } from './schema-kit';

/** The key that wraps the repeated body in the nexo/Adyen form of RepeatedMessageResponse. */
const REPEATED_WRAPPER = 'RepeatedResponseMessageBody';

/**
 * The keys of a RepeatedMessageResponse that hold a repeated response body, in both forms:
 * wrapped (`RepeatedResponseMessageBody: {PaymentResponse}`, the nexo/Adyen schema) and flat
 * (`PaymentResponse` directly beside the MessageHeader, as some terminals send it).
 */
export function repeatedBodyKeys(value: Readonly<Record<string, unknown>>): {
  readonly wrapped: readonly string[];
  readonly flat: readonly string[];
} {
  const wrapper = value[REPEATED_WRAPPER];
  const wrapped =
    typeof wrapper === 'object' && wrapper !== null && !Array.isArray(wrapper)
      ? Object.keys(wrapper).filter((key) => key.endsWith('Response'))
      : [];
  const flat = Object.keys(value).filter((key) => key.endsWith('Response'));
  return { wrapped, flat };
}

/**
 * The nexo Sale-to-POI model as zod schemas, built for one {@link Mode}. Both modes share the
 * field definitions and static types; they differ only in what they tolerate.
 */
/** A SaleSoftware/POISoftware that names its provider only as `ManufacturerID` gets it copied. */
function providerFromManufacturer(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const fields = value as Readonly<Record<string, unknown>>;
  if (fields.ProviderIdentification !== undefined || fields.ManufacturerID === undefined) {
    return value;
  }
  return { ...fields, ProviderIdentification: fields.ManufacturerID };
}

export function nexoSchemas(mode: Mode) {
  const k = schemaKit(mode);
  const text = z.string();
  const nonEmpty = z.string().min(1, 'must not be empty');

  /** Strict-only: an amount must be expressible in its currency's minor units. */
  function amountsFit(fields: readonly string[]) {
    return (value: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx) => {
      if (!k.strict) return;
      const currency = typeof value.Currency === 'string' ? value.Currency : 'EUR';
      for (const field of fields) {
        const amount = value[field];
        if (typeof amount !== 'number') continue;
        const minor = wireToMinor(amount, currency);
        if (!minor.ok) ctx.addIssue({ code: 'custom', path: [field], message: minor.error.reason });
      }
    };
  }

  const MessageHeader = k
    .obj({
      ProtocolVersion: text.optional(),
      MessageClass: k.code(MESSAGE_CLASSES),
      MessageCategory: k.code(MESSAGE_CATEGORIES),
      MessageType: k.code(MESSAGE_TYPES),
      ServiceID: k.serviceId().optional(),
      DeviceID: k.serviceId().optional(),
      SaleID: nonEmpty,
      POIID: nonEmpty,
    })
    .superRefine((header, ctx) => {
      // nexo: a Service exchange is paired by ServiceID; a Device exchange by ServiceID or
      // DeviceID; an Event notification needs neither (the Reject in the conformance set has none).
      if (header.MessageClass === 'Service' && header.ServiceID === undefined) {
        requireKeys(header, ctx, ['ServiceID']);
      }
      if (
        header.MessageClass === 'Device' &&
        header.ServiceID === undefined &&
        header.DeviceID === undefined
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['ServiceID'],
          message: 'a Device message needs a ServiceID or a DeviceID',
        });
      }
    });

  const TransactionIdentification = k.obj({ TransactionID: nonEmpty, TimeStamp: k.dateTime() });

  const Response = k
    .obj({
      Result: k.code(RESULTS),
      ErrorCondition: k.code(ERROR_CONDITIONS).optional(),
      AdditionalResponse: text.optional(),
    })
    .superRefine((response, ctx) => {
      if (k.strict && response.Result === 'Failure') requireKeys(response, ctx, ['ErrorCondition']);
    });

  const MessageReference = k.obj({
    MessageCategory: k.code(MESSAGE_CATEGORIES).optional(),
    ServiceID: k.serviceId().optional(),
    DeviceID: k.serviceId().optional(),
    SaleID: nonEmpty.optional(),
    POIID: nonEmpty.optional(),
  });

  const SoftwareIdentificationObject = k
    .obj({
      ProviderIdentification: text,
      ApplicationName: text,
      SoftwareVersion: text,
      CertificationCode: text.optional(),
    })
    .superRefine((value, ctx) => {
      if (k.strict) requireKeys(value, ctx, ['CertificationCode']);
    });
  // Adyen's libraries name the provider `ManufacturerID` and drop `ProviderIdentification`
  // (README "Terminal API wire"); decoding takes either, encoding keeps the nexo name.
  const SoftwareIdentification = k.strict
    ? SoftwareIdentificationObject
    : z.preprocess(providerFromManufacturer, SoftwareIdentificationObject);

  const SaleTerminalData = k.obj({
    TerminalEnvironment: k.code(TERMINAL_ENVIRONMENTS).optional(),
    SaleCapabilities: z.array(k.code(SALE_CAPABILITIES)).optional(),
    TotalsGroupID: text.optional(),
  });

  // ---- Login / Logout ------------------------------------------------------------------------

  const LoginRequest = k
    .obj({
      DateTime: k.dateTime(),
      SaleSoftware: SoftwareIdentification,
      SaleTerminalData: SaleTerminalData.optional(),
      TrainingModeFlag: k.flag().optional(),
      OperatorLanguage: text.optional(),
      OperatorID: text.optional(),
      ShiftNumber: text.optional(),
      TokenRequestedType: text.optional(),
      CustomerOrderReq: z.array(text).optional(),
      POISerialNumber: text.optional(),
    })
    .superRefine((value, ctx) => {
      if (k.strict) requireKeys(value, ctx, ['OperatorLanguage']);
    });

  const POIStatus = k.obj({
    GlobalStatus: k.code(['OK', 'Busy', 'Maintenance', 'Unreachable']),
    SecurityOKFlag: k.flag().optional(),
    PEDOKFlag: k.flag().optional(),
    CardReaderOKFlag: k.flag().optional(),
    PrinterStatus: text.optional(),
    CommunicationOKFlag: k.flag().optional(),
    FraudPreventionFlag: k.flag().optional(),
  });

  const POISystemData = k.obj({
    DateTime: k.dateTime(),
    POISoftware: SoftwareIdentification,
    POITerminalData: k
      .obj({
        TerminalEnvironment: k.code(TERMINAL_ENVIRONMENTS).optional(),
        POICapabilities: z.array(text).optional(),
        POISerialNumber: text.optional(),
      })
      .optional(),
    POIStatus: POIStatus.optional(),
  });

  const LoginResponse = k.obj({ Response, POISystemData: POISystemData.optional() });
  const LogoutRequest = k.obj({ MaintenanceAllowed: k.flag().optional() });
  const LogoutResponse = k.obj({ Response });

  // ---- Payment -------------------------------------------------------------------------------

  const AmountsReq = k
    .obj({
      Currency: k.currency(),
      RequestedAmount: k.amount(),
      CashBackAmount: k.amount().optional(),
      TipAmount: k.amount().optional(),
      PaidAmount: k.amount().optional(),
      MinimumAmountToDeliver: k.amount().optional(),
      MaximumCashBackAmount: k.amount().optional(),
      MinimumSplitAmount: k.amount().optional(),
    })
    .superRefine(
      amountsFit([
        'RequestedAmount',
        'CashBackAmount',
        'TipAmount',
        'PaidAmount',
        'MinimumAmountToDeliver',
        'MaximumCashBackAmount',
        'MinimumSplitAmount',
      ]),
    );

  const SaleData = k.obj({
    SaleTransactionID: TransactionIdentification,
    SaleReferenceID: text.optional(),
    SaleToAcquirerData: text.optional(),
    SaleToPOIData: text.optional(),
    SaleToIssuerData: k.obj({ StatementReference: text.optional() }).optional(),
    OperatorID: text.optional(),
    OperatorLanguage: text.optional(),
    ShiftNumber: text.optional(),
    TokenRequestedType: text.optional(),
    CustomerOrderID: text.optional(),
    SaleTerminalData: SaleTerminalData.optional(),
  });

  const OriginalPOITransaction = k
    .obj({
      SaleID: nonEmpty.optional(),
      POIID: nonEmpty.optional(),
      POITransactionID: TransactionIdentification.optional(),
      ReuseCardDataFlag: k.flag().optional(),
      ApprovalCode: text.optional(),
      AcquirerID: text.optional(),
      HostTransactionID: TransactionIdentification.optional(),
    })
    .superRefine((value, ctx) => {
      // The simulator answers a missing POITransactionID with Failure, so decoding lets it in.
      if (k.strict) requireKeys(value, ctx, ['POITransactionID']);
    });

  const SaleItem = k.obj({
    ItemID: z.number().int(),
    ProductCode: text,
    EanUpc: text.optional(),
    UnitOfMeasure: text.optional(),
    Quantity: z.number().optional(),
    UnitPrice: k.amount().optional(),
    ItemAmount: k.amount(),
    TaxCode: text.optional(),
    ProductLabel: text.optional(),
  });

  const TransactionConditions = k.obj({
    AllowedPaymentBrand: z.array(text).optional(),
    AcquirerID: z.array(text).optional(),
    DebitPreferredFlag: k.flag().optional(),
    ForceOnlineFlag: k.flag().optional(),
    MerchantCategoryCode: text.optional(),
  });

  const PaymentTransaction = k.obj({
    AmountsReq,
    OriginalPOITransaction: OriginalPOITransaction.optional(),
    TransactionConditions: TransactionConditions.optional(),
    SaleItem: z.array(SaleItem).optional(),
  });

  const PaymentData = k.obj({
    PaymentType: k.code(PAYMENT_TYPES).optional(),
    SplitPaymentFlag: k.flag().optional(),
    RequestedValidityDate: text.optional(),
    CardAcquisitionReference: TransactionIdentification.optional(),
  });

  const PaymentRequest = k.obj({
    SaleData,
    PaymentTransaction,
    PaymentData: PaymentData.optional(),
  });

  const POIData = k.obj({
    POITransactionID: TransactionIdentification,
    POIReconciliationID: text.optional(),
  });

  const SensitiveCardData = k.obj({
    PAN: text.optional(),
    CardSeqNumb: text.optional(),
    ExpiryDate: text.optional(),
    TrackData: z
      .array(
        k.obj({
          TrackNumb: z.number().int().optional(),
          TrackFormat: text.optional(),
          TrackValue: text.optional(),
        }),
      )
      .optional(),
  });

  const CardData = k.obj({
    PaymentBrand: text.optional(),
    MaskedPan: text.optional(),
    EntryMode: z.array(k.code(ENTRY_MODES)).optional(),
    CardCountryCode: text.optional(),
    SensitiveCardData: SensitiveCardData.optional(),
    // Encrypted card data (CMS EnvelopedData): opaque to the harness in both modes.
    ProtectedCardData: z.record(z.string(), z.unknown()).optional(),
    PaymentToken: k
      .obj({
        TokenRequestedType: text,
        TokenValue: text,
        ExpiryDateTime: text.optional(),
      })
      .optional(),
  });

  const PaymentInstrumentData = k.obj({
    PaymentInstrumentType: k.code(PAYMENT_INSTRUMENT_TYPES),
    CardData: CardData.optional(),
  });

  const AmountsResp = k
    .obj({
      Currency: k.currency().optional(),
      AuthorizedAmount: k.amount(),
      TotalRebatesAmount: k.amount().optional(),
      TotalFeesAmount: k.amount().optional(),
      CashBackAmount: k.amount().optional(),
      TipAmount: k.amount().optional(),
    })
    .superRefine(
      amountsFit([
        'AuthorizedAmount',
        'TotalRebatesAmount',
        'TotalFeesAmount',
        'CashBackAmount',
        'TipAmount',
      ]),
    );

  const PaymentAcquirerData = k.obj({
    AcquirerID: text.optional(),
    MerchantID: text,
    AcquirerPOIID: text,
    AcquirerTransactionID: TransactionIdentification.optional(),
    ApprovalCode: text.optional(),
    HostReconciliationID: text.optional(),
  });

  const PaymentResult = k.obj({
    PaymentType: k.code(PAYMENT_TYPES).optional(),
    PaymentInstrumentData: PaymentInstrumentData.optional(),
    AmountsResp: AmountsResp.optional(),
    CustomerLanguage: text.optional(),
    OnlineFlag: k.flag().optional(),
    AuthenticationMethod: z.array(k.code(AUTHENTICATION_METHODS)).optional(),
    ValidityDate: text.optional(),
    MerchantOverrideFlag: k.flag().optional(),
    PaymentAcquirerData: PaymentAcquirerData.optional(),
  });

  const OutputText = k.obj({
    Text: text,
    CharacterStyle: k.code(CHARACTER_STYLES).optional(),
    Alignment: k.code(ALIGNMENTS).optional(),
    EndOfLineFlag: k.flag().optional(),
    Color: text.optional(),
    CharacterWidth: text.optional(),
    CharacterHeight: text.optional(),
  });

  const OutputContent = k.obj({
    OutputFormat: k.code(OUTPUT_FORMATS),
    OutputText: z.array(OutputText).optional(),
    PredefinedContent: k.obj({ ReferenceID: text, Language: text.optional() }).optional(),
    OutputXHTML: text.optional(),
    OutputBarcode: k.obj({ BarcodeType: text.optional(), BarcodeValue: text }).optional(),
  });

  const PaymentReceipt = k.obj({
    DocumentQualifier: k.code(DOCUMENT_QUALIFIERS),
    RequiredSignatureFlag: k.flag().optional(),
    IntegratedPrintFlag: k.flag().optional(),
    OutputContent,
  });

  const PaymentResponse = k
    .obj({
      Response,
      SaleData: SaleData.optional(),
      POIData: POIData.optional(),
      PaymentResult: PaymentResult.optional(),
      PaymentReceipt: z.array(PaymentReceipt).optional(),
      CustomerOrderID: text.optional(),
    })
    .superRefine((value, ctx) => {
      // Mandatory in nexo; lenient because a terminal answering Busy may leave them out.
      if (k.strict) requireKeys(value, ctx, ['SaleData', 'POIData']);
    });

  // ---- Reversal ------------------------------------------------------------------------------

  const ReversalRequest = k.obj({
    OriginalPOITransaction,
    ReversalReason: k.code(REVERSAL_REASONS),
    ReversedAmount: k.amount().optional(),
    SaleData: SaleData.optional(),
    SaleReferenceID: text.optional(),
    CustomerOrderID: text.optional(),
  });

  const ReversalResponse = k.obj({
    Response,
    POIData: POIData.optional(),
    OriginalPOITransaction: OriginalPOITransaction.optional(),
    ReversedAmount: k.amount().optional(),
    PaymentReceipt: z.array(PaymentReceipt).optional(),
    CustomerOrderID: text.optional(),
  });

  // ---- TransactionStatus ---------------------------------------------------------------------

  const RepeatedResponseMessageBody = k.obj({
    PaymentResponse: PaymentResponse.optional(),
    ReversalResponse: ReversalResponse.optional(),
  });

  const RepeatedMessageResponse = k
    .obj({
      MessageHeader,
      RepeatedResponseMessageBody: RepeatedResponseMessageBody.optional(),
      PaymentResponse: PaymentResponse.optional(),
      ReversalResponse: ReversalResponse.optional(),
    })
    .superRefine((value, ctx) => {
      const { wrapped, flat } = repeatedBodyKeys(value);
      const count = wrapped.length + flat.length;
      if (count !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: wrapped.length > 0 ? [REPEATED_WRAPPER] : [],
          message:
            count === 0
              ? 'a RepeatedMessageResponse carries one response body (e.g. PaymentResponse)'
              : 'a RepeatedMessageResponse carries exactly one response body',
        });
      }
    });

  const TransactionStatusRequest = k.obj({
    MessageReference: MessageReference.optional(),
    ReceiptReprintFlag: k.flag().optional(),
    DocumentQualifier: z.array(k.code(DOCUMENT_QUALIFIERS)).optional(),
  });

  const TransactionStatusResponse = k.obj({
    Response,
    MessageReference: MessageReference.optional(),
    RepeatedMessageResponse: RepeatedMessageResponse.optional(),
  });

  // ---- Display / Abort / Admin / Event -------------------------------------------------------

  const DisplayOutput = k.obj({
    ResponseRequiredFlag: k.flag().optional(),
    MinimumDisplayTime: z.number().int().nonnegative().optional(),
    Device: k.code(DEVICES),
    InfoQualify: k.code(INFO_QUALIFIERS),
    OutputContent,
    OutputSignature: text.optional(),
  });

  const DisplayRequest = k.obj({ DisplayOutput: z.array(DisplayOutput).min(1) });

  const DisplayResponse = k.obj({
    OutputResult: z
      .array(k.obj({ Device: k.code(DEVICES), InfoQualify: k.code(INFO_QUALIFIERS), Response }))
      .min(1),
  });

  const AbortRequest = k.obj({
    MessageReference,
    AbortReason: text,
    DisplayOutput: DisplayOutput.optional(),
  });

  const AdminRequest = k.obj({ ServiceIdentification: text.optional() });
  const AdminResponse = k.obj({ Response });

  const EventNotification = k.obj({
    TimeStamp: k.dateTime(),
    EventToNotify: k.code(EVENTS_TO_NOTIFY),
    EventDetails: text.optional(),
    RejectedMessage: text.optional(),
    MaintenanceRequiredFlag: k.flag().optional(),
    CustomerLanguage: text.optional(),
    DisplayOutput: DisplayOutput.optional(),
  });

  /** Every modelled message body, keyed by the name it has inside the envelope. */
  const bodies = {
    LoginRequest,
    LoginResponse,
    LogoutRequest,
    LogoutResponse,
    PaymentRequest,
    PaymentResponse,
    ReversalRequest,
    ReversalResponse,
    TransactionStatusRequest,
    TransactionStatusResponse,
    AbortRequest,
    AdminRequest,
    AdminResponse,
    DisplayRequest,
    DisplayResponse,
    EventNotification,
  };

  return {
    MessageHeader,
    Response,
    MessageReference,
    TransactionIdentification,
    SoftwareIdentification,
    SaleData,
    POIData,
    AmountsReq,
    AmountsResp,
    PaymentResult,
    PaymentReceipt,
    OutputContent,
    DisplayOutput,
    OriginalPOITransaction,
    RepeatedMessageResponse,
    POISystemData,
    bodies,
  };
}

/** The schema set of one mode. */
export type NexoSchemas = ReturnType<typeof nexoSchemas>;

/** Schemas for decoding what a peer sent. */
export const lenientSchemas: NexoSchemas = nexoSchemas('lenient');
/** Schemas for checking what the harness is about to send. */
export const strictSchemas: NexoSchemas = nexoSchemas('strict');

/** The schemas the codec runs on every frame: the header, the Response and every body. */
export type FrameSchemaName = 'MessageHeader' | 'Response' | keyof NexoSchemas['bodies'];

/**
 * One of the {@link FrameSchemaName} schemas with zod's ahead-of-time compiled fast path
 * (`z.compile`): a valid frame runs generated code instead of the per-node parser, and anything
 * the fast path rejects is parsed again by the runtime schema, so errors and their paths stay
 * exactly the runtime's (README "Performance"). Each schema is compiled when a frame first needs
 * it, not at import: compiling all of them up front delayed a process's first frame by tens of
 * milliseconds, and compilation uses `new Function`, which a page under a strict CSP must never
 * attempt.
 */
export function compiledSchema(mode: Mode, name: FrameSchemaName): z.ZodType<unknown> {
  // One table per mode, keyed by the schema's own name: no key text is built per frame.
  const cache = compiledCache[mode];
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const source = mode === 'strict' ? strictSchemas : lenientSchemas;
  const runtime: z.ZodType<unknown> =
    name === 'MessageHeader' || name === 'Response' ? source[name] : source.bodies[name];
  const compiled = z.compile(runtime);
  cache.set(name, compiled);
  return compiled;
}

const compiledCache: Readonly<Record<Mode, Map<FrameSchemaName, z.ZodType<unknown>>>> = {
  strict: new Map(),
  lenient: new Map(),
};
