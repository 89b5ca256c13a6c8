import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '@shared/trace/reader';
import { repeatTrace } from './big-trace.mjs';

const recorded = readFileSync(
  resolve(import.meta.dirname, '../../resources/traces/reference-approve-then-drop.jsonl'),
  'utf8',
);

describe('repeatTrace', () => {
  it('grows a recorded trace into one the trace reader accepts, event for event', () => {
    const original = parseTrace(recorded);
    if (!original.ok) throw new Error(JSON.stringify(original.error));
    const story = original.value.events;

    const big = parseTrace(repeatTrace(recorded, story.length * 3 + 5));
    if (!big.ok) throw new Error(JSON.stringify(big.error));
    expect(big.value.warnings).toEqual([]);
    expect(big.value.header).toEqual(original.value.header);
    const events = big.value.events;
    expect(events).toHaveLength(story.length * 3 + 5);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));

    // Each copy is the story again, later: same content, seq renumbered, t and `at` shifted.
    const firstCopy = events.slice(0, story.length);
    expect(firstCopy).toEqual(story);
    const thirdCopy = events.slice(story.length * 2, story.length * 3);
    const shift = thirdCopy[0]!.t - story[0]!.t;
    expect(shift).toBeGreaterThan(story.at(-1)!.t - story[0]!.t);
    thirdCopy.forEach((event, i) => {
      const { seq, t, at, ...body } = event;
      const { seq: seq0, t: t0, at: at0, ...body0 } = story[i]!;
      expect(body).toEqual(body0);
      expect(seq).toBe(seq0 + story.length * 2);
      expect(t).toBeCloseTo(t0 + shift, 3);
      expect(Math.abs(Date.parse(at) - Date.parse(at0) - shift)).toBeLessThanOrEqual(1);
    });
  });

  it('refuses a trace without events', () => {
    expect(() => repeatTrace(recorded.split('\n')[0]!, 10)).toThrow('the trace has no events');
  });
});
