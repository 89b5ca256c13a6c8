import { describe, expect, it } from 'vitest';
import { encodePush, parseServerFrame } from '../ipc/api-frames';
import { VirtualClock } from '../time/virtual-clock';
import { formatTraceLine } from './format';
import { parseTrace } from './reader';
import { MAX_JSON_DEPTH } from '../protocol/limits';
import { serialisableEvent, stringifyEvent } from './safe-event';
import { createTraceStamper } from './stamper';

function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

const deepMessage = {
  seq: 3,
  t: 1,
  at: '2026-01-01T00:00:00.000Z',
  kind: 'message',
  observer: 'poi',
  direction: 'toPoi',
  link: 'ws-1',
  json: nested(100_000),
} as const;

describe('events that cannot be serialised', () => {
  it('become a placeholder that keeps the stamp, the row and the reason', () => {
    expect(serialisableEvent(deepMessage)).toEqual({
      seq: 3,
      t: 1,
      at: '2026-01-01T00:00:00.000Z',
      kind: 'message',
      observer: 'poi',
      direction: 'toPoi',
      link: 'ws-1',
      text: '[event not recorded: nested deeper than 64 levels]',
    });
  });

  it('never make the trace line writer or the push encoder throw', () => {
    const line = formatTraceLine(deepMessage);
    expect(JSON.parse(line)).toMatchObject({
      seq: 3,
      text: expect.stringMatching(/not recorded/) as unknown,
    });
    const push = parseServerFrame(
      encodePush('events:batch', [{ type: 'trace', event: deepMessage }]),
    );
    expect(push.ok).toBe(true);
    const cyclic: Record<string, unknown> = { kind: 'op', op: 'o', name: 'pay', phase: 'ok' };
    cyclic.detail = { loop: cyclic };
    expect(JSON.parse(stringifyEvent(cyclic))).toEqual({
      kind: 'op',
      op: 'o',
      name: 'pay',
      phase: 'ok',
    });
  });

  it('keep their seq in a stamped trace: no gap, and the trace reads back', () => {
    const stamper = createTraceStamper({ clock: new VirtualClock() });
    const header =
      '{"format":"a2a-trace","version":1,"harnessVersion":"0","createdAt":"2026-01-01T00:00:00.000Z","role":"terminal","profile":"app2app","policy":{},"masked":true}\n';
    const bodies = [
      { kind: 'link', observer: 'poi', link: 'ws-1', change: 'opened' },
      { kind: 'message', observer: 'poi', direction: 'toPoi', link: 'ws-1', json: nested(5000) },
      { kind: 'link', observer: 'poi', link: 'ws-1', change: 'closed', code: 1000 },
    ] as const;
    const text =
      header +
      bodies
        .map((b) => {
          const stamped = stamper.stamp(b);
          if (stamped === undefined) throw new Error('the stamper kept no event');
          return formatTraceLine(stamped);
        })
        .join('');
    const parsed = parseTrace(text);
    expect(parsed.ok && parsed.value.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('leave a message at the full depth budget alone, in the trace and in the push', () => {
    const stamper = createTraceStamper({ clock: new VirtualClock() });
    const json = nested(MAX_JSON_DEPTH);
    const event = stamper.stamp({
      kind: 'message',
      observer: 'poi',
      direction: 'toPoi',
      link: 'ws-1',
      json,
    });
    expect(event).toMatchObject({ json });
    const header =
      '{"format":"a2a-trace","version":1,"harnessVersion":"0","createdAt":"2026-01-01T00:00:00.000Z","role":"terminal","profile":"app2app","policy":{},"masked":true}\n';
    const parsed = parseTrace(header + formatTraceLine(event ?? deepMessage));
    expect(parsed.ok && parsed.value.events[0]).toMatchObject({ json });
    const push = parseServerFrame(encodePush('events:batch', [{ type: 'trace', event }]));
    expect(push.ok).toBe(true);
  });
});
