import type { ApiResult } from '@shared/ipc';
import { err, ok, type Result } from '@shared/result';

/** What a person reads when a call failed: the core's message, with the transport's hint. */
export function apiErrorText(result: Extract<ApiResult<unknown>, { ok: false }>): string {
  return result.error.kind === 'disconnected'
    ? `the harness core is not connected (${result.error.message})`
    : result.error.message;
}

/** An API answer as a result whose error is text for the screen. */
export function toTextResult<T>(result: ApiResult<T>): Result<T, string> {
  return result.ok ? ok(result.value) : err(apiErrorText(result));
}
