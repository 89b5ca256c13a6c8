import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HarnessEvent } from '@shared/ipc';
import { VirtualClock } from '@shared/time/virtual-clock';
import pkg from '../../../package.json';
// The bridge is proven against the real browser-mode host and core (a renderer test may reach
// them; the renderer's own code may not, which is what the boundary rule guards).
// eslint-disable-next-line no-restricted-imports -- test-only: the real host, not a mock of it
import { createHarnessCore, type HarnessCore } from '../../../electron/core/harness';
// eslint-disable-next-line no-restricted-imports -- test-only: the real host, not a mock of it
import { startWebHost, type WebHost } from '../../../electron/web/web-host';
import type { ApiAdapter, ConnectionState } from './adapter';
import { selectAdapter } from './select-adapter';

/** The renderer source folder has an index.html, which is all the host checks for. */
const rendererDir = `${import.meta.dirname}/../..`;
let core: HarnessCore;
let coreClock: VirtualClock;
let host: WebHost;
let bridgeClock: VirtualClock;
let adapter: ApiAdapter | undefined;
let states: ConnectionState[];
let protocolErrors: string[];
let waiters: { state: ConnectionState; resolve: () => void }[];

async function startHost(port = 0, token?: string): Promise<WebHost> {
  const started = await startWebHost({
    core,
    rendererDir,
    port,
    host: '127.0.0.1',
    log: () => undefined,
    ...(token === undefined ? {} : { token }),
  });
  if (!started.ok) throw new Error(started.error.message);
  return started.value;
}

/** Resolves when the bridge next reports `state` (or at once if it is the latest report). */
function reached(state: ConnectionState): Promise<void> {
  if (states.at(-1) === state) return Promise.resolve();
  return new Promise((resolve) => waiters.push({ state, resolve }));
}

function openPage(url: string): ApiAdapter {
  // happy-dom sends the page's origin as the WebSocket Origin header, like a browser.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  const selected = selectAdapter(window, {
    clock: bridgeClock,
    random: () => 0.5,
    onProtocolError: (message) => protocolErrors.push(message),
  });
  if (!selected.ok) throw new Error(selected.error);
  const opened = selected.value;
  adapter = opened;
  opened.connect((state) => {
    states.push(state);
    for (const w of waiters.filter((x) => x.state === state)) w.resolve();
    waiters = waiters.filter((x) => x.state !== state);
  });
  return opened;
}

beforeEach(async () => {
  coreClock = new VirtualClock(Date.UTC(2026, 0, 1));
  core = createHarnessCore({ mode: 'browser', clock: coreClock });
  host = await startHost();
  bridgeClock = new VirtualClock();
  states = [];
  protocolErrors = [];
  waiters = [];
});

afterEach(async () => {
  adapter?.dispose();
  adapter = undefined;
  await host.close();
  await core.stop();
});

describe('browser bridge against the real browser-mode host', () => {
  it('connects with the page token and answers app:info with what the core reports', async () => {
    const bridge = openPage(host.url);
    await reached('connected');

    const info = await bridge.api.app.info();

    expect(states).toEqual(['connecting', 'connected']);
    expect(info).toEqual({
      ok: true,
      value: {
        productName: pkg.productName,
        version: pkg.version,
        startedAt: '2026-01-01T00:00:00.000Z',
        mode: 'browser',
      },
    });
    expect(protocolErrors).toEqual([]);
  });

  it('delivers the pushed event batches to onBatch subscribers', async () => {
    const bridge = openPage(host.url);
    const batches: (readonly HarnessEvent[])[] = [];
    let delivered: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (delivered = resolve));
    bridge.api.events.onBatch((batch) => {
      batches.push(batch);
      delivered();
    });
    await reached('connected');

    coreClock.advance(33);
    await first;

    // The greeting opens the first batch; the core's current state (run, session, …) follows it.
    expect(batches).toHaveLength(1);
    expect(batches[0]?.[0]).toMatchObject({ type: 'hello', at: '2026-01-01T00:00:00.000Z' });
  });

  it('is refused without the right token: lost, then retries with backoff', async () => {
    const bridge = openPage(`http://127.0.0.1:${host.port}/?token=wrong`);
    await reached('lost');

    const info = await bridge.api.app.info();
    expect(info).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
    expect(bridgeClock.nextDue()).toBe(188); // first retry: 250 ms ceiling, half fixed + half × 0.5

    bridgeClock.step();
    expect(states).toEqual(['connecting', 'lost', 'reconnecting']);
    await reached('lost');
  });

  it('reports lost, then reconnecting, then connected again when the host comes back', async () => {
    const bridge = openPage(host.url);
    await reached('connected');
    const { port, token } = host;

    await host.close();
    await reached('lost');
    expect(await bridge.api.app.info()).toMatchObject({
      ok: false,
      error: { kind: 'disconnected' },
    });

    host = await startHost(port, token);
    bridgeClock.step();
    await reached('connected');

    expect(states).toEqual(['connecting', 'connected', 'lost', 'reconnecting', 'connected']);
    expect((await bridge.api.app.info()).ok).toBe(true);
  });

  it('keeps retrying while the host is down, with growing delays', async () => {
    openPage(host.url);
    await reached('connected');
    const { port, token } = host;
    await host.close();
    await reached('lost');
    const delays: number[] = [];

    for (let attempt = 0; attempt < 3; attempt++) {
      const before = bridgeClock.now();
      delays.push(bridgeClock.nextDue()! - before);
      bridgeClock.step();
      await reached('reconnecting');
      await reached('lost');
    }
    host = await startHost(port, token);
    bridgeClock.step();
    await reached('connected');

    expect(delays).toEqual([188, 375, 750]);
  });

  it('stops for good when disposed', async () => {
    const bridge = openPage(host.url);
    await reached('connected');
    bridge.dispose();
    await host.close();
    host = await startHost();

    expect(bridgeClock.pending()).toBe(0);
    expect(await bridge.api.app.info()).toMatchObject({
      ok: false,
      error: { kind: 'disconnected' },
    });
  });
});
