/**
 * The nexo Sale-to-POI code lists the harness knows (nexo Retailer v3.x). Each list is an
 * `as const` array so the same values drive the strict schemas, the arbitraries and the UI.
 *
 * Decoding treats every list as open (real terminals send values outside the standard, see
 * DESIGN §1), which is why each type below is `Known | (string & {})`: editors still complete
 * the known values, and an unknown string type-checks. Encoding accepts only known values.
 */

/** A value from a known list, or any other string a real terminal might send. */
export type Open<T extends string> = T | (string & {});

/** MessageHeader.MessageClass. */
export const MESSAGE_CLASSES = ['Service', 'Device', 'Event'] as const;
/** A known MessageClass. */
export type KnownMessageClass = (typeof MESSAGE_CLASSES)[number];
/** MessageHeader.MessageClass as decoded. */
export type MessageClass = Open<KnownMessageClass>;

/** MessageHeader.MessageCategory: every category nexo defines, modelled or not. */
export const MESSAGE_CATEGORIES = [
  'Abort',
  'Admin',
  'BalanceInquiry',
  'Batch',
  'CardAcquisition',
  'CardReaderAPDU',
  'CardReaderInit',
  'CardReaderPowerOff',
  'Diagnosis',
  'Display',
  'EnableService',
  'Event',
  'GetTotals',
  'Input',
  'InputUpdate',
  'Login',
  'Logout',
  'Loyalty',
  'Payment',
  'PIN',
  'Print',
  'Reconciliation',
  'Reversal',
  'Sound',
  'StoredValue',
  'TransactionStatus',
  'Transmit',
] as const;
/** A known MessageCategory. */
export type KnownMessageCategory = (typeof MESSAGE_CATEGORIES)[number];
/** MessageHeader.MessageCategory as decoded. */
export type MessageCategory = Open<KnownMessageCategory>;

/** MessageHeader.MessageType. */
export const MESSAGE_TYPES = ['Request', 'Response', 'Notification'] as const;
/** A known MessageType. */
export type KnownMessageType = (typeof MESSAGE_TYPES)[number];
/** MessageHeader.MessageType as decoded. */
export type MessageType = Open<KnownMessageType>;

/** Response.Result. */
export const RESULTS = ['Success', 'Failure', 'Partial'] as const;
/** A known Result. */
export type KnownResult = (typeof RESULTS)[number];
/** Response.Result as decoded. */
export type ResultCode = Open<KnownResult>;

/** Response.ErrorCondition: the standard list; terminals add their own values. */
export const ERROR_CONDITIONS = [
  'Aborted',
  'Busy',
  'Cancel',
  'DeviceOut',
  'InProgress',
  'InsertedCard',
  'InvalidCard',
  'LoggedOut',
  'MessageFormat',
  'NotAllowed',
  'NotFound',
  'PaymentRestriction',
  'Refusal',
  'UnavailableDevice',
  'UnavailableService',
  'UnreachableHost',
  'WrongPIN',
] as const;
/** A known ErrorCondition. */
export type KnownErrorCondition = (typeof ERROR_CONDITIONS)[number];
/** Response.ErrorCondition as decoded. */
export type ErrorCondition = Open<KnownErrorCondition>;

/** EventNotification.EventToNotify. */
export const EVENTS_TO_NOTIFY = [
  'Abort',
  'BeginMaintenance',
  'CardInserted',
  'CardRemoved',
  'Completed',
  'CustomerLanguage',
  'EndMaintenance',
  'Initialised',
  'KeyPressed',
  'OutOfOrder',
  'Reject',
  'SaleAdmin',
  'SaleWakeUp',
  'SecurityAlarm',
  'Shutdown',
  'StopAssistance',
] as const;
/** A known EventToNotify. */
export type KnownEventToNotify = (typeof EVENTS_TO_NOTIFY)[number];
/** EventNotification.EventToNotify as decoded. */
export type EventToNotify = Open<KnownEventToNotify>;

/** DocumentQualifier (receipts, TransactionStatus reprints). */
export const DOCUMENT_QUALIFIERS = [
  'CashierReceipt',
  'CustomerReceipt',
  'Document',
  'Journal',
  'SaleReceipt',
  'Voucher',
] as const;
/** A known DocumentQualifier. */
export type DocumentQualifier = Open<(typeof DOCUMENT_QUALIFIERS)[number]>;

/** ReversalRequest.ReversalReason. */
export const REVERSAL_REASONS = [
  'CustCancel',
  'MerchantCancel',
  'Malfunction',
  'Unable2Compl',
] as const;
/** ReversalRequest.ReversalReason as decoded. */
export type ReversalReason = Open<(typeof REVERSAL_REASONS)[number]>;

/** DisplayOutput.Device and OutputResult.Device. */
export const DEVICES = [
  'CashierDisplay',
  'CashierInput',
  'CustomerDisplay',
  'CustomerInput',
] as const;
/** A display or input device as decoded. */
export type Device = Open<(typeof DEVICES)[number]>;

/** DisplayOutput.InfoQualify. */
export const INFO_QUALIFIERS = [
  'CustomerAssistance',
  'Display',
  'Document',
  'Error',
  'Input',
  'POIReplication',
  'Receipt',
  'Sound',
  'Status',
  'Voucher',
] as const;
/** InfoQualify as decoded. */
export type InfoQualify = Open<(typeof INFO_QUALIFIERS)[number]>;

/** OutputContent.OutputFormat. */
export const OUTPUT_FORMATS = ['BarCode', 'MessageRef', 'Text', 'XHTML'] as const;
/** OutputFormat as decoded. */
export type OutputFormat = Open<(typeof OUTPUT_FORMATS)[number]>;

/** OutputText.CharacterStyle. */
export const CHARACTER_STYLES = ['Bold', 'Italic', 'Normal', 'Underline'] as const;
/** CharacterStyle as decoded. */
export type CharacterStyle = Open<(typeof CHARACTER_STYLES)[number]>;

/** OutputText.Alignment. */
export const ALIGNMENTS = ['Centred', 'Justified', 'Left', 'Right'] as const;
/** Alignment as decoded. */
export type Alignment = Open<(typeof ALIGNMENTS)[number]>;

/** PaymentInstrumentData.PaymentInstrumentType. */
export const PAYMENT_INSTRUMENT_TYPES = ['Card', 'Cash', 'Check', 'Mobile', 'StoredValue'] as const;
/** PaymentInstrumentType as decoded. */
export type PaymentInstrumentType = Open<(typeof PAYMENT_INSTRUMENT_TYPES)[number]>;

/** CardData.EntryMode. */
export const ENTRY_MODES = [
  'Contactless',
  'File',
  'ICC',
  'Keyed',
  'MagStripe',
  'Manual',
  'Mobile',
  'RFID',
  'Scanned',
  'SynchronousICC',
  'Tapped',
] as const;
/** EntryMode as decoded. */
export type EntryMode = Open<(typeof ENTRY_MODES)[number]>;

/** PaymentResult.AuthenticationMethod. */
export const AUTHENTICATION_METHODS = [
  'Bypass',
  'ManualVerification',
  'MerchantAuthentication',
  'OfflinePIN',
  'OnlinePIN',
  'PaperSignature',
  'SecureCertificate',
  'SecureNoCertificate',
  'SecuredChannel',
  'SignatureCapture',
  'UnknownMethod',
] as const;
/** AuthenticationMethod as decoded. */
export type AuthenticationMethod = Open<(typeof AUTHENTICATION_METHODS)[number]>;

/** PaymentData.PaymentType and PaymentResult.PaymentType. */
export const PAYMENT_TYPES = [
  'CashAdvance',
  'CashDeposit',
  'Completion',
  'FirstReservation',
  'Instalment',
  'IssuerInstalment',
  'Normal',
  'OneTimeReservation',
  'PaidOut',
  'Recurring',
  'Refund',
  'UpdateReservation',
] as const;
/** PaymentType as decoded. */
export type PaymentType = Open<(typeof PAYMENT_TYPES)[number]>;

/** SaleTerminalData.TerminalEnvironment. */
export const TERMINAL_ENVIRONMENTS = ['Attended', 'SemiAttended', 'Unattended'] as const;
/** TerminalEnvironment as decoded. */
export type TerminalEnvironment = Open<(typeof TERMINAL_ENVIRONMENTS)[number]>;

/** SaleTerminalData.SaleCapabilities. */
export const SALE_CAPABILITIES = [
  'CashierDisplay',
  'CashierError',
  'CashierInput',
  'CashierStatus',
  'CustomerAssistance',
  'CustomerDisplay',
  'CustomerError',
  'CustomerInput',
  'EMVContactless',
  'ICC',
  'MagStripe',
  'POIReplication',
  'PrinterDocument',
  'PrinterReceipt',
  'PrinterVoucher',
] as const;
/** SaleCapabilities as decoded. */
export type SaleCapability = Open<(typeof SALE_CAPABILITIES)[number]>;

/** True when `value` is one of `known` (narrows to the known type). */
export function isKnown<const T extends readonly string[]>(
  known: T,
  value: string,
): value is T[number] {
  return (known as readonly string[]).includes(value);
}
