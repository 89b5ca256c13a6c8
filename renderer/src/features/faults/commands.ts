import type { FaultRequest, HarnessApi } from '@shared/ipc';
import { ok, type Result } from '@shared/result';
import { toTextResult } from '../../api/api-result';

/** Applies a fault; resolves to what the core did (e.g. "armed: the next 3 Logins answer Busy"). */
export async function applyFault(
  api: HarnessApi,
  request: FaultRequest,
): Promise<Result<string, string>> {
  const result = toTextResult(await api.faults.apply(request));
  return result.ok ? ok(result.value.message) : result;
}
