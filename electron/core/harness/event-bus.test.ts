import { describe, expect, it } from 'vitest';
import { VirtualClock } from '@shared/time/virtual-clock';
import { createEventBus } from './event-bus';

describe('createEventBus', () => {
  it('delivers the greeting alone, after the batch window, not inside subscribe', () => {
    const clock = new VirtualClock();
    const bus = createEventBus<string>(clock, 33);
    const batches: (readonly string[])[] = [];

    bus.subscribe((batch) => batches.push(batch), ['hello']);
    expect(batches).toEqual([]);
    clock.advance(32);
    expect(batches).toEqual([]);
    clock.advance(1);

    expect(batches).toEqual([['hello']]);
  });

  it('batches published events per window and stops after unsubscribe and close', () => {
    const clock = new VirtualClock();
    const bus = createEventBus<string>(clock, 10);
    const first: (readonly string[])[] = [];
    const second: (readonly string[])[] = [];
    const stopFirst = bus.subscribe((batch) => first.push(batch));
    bus.subscribe((batch) => second.push(batch));

    bus.publish('a');
    bus.publish('b');
    clock.advance(10);
    stopFirst();
    bus.publish('c');
    clock.advance(10);
    bus.close();
    bus.publish('d');
    clock.advance(10);

    expect(first).toEqual([['a', 'b']]);
    expect(second).toEqual([['a', 'b'], ['c']]);
    expect(clock.pending()).toBe(0);
  });

  it('flushes at most once per window however many events arrive', () => {
    const clock = new VirtualClock();
    const bus = createEventBus<number>(clock, 33);
    const batches: (readonly number[])[] = [];
    bus.subscribe((batch) => batches.push(batch));
    for (let i = 0; i < 1000; i++) {
      bus.publish(i);
      clock.advance(1);
    }
    clock.advance(33);
    // 1033 ms of virtual time at one flush per 33 ms window.
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(1033 / 33));
    expect(batches.flat()).toEqual([...Array(1000).keys()]);
  });
});
