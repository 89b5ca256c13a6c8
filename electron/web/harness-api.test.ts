import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { HarnessEvent } from '@shared/ipc';
import { callSchemas, pushSchemas } from '@shared/ipc/schemas';
import { encodeCall, parseServerFrame, type ReplyFrame } from '@shared/ipc/api-frames';
import { createHarnessCore, type HarnessCore } from '../core/harness';
import { startWebHost, type WebHost } from './web-host';

// The HarnessApi's new domains through the real browser-mode host, in real time, as the
// renderer's bridge uses them: calls over the socket, the event stream as pushes.

let dir: string;
let core: HarnessCore;
let host: WebHost;
let socket: WebSocket;
let api: ReturnType<typeof frames>;

/** Every frame the socket received, with waits on frames still to come. */
function frames(ws: WebSocket) {
  const replies = new Map<number, (frame: ReplyFrame) => void>();
  const events: HarnessEvent[] = [];
  const waiters: { test: (e: HarnessEvent) => boolean; resolve: () => void }[] = [];
  ws.on('message', (data: Buffer) => {
    const frame = parseServerFrame(data.toString('utf8'));
    if (!frame.ok) throw new Error(frame.error);
    if (frame.value.type === 'reply') {
      replies.get(frame.value.id ?? -1)?.(frame.value);
      return;
    }
    for (const event of pushSchemas['events:batch'].parse(frame.value.payload)) {
      events.push(event);
      for (const waiter of waiters.filter((w) => w.test(event))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  let nextId = 1;
  return {
    events,
    call(channel: Parameters<typeof encodeCall>[1], payload?: unknown): Promise<ReplyFrame> {
      const id = nextId++;
      const reply = new Promise<ReplyFrame>((resolve) => replies.set(id, resolve));
      ws.send(encodeCall(id, channel, payload));
      return reply;
    },
    until(test: (e: HarnessEvent) => boolean): Promise<void> {
      if (events.some(test)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-web-api-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  core = createHarnessCore({
    mode: 'browser',
    dataDir: join(dir, 'data'),
    batchWindowMs: 5,
    initial: {
      role: 'client',
      peer: 'embedded',
      settings: { initMs: 100, cardMs: 10, authMs: 10 },
    },
    policy: { loginBusyInitialDelayMs: 50, loginBusyMaxDelayMs: 100, loginBusyMaxAttempts: 30 },
  });
  const started = await startWebHost({
    core,
    rendererDir,
    port: 0,
    host: '127.0.0.1',
    log: () => undefined,
  });
  if (!started.ok) throw new Error(started.error.message);
  host = started.value;
  socket = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
    origin: `http://127.0.0.1:${host.port}`,
  });
  // Listening before the socket opens: the greeting batch may arrive right after the upgrade.
  api = frames(socket);
  await once(socket, 'open');
});

afterEach(async () => {
  socket.terminate();
  await host.close();
  await core.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('browser mode: the session, requests and trace domains over the socket', () => {
  it('streams the live session to ready, pays, and answers with contract-valid values', async () => {
    await api.until((e) => e.type === 'session' && e.session.state === 'ready');

    const snapshot = await api.call('session:snapshot');
    const paid = await api.call('requests:pay', { amount: '4.20', currency: 'EUR' });
    const refused = await api.call('requests:pay', { amount: '4.201', currency: 'EUR' });

    expect(snapshot.result.ok).toBe(true);
    if (snapshot.result.ok)
      expect(callSchemas['session:snapshot'].response.parse(snapshot.result.value).state).toBe(
        'ready',
      );
    expect(
      paid.result.ok && callSchemas['requests:pay'].response.parse(paid.result.value),
    ).toMatchObject({
      kind: 'approved',
      amount: '4.20',
    });
    expect(refused.result).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    // The payment's wire frames reached the page as trace events, in order, without gaps.
    await api.until(
      (e) =>
        e.type === 'trace' &&
        e.event.kind === 'op' &&
        e.event.name === 'pay' &&
        e.event.phase === 'ok',
    );
    // Events before the subscription are the backlog (events:since); the rest follow hello.
    const hello = api.events[0];
    const lastSeq = hello?.type === 'hello' ? hello.lastSeq : -1;
    const seqs = api.events.flatMap((e) => (e.type === 'trace' ? [e.event.seq] : []));
    expect(seqs).toEqual(seqs.map((_, i) => lastSeq + i + 1));
    const backlog = await api.call('events:since', { afterSeq: 0 });
    const page = backlog.result.ok
      ? callSchemas['events:since'].response.parse(backlog.result.value)
      : undefined;
    expect(page?.events.slice(0, lastSeq + seqs.length).map((e) => e.seq)).toEqual(
      Array.from({ length: lastSeq + seqs.length }, (_, i) => i + 1),
    );
    const saved = await api.call('trace:save');
    expect(
      saved.result.ok && callSchemas['trace:save'].response.parse(saved.result.value).text,
    ).toContain('"PaymentRequest"');
  });
});
