import { describe, expect, it } from 'vitest';
import { sendBuilt, type FrameMeta, type Link } from './link';
import { createMemoryLinkPair } from './memory-link';

function inbox(link: Link): {
  frames: [string, FrameMeta | undefined][];
  next: () => Promise<void>;
} {
  const frames: [string, FrameMeta | undefined][] = [];
  let wake: (() => void) | undefined;
  link.onMessage((text, meta) => {
    frames.push([text, meta]);
    wake?.();
  });
  return { frames, next: () => new Promise<void>((resolve) => (wake = resolve)) };
}

describe('the in-memory link', () => {
  it('hands a built frame over with its text, and a plain text frame without a value', async () => {
    const { client, server } = createMemoryLinkPair('mem-1');
    const got = inbox(server);
    const value = { SaleToPOIRequest: { MessageHeader: { MessageCategory: 'Login' } } };
    let arrived = got.next();
    sendBuilt(client, JSON.stringify(value), value);
    // Never re-entrant into the sender: the frame arrives on a later microtask.
    expect(got.frames).toEqual([]);
    await arrived;
    expect(got.frames).toEqual([[JSON.stringify(value), { value }]]);
    expect(got.frames[0]?.[1]?.value).toBe(value);
    arrived = got.next();
    client.send('{"a":1}');
    await arrived;
    expect(got.frames[1]).toEqual(['{"a":1}', undefined]);
  });

  it('sends only text over a link that cannot carry a value', () => {
    const sent: string[] = [];
    const { client } = createMemoryLinkPair('mem-2');
    const textOnly: Link = { ...client, id: client.id, isOpen: true, send: (t) => sent.push(t) };
    delete (textOnly as { sendValue?: unknown }).sendValue;
    sendBuilt(textOnly, '{"b":2}', { b: 2 });
    expect(sent).toEqual(['{"b":2}']);
  });
});
