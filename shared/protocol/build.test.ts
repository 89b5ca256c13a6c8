import { describe, expect, it } from 'vitest';
import { base64DecodeText } from './base64';
import {
  abortRequest,
  displayRequest,
  isDeviceCategory,
  failure,
  loginRequest,
  paymentRequest,
  paymentResponse,
  rejectNotification,
  success,
  transactionStatusRequest,
  transactionStatusResponse,
} from './build';
import { decode, encode } from './codec';
import {
  bodyOf,
  headerOf,
  kindOf,
  repeatedResponseOf,
  responseOf,
  REPEATED_RESPONSE_FORMS,
  type Envelope,
} from './envelope';
import { REJECT_SNIPPET_BYTES } from './limits';
import { wireToMinor } from './money';

const route = { saleId: 'POS-1', poiId: 'POI-1', serviceId: 'A1' };
const saleTransactionId = { TransactionID: 'sale-1', TimeStamp: '2024-05-14T13:26:21.209Z' };
const poiTransactionId = { TransactionID: 'poi-1', TimeStamp: '2024-05-14T13:26:22.000Z' };

function roundTrip(envelope: Envelope): Envelope {
  const encoded = encode(envelope);
  if (!encoded.ok) throw new Error(`${encoded.error.path}: ${encoded.error.reason}`);
  const decoded = decode(encoded.value);
  if (!decoded.ok) throw new Error(decoded.error.reason);
  return decoded.value.envelope;
}

describe('message constructors', () => {
  it('build a login request with a 3.0 Service header', () => {
    const envelope = loginRequest({
      ...route,
      dateTime: '2024-05-14T13:26:21.209Z',
      saleSoftware: {
        ProviderIdentification: 'Acme',
        ApplicationName: 'Till',
        SoftwareVersion: '1.0',
        CertificationCode: 'X',
      },
    });
    expect(headerOf(envelope)).toEqual({
      ProtocolVersion: '3.0',
      MessageClass: 'Service',
      MessageCategory: 'Login',
      MessageType: 'Request',
      ServiceID: 'A1',
      SaleID: 'POS-1',
      POIID: 'POI-1',
    });
    expect(roundTrip(envelope)).toEqual(envelope);
  });

  it('put amounts on the wire as decimals of the currency', () => {
    const envelope = paymentRequest({
      ...route,
      amount: { minor: 1099, currency: 'EUR' },
      saleTransactionId,
    });
    const typed = bodyOf(envelope);
    if (typed.kind !== 'PaymentRequest') throw new Error(typed.kind);
    expect(typed.body.PaymentTransaction.AmountsReq).toEqual({
      Currency: 'EUR',
      RequestedAmount: 10.99,
    });
    expect(encode(envelope).ok && JSON.stringify(envelope)).toContain('"RequestedAmount":10.99');
    const kwd = paymentRequest({
      ...route,
      amount: { minor: 1234, currency: 'KWD' },
      saleTransactionId,
    });
    expect(JSON.stringify(kwd)).toContain('"RequestedAmount":1.234');
    expect(() =>
      paymentRequest({ ...route, amount: { minor: 0.5, currency: 'EUR' }, saleTransactionId }),
    ).toThrow(RangeError);
  });

  it('answer a request by echoing its header, with the outcome in Response', () => {
    const request = paymentRequest({
      ...route,
      amount: { minor: 500, currency: 'EUR' },
      saleTransactionId,
    });
    const answer = paymentResponse(headerOf(request), {
      outcome: failure('Refusal', 'message=DECLINED'),
      saleTransactionId,
      poiTransactionId,
    });
    expect(kindOf(answer)).toBe('response');
    expect(headerOf(answer)).toMatchObject({
      MessageType: 'Response',
      MessageCategory: 'Payment',
      ServiceID: 'A1',
      SaleID: 'POS-1',
      POIID: 'POI-1',
    });
    expect(responseOf(answer)).toEqual({
      Result: 'Failure',
      ErrorCondition: 'Refusal',
      AdditionalResponse: 'message=DECLINED',
    });
    expect(roundTrip(answer)).toEqual(answer);
  });

  it('repeat an earlier payment response in either RepeatedMessageResponse form', () => {
    const payment = paymentRequest({
      ...route,
      amount: { minor: 1099, currency: 'EUR' },
      saleTransactionId,
    });
    const approved = paymentResponse(headerOf(payment), {
      outcome: success(),
      saleTransactionId,
      poiTransactionId,
      authorizedAmount: { minor: 1099, currency: 'EUR' },
    });
    const status = transactionStatusRequest({
      ...route,
      serviceId: 'A2',
      reference: { category: 'Payment', serviceId: 'A1' },
    });
    for (const form of REPEATED_RESPONSE_FORMS) {
      const answer = roundTrip(
        transactionStatusResponse(headerOf(status), {
          outcome: success(),
          reference: { category: 'Payment', serviceId: 'A1' },
          repeated: approved,
          form,
        }),
      );
      const typed = bodyOf(answer);
      if (typed.kind !== 'TransactionStatusResponse') throw new Error(typed.kind);
      const repeated = repeatedResponseOf(typed.body);
      expect(repeated?.form).toBe(form);
      expect(repeated?.header.ServiceID).toBe('A1');
      if (repeated?.body.kind !== 'PaymentResponse') throw new Error('expected PaymentResponse');
      const amount = repeated.body.body.PaymentResult?.AmountsResp?.AuthorizedAmount ?? Number.NaN;
      expect(wireToMinor(amount, 'EUR')).toEqual({ ok: true, value: 1099 });
    }
  });

  it('build display requests as Device messages and aborts that reference a payment', () => {
    const display = displayRequest({ ...route, lines: ['Present card', 'EUR 10.99'] });
    expect(headerOf(display).MessageClass).toBe('Device');
    expect(roundTrip(display)).toEqual(display);
    const typed = bodyOf(display);
    if (typed.kind !== 'DisplayRequest') throw new Error(typed.kind);
    // Every line but the last ends its line.
    expect(typed.body.DisplayOutput[0]?.OutputContent.OutputText).toEqual([
      { Text: 'Present card', EndOfLineFlag: true },
      { Text: 'EUR 10.99' },
    ]);
    expect(isDeviceCategory('Display')).toBe(true);
    expect(isDeviceCategory('PIN')).toBe(true);
    expect(isDeviceCategory('Payment')).toBe(false);
    const abort = abortRequest({
      ...route,
      serviceId: 'A3',
      reference: { category: 'Payment', serviceId: 'A1' },
    });
    expect(bodyOf(abort)).toEqual({
      kind: 'AbortRequest',
      body: {
        MessageReference: { MessageCategory: 'Payment', ServiceID: 'A1' },
        AbortReason: 'MerchantAbort',
      },
    });
  });

  it('build a Reject notification carrying the rejected text in base64', () => {
    const reject = rejectNotification({
      rejectedText: 'not json at all',
      reason: 'Input is not a JSONObject',
      timeStamp: '2024-05-14T13:26:21.209Z',
    });
    expect(kindOf(reject)).toBe('notification');
    expect(headerOf(reject)).toMatchObject({ MessageClass: 'Event', SaleID: 'N/A', POIID: 'N/A' });
    const typed = bodyOf(roundTrip(reject));
    if (typed.kind !== 'EventNotification') throw new Error(typed.kind);
    expect(typed.body.EventDetails).toBe('message=Input+is+not+a+JSONObject');
    expect(base64DecodeText(typed.body.RejectedMessage ?? '')).toEqual({
      ok: true,
      value: 'not json at all',
    });
  });

  it('carry back only the first REJECT_SNIPPET_BYTES bytes of a rejected frame', () => {
    const huge = 'é'.repeat(REJECT_SNIPPET_BYTES); // 2 bytes each: twice the snippet
    const typed = bodyOf(
      rejectNotification({
        rejectedText: huge,
        reason: 'too large',
        timeStamp: 'T',
        deviceId: '4',
      }),
    );
    if (typed.kind !== 'EventNotification') throw new Error(typed.kind);
    expect(base64DecodeText(typed.body.RejectedMessage ?? '')).toEqual({
      ok: true,
      value: 'é'.repeat(REJECT_SNIPPET_BYTES / 2),
    });
  });
});
