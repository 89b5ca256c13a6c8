import { describe, expect, it } from 'vitest';
import { decode, decodeValue, encode, encodeOrThrow, EncodeFailure } from './codec';
import { bodyOf, kindOf, type Envelope } from './envelope';

const header = {
  ProtocolVersion: '3.0',
  MessageClass: 'Service',
  MessageCategory: 'Login',
  MessageType: 'Request',
  ServiceID: '1',
  SaleID: 'POS-1',
  POIID: 'POI-1',
};

const login = {
  DateTime: '2024-05-14T13:26:21.209Z',
  SaleSoftware: {
    ProviderIdentification: 'Acme',
    ApplicationName: 'Till',
    SoftwareVersion: '1.0.0',
    CertificationCode: 'C1',
  },
  OperatorLanguage: 'en',
};

const loginEnvelope = { SaleToPOIRequest: { MessageHeader: header, LoginRequest: login } };

function errorOf(text: string) {
  const decoded = decode(text);
  if (decoded.ok) throw new Error('expected a decode error');
  return decoded.error;
}

describe('decode errors', () => {
  it.each([
    ['', 'notJson', '$'],
    ['{"SaleToPOIRequest": ', 'notJson', '$'],
    ['42', 'notEnvelope', '$'],
    ['[]', 'notEnvelope', '$'],
    ['{"Login": {}}', 'notEnvelope', '$'],
    ['{"SaleToPOIRequest": [], "SaleToPOIResponse": {}}', 'notEnvelope', '$'],
    ['{"SaleToPOIRequest": "x"}', 'notEnvelope', '$.SaleToPOIRequest'],
    ['{"SaleToPOIRequest": {}}', 'invalid', '$.SaleToPOIRequest.MessageHeader'],
  ])('%j → %s at %s', (text, kind, path) => {
    expect(errorOf(text)).toMatchObject({ kind, path });
  });

  it('names the field and why for a wrong type', () => {
    const text = JSON.stringify({
      SaleToPOIRequest: { MessageHeader: { ...header, SaleID: 7 }, LoginRequest: login },
    });
    expect(errorOf(text)).toMatchObject({
      kind: 'invalid',
      path: '$.SaleToPOIRequest.MessageHeader.SaleID',
      reason: expect.stringContaining('expected string'),
    });
  });

  it('requires a ServiceID on Service messages', () => {
    const { ServiceID: _omitted, ...withoutId } = header;
    const text = JSON.stringify({
      SaleToPOIRequest: { MessageHeader: withoutId, LoginRequest: login },
    });
    expect(errorOf(text)).toMatchObject({
      path: '$.SaleToPOIRequest.MessageHeader.ServiceID',
      reason: 'missing required field ServiceID',
    });
  });

  it('reports a missing body and what was found instead, with the valid header', () => {
    const text = JSON.stringify({ SaleToPOIRequest: { MessageHeader: header, LogoutRequest: {} } });
    const error = errorOf(text);
    expect(error).toMatchObject({ kind: 'invalid', path: '$.SaleToPOIRequest.LoginRequest' });
    expect(error.reason).toContain('found LogoutRequest');
    expect(error.header?.ServiceID).toBe('1');
  });

  it('refuses a second body', () => {
    const text = JSON.stringify({
      SaleToPOIRequest: { MessageHeader: header, LoginRequest: login, LogoutRequest: {} },
    });
    expect(errorOf(text).path).toBe('$.SaleToPOIRequest.LogoutRequest');
  });

  it('refuses a response type inside SaleToPOIRequest', () => {
    const text = JSON.stringify({
      SaleToPOIRequest: {
        MessageHeader: { ...header, MessageType: 'Response' },
        LoginResponse: {},
      },
    });
    expect(errorOf(text)).toMatchObject({ path: '$.SaleToPOIRequest.MessageHeader.MessageType' });
  });

  it('points into arrays and at body fields, keeping the header for an answer', () => {
    const text = JSON.stringify({
      SaleToPOIRequest: {
        MessageHeader: { ...header, MessageCategory: 'Display', MessageClass: 'Device' },
        DisplayRequest: {
          DisplayOutput: [
            {
              Device: 'CashierDisplay',
              InfoQualify: 'Status',
              OutputContent: { OutputFormat: 'Text' },
            },
            { Device: 'CashierDisplay', InfoQualify: 'Status', OutputContent: { OutputFormat: 5 } },
          ],
        },
      },
    });
    const error = errorOf(text);
    expect(error.path).toBe(
      '$.SaleToPOIRequest.DisplayRequest.DisplayOutput[1].OutputContent.OutputFormat',
    );
    expect(error.header?.MessageCategory).toBe('Display');
  });

  it('requires the Response block of a response, even of an unmodelled category', () => {
    const text = JSON.stringify({
      SaleToPOIResponse: {
        MessageHeader: { ...header, MessageCategory: 'CardAcquisition', MessageType: 'Response' },
        CardAcquisitionResponse: { POIData: {} },
      },
    });
    expect(errorOf(text)).toMatchObject({
      path: '$.SaleToPOIResponse.CardAcquisitionResponse.Response',
      reason: 'missing required field Response',
    });
  });

  it('quotes keys that are not identifiers', () => {
    const text = JSON.stringify({
      SaleToPOIRequest: {
        MessageHeader: { ...header, MessageCategory: 'Odd Category' },
        'Odd CategoryRequest': 1,
      },
    });
    expect(errorOf(text).path).toBe('$.SaleToPOIRequest["Odd CategoryRequest"]');
  });
});

describe('lenient decoding', () => {
  it('keeps unknown fields, including beside the header and body', () => {
    const decoded = decodeValue({
      SaleToPOIRequest: {
        MessageHeader: { ...header, Vendor: 'x' },
        LoginRequest: { ...login, Extension: { deep: [1, 2] } },
        SecurityTrailer: { ContentType: 'id-ct-authData' },
      },
    });
    expect(decoded.ok && decoded.value.envelope).toEqual({
      SaleToPOIRequest: {
        MessageHeader: { ...header, Vendor: 'x' },
        LoginRequest: { ...login, Extension: { deep: [1, 2] } },
        SecurityTrailer: { ContentType: 'id-ct-authData' },
      },
    });
  });

  it('accepts unknown code values and warns about them', () => {
    const decoded = decodeValue({
      SaleToPOIResponse: {
        MessageHeader: { ...header, MessageType: 'Response' },
        LoginResponse: { Response: { Result: 'Failure', ErrorCondition: 'TerminalAsleep' } },
      },
    });
    if (!decoded.ok) throw new Error(decoded.error.reason);
    expect(decoded.value.warnings).toEqual([
      '$.SaleToPOIResponse.LoginResponse.Response.ErrorCondition: ErrorCondition "TerminalAsleep" is not a standard nexo value (accepted)',
    ]);
  });

  it('accepts "true"/"false" strings as booleans', () => {
    const decoded = decodeValue({
      SaleToPOIRequest: {
        MessageHeader: header,
        LoginRequest: { ...login, TrainingModeFlag: 'True' },
      },
    });
    expect(decoded.ok && bodyOf(decoded.value.envelope)).toMatchObject({
      kind: 'LoginRequest',
      body: { TrainingModeFlag: true },
    });
    const wrong = decodeValue({
      SaleToPOIRequest: {
        MessageHeader: header,
        LoginRequest: { ...login, TrainingModeFlag: 'yes' },
      },
    });
    expect(wrong.ok ? 'ok' : wrong.error.path).toBe(
      '$.SaleToPOIRequest.LoginRequest.TrainingModeFlag',
    );
  });

  it('accepts a ServiceID over 10 characters with a warning', () => {
    const decoded = decodeValue({
      SaleToPOIRequest: {
        MessageHeader: { ...header, ServiceID: 'ABCDEFGHIJK' },
        LoginRequest: login,
      },
    });
    expect(decoded.ok && decoded.value.warnings).toEqual([
      '$.SaleToPOIRequest.MessageHeader.ServiceID: ServiceID "ABCDEFGHIJK" has 11 characters; nexo allows 1–10',
    ]);
  });

  it('lists warnings depth first in document order, with their full paths', () => {
    const decoded = decodeValue({
      SaleToPOIResponse: {
        MessageHeader: { ...header, MessageType: 'Response', ServiceID: 'ABCDEFGHIJK' },
        LoginResponse: {
          Response: { Result: 'Failure', ErrorCondition: 'TerminalAsleep' },
          'Vendor data': [{ EventToNotify: 'Nap' }, { deeper: { Result: 'Maybe' } }],
        },
      },
    });
    if (!decoded.ok) throw new Error(decoded.error.reason);
    expect(decoded.value.warnings).toEqual([
      '$.SaleToPOIResponse.MessageHeader.ServiceID: ServiceID "ABCDEFGHIJK" has 11 characters; nexo allows 1–10',
      '$.SaleToPOIResponse.LoginResponse.Response.ErrorCondition: ErrorCondition "TerminalAsleep" is not a standard nexo value (accepted)',
      '$.SaleToPOIResponse.LoginResponse["Vendor data"][0].EventToNotify: EventToNotify "Nap" is not a standard nexo value (accepted)',
      '$.SaleToPOIResponse.LoginResponse["Vendor data"][1].deeper.Result: Result "Maybe" is not a standard nexo value (accepted)',
    ]);
  });

  it('decodes unknown fields named like Object members without a warning', () => {
    const decoded = decodeValue({
      SaleToPOIRequest: {
        MessageHeader: header,
        LoginRequest: { ...login, Extension: { constructor: 'x', toString: 'y' } },
      },
    });
    expect(decoded.ok && decoded.value.warnings).toEqual([]);
  });

  it('keeps an unmodelled request as sent, with a note', () => {
    const decoded = decodeValue({
      SaleToPOIRequest: {
        MessageHeader: { ...header, MessageCategory: 'Print', MessageClass: 'Device' },
        PrintRequest: { PrintOutput: { DocumentQualifier: 'CashierReceipt' } },
      },
    });
    if (!decoded.ok) throw new Error(decoded.error.reason);
    expect(bodyOf(decoded.value.envelope)).toEqual({
      kind: 'unmodelled',
      key: 'PrintRequest',
      body: { PrintOutput: { DocumentQualifier: 'CashierReceipt' } },
    });
    expect(decoded.value.warnings).toEqual([
      '$.SaleToPOIRequest.PrintRequest: PrintRequest is not modelled; kept as sent',
    ]);
    expect(kindOf(decoded.value.envelope)).toBe('request');
  });

  it('refuses input nested past the depth budget before parsing it, and keeps deep vendor fields within it', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(decode(deep)).toEqual({
      ok: false,
      error: { kind: 'notJson', path: '$', reason: 'not JSON: nested deeper than 64 levels' },
    });
    const inField = (depth: number) =>
      `{"SaleToPOIRequest":{"MessageHeader":${JSON.stringify(header)},"LoginRequest":${JSON.stringify(login).slice(0, -1)},"X":${'['.repeat(depth)}${']'.repeat(depth)}}}}`;
    // The envelope, the body and the field take three levels of the budget.
    expect(decode(inField(61)).ok).toBe(true);
    expect(decode(inField(62)).ok).toBe(false);
    expect(decode(inField(5000)).ok).toBe(false);
  });
});

describe('strict encoding', () => {
  const encodeValue = (value: unknown) => encode(value as Envelope);

  it('encodes a valid message to JSON text', () => {
    const encoded = encodeValue(loginEnvelope);
    expect(encoded.ok && JSON.parse(encoded.value)).toEqual(loginEnvelope);
  });

  it.each([
    [
      'an unknown field',
      { SaleToPOIRequest: { MessageHeader: header, LoginRequest: { ...login, Extra: 1 } } },
      '$.SaleToPOIRequest.LoginRequest.Extra',
    ],
    [
      'an unknown code value',
      {
        SaleToPOIRequest: {
          MessageHeader: { ...header, MessageClass: 'Other' },
          LoginRequest: login,
        },
      },
      '$.SaleToPOIRequest.MessageHeader.MessageClass',
    ],
    [
      'a string boolean',
      {
        SaleToPOIRequest: {
          MessageHeader: header,
          LoginRequest: { ...login, TrainingModeFlag: 'true' },
        },
      },
      '$.SaleToPOIRequest.LoginRequest.TrainingModeFlag',
    ],
    [
      'a missing mandatory field',
      {
        SaleToPOIRequest: {
          MessageHeader: header,
          LoginRequest: { ...login, OperatorLanguage: undefined },
        },
      },
      '$.SaleToPOIRequest.LoginRequest.OperatorLanguage',
    ],
    [
      'a failure without ErrorCondition',
      {
        SaleToPOIResponse: {
          MessageHeader: { ...header, MessageType: 'Response' },
          LoginResponse: { Response: { Result: 'Failure' } },
        },
      },
      '$.SaleToPOIResponse.LoginResponse.Response.ErrorCondition',
    ],
    [
      'an amount with more decimals than its currency',
      {
        SaleToPOIRequest: {
          MessageHeader: { ...header, MessageCategory: 'Payment' },
          PaymentRequest: {
            SaleData: {
              SaleTransactionID: { TransactionID: 't', TimeStamp: '2024-05-14T13:26:21Z' },
            },
            PaymentTransaction: { AmountsReq: { Currency: 'JPY', RequestedAmount: 10.5 } },
          },
        },
      },
      '$.SaleToPOIRequest.PaymentRequest.PaymentTransaction.AmountsReq.RequestedAmount',
    ],
    [
      'a date-time without zone',
      {
        SaleToPOIRequest: {
          MessageHeader: header,
          LoginRequest: { ...login, DateTime: '2024-05-14 13:26' },
        },
      },
      '$.SaleToPOIRequest.LoginRequest.DateTime',
    ],
    [
      'an unmodelled body',
      {
        SaleToPOIRequest: {
          MessageHeader: { ...header, MessageCategory: 'Print', MessageClass: 'Device' },
          PrintRequest: {},
        },
      },
      '$.SaleToPOIRequest.PrintRequest',
    ],
    [
      'a field beside header and body',
      { SaleToPOIRequest: { MessageHeader: header, LoginRequest: login, SecurityTrailer: {} } },
      '$.SaleToPOIRequest.SecurityTrailer',
    ],
  ])('refuses %s', (_label, value, path) => {
    const encoded = encodeValue(value);
    expect(encoded.ok ? 'ok' : encoded.error.path).toBe(path);
  });

  it('encodeOrThrow throws an EncodeFailure naming the path', () => {
    const withoutBody = { SaleToPOIRequest: { MessageHeader: header } };
    expect(() => encodeOrThrow(withoutBody)).toThrow(EncodeFailure);
    expect(() => encodeOrThrow(withoutBody)).toThrow(
      'cannot encode nexo message: $.SaleToPOIRequest.LoginRequest: missing body LoginRequest',
    );
    expect(encodeOrThrow(loginEnvelope)).toBe(JSON.stringify(loginEnvelope));
  });
});
