import {
  buildHarnessApi,
  type ApiResult,
  type CallChannel,
  type CallRequest,
  type CallResponse,
  type HarnessApi,
  type HarnessEvent,
} from '@shared/ipc';

/** A scripted answer per channel; channels without one answer an `internal` error. */
export type FakeHandlers = {
  readonly [C in CallChannel]?: (request: CallRequest<C>) => ApiResult<CallResponse<C>>;
};

/** One call the fake received. */
export interface FakeCall {
  readonly channel: CallChannel;
  readonly request: unknown;
}

/**
 * A HarnessApi for component and store tests: the real api builder over a transport whose
 * answers the test scripts. Every call is recorded; batches are pushed by hand. Answers may be
 * held back (`hold`) to test what the window shows while a call is in flight.
 */
export function createFakeApi(handlers: FakeHandlers = {}) {
  const calls: FakeCall[] = [];
  const listeners = new Set<(payload: unknown) => void>();
  const held: (() => void)[] = [];
  let holding = false;
  const answer = (channel: CallChannel, request: unknown): ApiResult<unknown> => {
    // The table maps each channel to its own handler; TS cannot correlate the two here.
    const handler = handlers[channel] as ((request: unknown) => ApiResult<unknown>) | undefined;
    return handler === undefined
      ? { ok: false, error: { kind: 'internal', message: `${channel} is not scripted` } }
      : handler(request);
  };
  const api: HarnessApi = buildHarnessApi({
    call: (channel, request) => {
      calls.push({ channel, request });
      if (!holding) return Promise.resolve(answer(channel, request));
      return new Promise((resolve) => held.push(() => resolve(answer(channel, request))));
    },
    subscribe: (_channel, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return {
    api,
    calls,
    /** Requests sent on one channel, in order. */
    requests: (channel: CallChannel) =>
      calls.filter((c) => c.channel === channel).map((c) => c.request),
    push: (batch: readonly HarnessEvent[]) => listeners.forEach((l) => l(batch)),
    /** From now on, answers wait for {@link release}. */
    hold: () => {
      holding = true;
    },
    /** Answers every held call and stops holding. */
    release: () => {
      holding = false;
      held.splice(0).forEach((resolve) => resolve());
    },
  };
}

export type FakeApi = ReturnType<typeof createFakeApi>;
