import { describe, expect, it } from 'vitest';
import { traceBuilder } from './fixtures/trace-builder';
import { readMessage, type StampedMessage } from './frame-view';

function messages(): StampedMessage[] {
  const b = traceBuilder();
  b.login('L1', 'S1');
  return b.build().events.filter((e): e is StampedMessage => e.kind === 'message');
}

describe('readMessage', () => {
  it('decodes a frame into the fields the rules read', () => {
    const [request, response] = messages();
    expect(request && readMessage(request)).toMatchObject({
      category: 'Login',
      type: 'Request',
      serviceId: 'S1',
      direction: 'toPoi',
      body: expect.objectContaining({ OperatorLanguage: 'en' }),
    });
    expect(response && readMessage(response)).toMatchObject({ result: 'Success', seq: 2 });
  });

  it('decodes each event once: every checker gets the same reading', () => {
    const [request] = messages();
    const [again] = messages();
    if (request === undefined || again === undefined) throw new Error('no messages');
    expect(readMessage(request)).toBe(readMessage(request));
    // An equal event that is another object (another trace) is read on its own.
    expect(readMessage(again)).not.toBe(readMessage(request));
    expect(readMessage(again)).toEqual(readMessage(request));
  });
});
