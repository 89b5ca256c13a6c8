import {
  isCallChannel,
  type ApiResult,
  type CallChannel,
  type CallHandlers,
  type CallRequest,
  type CallResponse,
} from '@shared/ipc';
import { callSchemas, describeIssues } from '@shared/ipc/schemas';
import { MAX_CARRIER_JSON_DEPTH, valueDepth } from '@shared/protocol';
import { err } from '@shared/result';

/** Called when a handler throws: that is a bug, so it is reported, and the caller gets `internal`. */
export type BugReporter = (channel: CallChannel, error: unknown) => void;

async function invoke<C extends CallChannel>(
  handlers: CallHandlers,
  channel: C,
  payload: unknown,
  reportBug: BugReporter,
): Promise<ApiResult<CallResponse<C>>> {
  // An IPC payload arrives already built (structured clone), so its nesting is measured on the
  // value before any schema walks it (README "Reliability and limits").
  if (valueDepth(payload, MAX_CARRIER_JSON_DEPTH) > MAX_CARRIER_JSON_DEPTH)
    return err({
      kind: 'invalid-request',
      message: `${channel}: payload nested deeper than ${String(MAX_CARRIER_JSON_DEPTH)} levels`,
    });
  const parsed = callSchemas[channel].request.safeParse(payload);
  if (!parsed.success)
    return err({
      kind: 'invalid-request',
      message: `${channel}: ${describeIssues(parsed.error)}`,
    });
  const handler: (request: CallRequest<C>) => Promise<ApiResult<CallResponse<C>>> =
    handlers[channel];
  try {
    return await handler(parsed.data);
  } catch (error) {
    reportBug(channel, error);
    return err({ kind: 'internal', message: `${channel} failed inside the harness core` });
  }
}

/**
 * Answers one call from an untrusted caller (an IPC message, a WebSocket frame): the channel must
 * be in the contract and the payload must match its schema, otherwise the answer is an
 * `invalid-request` error value. Both transports go through here, so they behave the same.
 */
export function dispatchCall(
  handlers: CallHandlers,
  channel: string,
  payload: unknown,
  reportBug: BugReporter,
): Promise<ApiResult<unknown>> {
  if (!isCallChannel(channel))
    return Promise.resolve(
      err({ kind: 'invalid-request', message: `unknown channel "${channel.slice(0, 100)}"` }),
    );
  return invoke(handlers, channel, payload, reportBug);
}
