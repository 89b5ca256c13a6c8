import { describe, expect, it } from 'vitest';
import type { HarnessEvent } from '@shared/ipc';
import { appInfoSchema } from '@shared/ipc/schemas';
import { VirtualClock } from '@shared/time/virtual-clock';
import pkg from '../../package.json';
import { createHarnessCore } from './harness';
import { dispatchCall } from './harness/dispatch';

const noBugs = (): void => {
  throw new Error('no handler should throw here');
};

describe('createHarnessCore', () => {
  it('answers app:info with the product, the package version, its start time and its mode', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 2, 4, 10, 30));
    const core = createHarnessCore({ mode: 'browser', clock });
    clock.advance(5_000);

    const result = await core.calls['app:info'](undefined);

    expect(result).toEqual({
      ok: true,
      value: {
        productName: pkg.productName,
        version: pkg.version,
        startedAt: '2026-03-04T10:30:00.000Z',
        mode: 'browser',
      },
    });
    if (result.ok) expect(appInfoSchema.safeParse(result.value).success).toBe(true);
  });

  it('greets each new event subscriber with a hello in its first batch, after the batch window', () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const core = createHarnessCore({ mode: 'electron', clock, batchWindowMs: 33 });
    clock.advance(1_000);
    const batches: (readonly HarnessEvent[])[] = [];

    core.subscribeEvents((batch) => batches.push(batch));
    expect(batches).toEqual([]);
    clock.advance(32);
    expect(batches).toEqual([]);
    clock.advance(1);

    expect(batches).toEqual([[{ type: 'hello', at: '2026-01-01T00:00:01.000Z' }]]);
  });

  it('batches published events per window and stops after unsubscribe and close', () => {
    const clock = new VirtualClock();
    const core = createHarnessCore({ mode: 'electron', clock, batchWindowMs: 10 });
    const first: (readonly HarnessEvent[])[] = [];
    const second: (readonly HarnessEvent[])[] = [];
    const stopFirst = core.subscribeEvents((batch) => first.push(batch));
    core.subscribeEvents((batch) => second.push(batch));
    clock.advance(10);
    const a: HarnessEvent = { type: 'hello', at: '2026-01-01T00:00:00.500Z' };
    const b: HarnessEvent = { type: 'hello', at: '2026-01-01T00:00:00.600Z' };

    core.publish(a);
    core.publish(b);
    clock.advance(10);
    stopFirst();
    core.publish(a);
    clock.advance(10);
    core.close();
    core.publish(b);
    clock.advance(10);

    expect(first.slice(1)).toEqual([[a, b]]);
    expect(second.slice(1)).toEqual([[a, b], [a]]);
    expect(clock.pending()).toBe(0);
  });
});

describe('dispatchCall', () => {
  it('routes a valid call to its handler', async () => {
    const core = createHarnessCore({ mode: 'browser', clock: new VirtualClock() });
    const result = await dispatchCall(core.calls, 'app:info', undefined, noBugs);
    expect(result.ok && appInfoSchema.parse(result.value).mode).toBe('browser');
  });

  it('answers an unknown channel with an invalid-request value', async () => {
    const core = createHarnessCore({ mode: 'browser', clock: new VirtualClock() });
    const result = await dispatchCall(core.calls, 'app:explode', undefined, noBugs);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'invalid-request', message: 'unknown channel "app:explode"' },
    });
  });

  it('answers a payload that breaks the schema with an invalid-request value naming the channel', async () => {
    const core = createHarnessCore({ mode: 'browser', clock: new VirtualClock() });
    const result = await dispatchCall(core.calls, 'app:info', { surprise: 1 }, noBugs);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid-request');
      expect(result.error.message).toMatch(/^app:info: /);
    }
  });

  it('turns a throwing handler into an internal error value and reports the bug', async () => {
    const core = createHarnessCore({ mode: 'browser', clock: new VirtualClock() });
    const reported: unknown[] = [];
    const boom = new Error('boom');
    const handlers = { ...core.calls, 'app:info': () => Promise.reject(boom) };

    const result = await dispatchCall(handlers, 'app:info', undefined, (channel, error) =>
      reported.push([channel, error]),
    );

    expect(result).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'app:info failed inside the harness core' },
    });
    expect(reported).toEqual([['app:info', boom]]);
  });
});
