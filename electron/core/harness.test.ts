import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appInfoSchema, harnessEventSchema } from '@shared/ipc/schemas';
import { VirtualClock } from '@shared/time/virtual-clock';
import pkg from '../../package.json';
import { createHarnessCore, type HarnessCore } from './harness';
import { dispatchCall } from './harness/dispatch';
import { recordEvents } from './harness/testing/event-log';

const noBugs = (): void => {
  throw new Error('no handler should throw here');
};

let dataDir: string;
const cores: HarnessCore[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-core-'));
});

afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A core on a virtual clock: its simulator never finishes initialising, nothing times out. */
function virtualCore(mode: 'browser' | 'electron' = 'browser', clock = new VirtualClock()) {
  const core = createHarnessCore({ mode, clock, dataDir, batchWindowMs: 10 });
  cores.push(core);
  return { core, clock };
}

describe('createHarnessCore', () => {
  it('answers app:info with the product, the package version, its start time and its mode', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 2, 4, 10, 30));
    const { core } = virtualCore('browser', clock);
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

  it('greets each new subscriber with hello, the run, the session, the simulator, the faults and the recording flag', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const { core } = virtualCore('electron', clock);
    await core.ready();
    const log = recordEvents(core);
    clock.advance(10);

    const greeting = log.all().slice(0, 6);
    expect(greeting.map((e) => e.type)).toEqual([
      'hello',
      'run',
      'session',
      'simulator',
      'faults',
      'recording',
    ]);
    for (const event of greeting) expect(harnessEventSchema.safeParse(event).success).toBe(true);
    const [hello, run] = greeting;
    expect(hello?.type === 'hello' && run?.type === 'run' && hello.runId).toBe(
      run?.type === 'run' && run.run.runId,
    );
    expect(run?.type === 'run' && run.run.role).toBe('client');
    expect(run?.type === 'run' && run.run.nexoUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/nexo$/);
    log.stop();
  });
});

describe('the data folder', () => {
  it('is a fresh temp folder by default, removed when the core stops', async () => {
    const core = createHarnessCore({ mode: 'browser', clock: new VirtualClock() });
    await core.ready();
    expect(existsSync(core.dataDir)).toBe(true);
    expect(core.dataDir).not.toBe(dataDir);

    await core.stop();

    expect(existsSync(core.dataDir)).toBe(false);
  });

  it('is kept when the caller chose it', async () => {
    const { core } = virtualCore();
    await core.ready();
    await core.stop();
    expect(core.dataDir).toBe(dataDir);
    expect(existsSync(dataDir)).toBe(true);
  });
});

describe('dispatchCall', () => {
  it('routes a valid call to its handler', async () => {
    const { core } = virtualCore();
    const result = await dispatchCall(core.calls, 'app:info', undefined, noBugs);
    expect(result.ok && appInfoSchema.parse(result.value).mode).toBe('browser');
  });

  it('answers an unknown channel with an invalid-request value', async () => {
    const { core } = virtualCore();
    const result = await dispatchCall(core.calls, 'app:explode', undefined, noBugs);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'invalid-request', message: 'unknown channel "app:explode"' },
    });
  });

  it('answers a payload that breaks the schema with an invalid-request value naming the channel', async () => {
    const { core } = virtualCore();
    const result = await dispatchCall(core.calls, 'app:info', { surprise: 1 }, noBugs);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid-request');
      expect(result.error.message).toMatch(/^app:info: /);
    }
  });

  it.each([
    ['requests:pay', { amount: '12.345', currency: 'EUR' }, /amount: .*more decimals than EUR/],
    ['requests:pay', { amount: '0', currency: 'EUR' }, /amount: must be more than zero/],
    ['requests:pay', { amount: '1e3', currency: 'EUR' }, /amount: a decimal amount/],
    ['requests:pay', { amount: '10', currency: 'euro' }, /currency/],
    ['faults:apply', { fault: 'explode' }, /fault/],
    ['faults:apply', { fault: 'busyNextLogins', count: 0 }, /count/],
    ['simulator:configure', { role: 'terminal', port: 70_000 }, /port/],
    [
      'session:connect',
      { peer: 'external', url: 'ftp://example.test' },
      /url: "ftp:\/\/example.test": the scheme ftp: is not supported/,
    ],
    ['session:setPolicy', { paymentTimeoutMs: -1 }, /paymentTimeoutMs/],
    ['session:setPolicy', { noSuchRule: true }, /noSuchRule|Unrecognized/],
    ['trace:setRecording', { on: 'yes' }, /on/],
    ['events:since', { afterSeq: -1 }, /afterSeq/],
  ] as const)('%s refuses %j', async (channel, payload, message) => {
    const { core } = virtualCore();
    const result = await dispatchCall(core.calls, channel, payload, noBugs);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid-request');
      expect(result.error.message).toMatch(message);
    }
  });

  it('turns a throwing handler into an internal error value and reports the bug', async () => {
    const { core } = virtualCore();
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
