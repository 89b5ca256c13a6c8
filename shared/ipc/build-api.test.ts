import { describe, expect, it } from 'vitest';
import { buildHarnessApi, type ApiTransport } from './build-api';
import {
  CALL_CHANNELS,
  isCallChannel,
  isPushChannel,
  PUSH_CHANNELS,
  pushMethodName,
} from './channels';
import type { CallChannel, PushChannel } from './contract';

function recordingTransport() {
  const calls: [CallChannel, unknown][] = [];
  const listeners = new Map<PushChannel, ((payload: unknown) => void)[]>();
  const transport: ApiTransport = {
    call(channel, payload) {
      calls.push([channel, payload]);
      return Promise.resolve({ ok: true, value: `answer of ${channel}` });
    },
    subscribe(channel, listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return () =>
        listeners.set(
          channel,
          (listeners.get(channel) ?? []).filter((l) => l !== listener),
        );
    },
  };
  const emit = (channel: PushChannel, payload: unknown) =>
    (listeners.get(channel) ?? []).forEach((l) => l(payload));
  return { transport, calls, emit };
}

describe('buildHarnessApi', () => {
  it('exposes one method per channel, grouped by domain, and nothing else', () => {
    const api = buildHarnessApi(recordingTransport().transport) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    const expected: Record<string, string[]> = {};
    for (const c of CALL_CHANNELS) (expected[c.split(':')[0]!] ??= []).push(c.split(':')[1]!);
    for (const p of PUSH_CHANNELS) (expected[p.split(':')[0]!] ??= []).push(pushMethodName(p));

    const actual = Object.fromEntries(
      Object.entries(api).map(([domain, methods]) => [domain, Object.keys(methods).sort()]),
    );
    expect(actual).toEqual(
      Object.fromEntries(Object.entries(expected).map(([d, m]) => [d, m.sort()])),
    );
    expect(actual).toEqual({
      app: ['info'],
      events: ['onBatch', 'since'],
      faults: ['apply', 'available', 'disarm'],
      report: ['export', 'saveAs'],
      requests: ['abort', 'admin', 'approvals', 'login', 'logout', 'pay', 'reverse', 'status'],
      scenarios: ['batch', 'list', 'run', 'trace'],
      session: ['connect', 'disconnect', 'getPolicy', 'setPolicy', 'snapshot'],
      simulator: ['configure', 'ledger', 'reset', 'state'],
      trace: ['exportMermaid', 'open', 'save', 'saveAs', 'setRecording', 'status'],
      settings: ['get', 'set'],
      verdicts: ['current'],
    });
  });

  it('forwards calls to the transport with their channel and returns its answer', async () => {
    const { transport, calls } = recordingTransport();
    const api = buildHarnessApi(transport);
    await expect(api.app.info()).resolves.toEqual({ ok: true, value: 'answer of app:info' });
    await expect(api.requests.pay({ amount: '1.00', currency: 'EUR' })).resolves.toEqual({
      ok: true,
      value: 'answer of requests:pay',
    });
    expect(calls).toEqual([
      ['app:info', undefined],
      ['requests:pay', { amount: '1.00', currency: 'EUR' }],
    ]);
  });

  it('subscribes pushes through the transport and unsubscribes', () => {
    const { transport, emit } = recordingTransport();
    const api = buildHarnessApi(transport);
    const seen: unknown[] = [];
    const stop = api.events.onBatch((batch) => seen.push(batch));
    const hello = { type: 'hello', at: '2026-01-01T00:00:00.000Z', runId: 'r1', lastSeq: 0 };
    emit('events:batch', [hello]);
    stop();
    emit('events:batch', []);
    expect(seen).toEqual([[hello]]);
  });
});

describe('channel guards', () => {
  it('accept contract channels only (no prototype keys)', () => {
    expect(isCallChannel('app:info')).toBe(true);
    expect(isCallChannel('toString')).toBe(false);
    expect(isPushChannel('events:batch')).toBe(true);
    expect(isPushChannel('app:info')).toBe(false);
  });
});
