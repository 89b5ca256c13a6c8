import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode, encode } from './codec';
import {
  bodyOf,
  categoryOf,
  kindOf,
  repeatedResponseOf,
  responseOf,
  serviceIdOf,
  type Envelope,
} from './envelope';

// Real recorded messages (Adyen's mock terminal API, MIT), read in place, never copied.
const folder = resolve(import.meta.dirname, '../../resources/conformance/adyen-mock-terminal-api');
const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
const read = (name: string) => readFileSync(resolve(folder, name), 'utf8');

function decodeFile(name: string): { envelope: Envelope; warnings: readonly string[] } {
  const decoded = decode(read(name));
  if (!decoded.ok) throw new Error(`${name}: ${decoded.error.path}: ${decoded.error.reason}`);
  return decoded.value;
}

describe('conformance messages', () => {
  it('finds the recorded messages', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s decodes without error', (name) => {
    const decoded = decode(read(name));
    expect(decoded.ok ? 'ok' : decoded.error).toBe('ok');
  });

  const requests = files.filter((name) => read(name).includes('"SaleToPOIRequest"'));
  const responses = files.filter((name) => !requests.includes(name));

  it('includes requests and notifications among them', () => {
    expect(requests.length).toBeGreaterThanOrEqual(9);
  });

  it.each(requests)('%s re-encodes to text that decodes to the same value', (name) => {
    const { envelope } = decodeFile(name);
    const encoded = encode(envelope);
    expect(encoded.ok ? 'ok' : encoded.error).toBe('ok');
    if (!encoded.ok) return;
    const again = decode(encoded.value);
    expect(again.ok && again.value.envelope).toEqual(envelope);
  });

  it.each(responses)('%s (a response) also re-encodes to the same value', (name) => {
    const { envelope } = decodeFile(name);
    const encoded = encode(envelope);
    expect(encoded.ok ? 'ok' : encoded.error).toBe('ok');
    const again = encoded.ok ? decode(encoded.value) : undefined;
    expect(again?.ok && again.value.envelope).toEqual(envelope);
  });

  it('warns about the 12-character ServiceIDs the mock sends, and accepts them', () => {
    const { envelope, warnings } = decodeFile('payment__paymentRequest.json');
    expect(serviceIdOf(envelope)).toBe('1234567890AB');
    expect(warnings).toContain(
      '$.SaleToPOIRequest.MessageHeader.ServiceID: ServiceID "1234567890AB" has 12 characters; nexo allows 1–10',
    );
  });

  it('reads string booleans as booleans and keeps the Response block', () => {
    const { envelope } = decodeFile(
      'paymentTransactionStatus__paymentTransactionStatusResponse.json',
    );
    expect(kindOf(envelope)).toBe('response');
    expect(categoryOf(envelope)).toBe('TransactionStatus');
    expect(responseOf(envelope)).toEqual({ Result: 'Success' });
    const typed = bodyOf(envelope);
    if (typed.kind !== 'TransactionStatusResponse') throw new Error(typed.kind);
    const repeated = repeatedResponseOf(typed.body);
    expect(repeated?.form).toBe('wrapped');
    expect(repeated?.header.MessageCategory).toBe('Payment');
    if (repeated?.body.kind !== 'PaymentResponse') throw new Error('expected a PaymentResponse');
    const result = repeated.body.body.PaymentResult;
    expect(result?.OnlineFlag).toBe(true);
    expect(result?.AmountsResp?.AuthorizedAmount).toBe(10.99);
    expect(repeated.body.body.PaymentReceipt?.[0]?.RequiredSignatureFlag).toBe(false);
    expect(
      repeated.body.body.PaymentReceipt?.[0]?.OutputContent.OutputText?.[0]?.EndOfLineFlag,
    ).toBe(true);
  });

  it('classifies the Reject notification, which has no ServiceID', () => {
    const { envelope } = decodeFile('notification__invalidJsonObjectNotificationResponse.json');
    expect(kindOf(envelope)).toBe('notification');
    expect(serviceIdOf(envelope)).toBeUndefined();
    const typed = bodyOf(envelope);
    expect(typed.kind).toBe('EventNotification');
    if (typed.kind === 'EventNotification') expect(typed.body.EventToNotify).toBe('Reject');
  });

  it('gives the error condition of a failed payment', () => {
    const { envelope } = decodeFile('payment__134_paymentWrongPinResponse.json');
    expect(responseOf(envelope)).toMatchObject({ Result: 'Failure', ErrorCondition: 'WrongPIN' });
  });
});
