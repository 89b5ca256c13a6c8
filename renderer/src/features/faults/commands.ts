import type { FaultRequest, HarnessApi, HarnessArmedKind, SimulatorInfo } from '@shared/ipc';
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

/** Takes back one kind of armed fault, or every one (the simulator's, or the proxy's). */
export async function disarmFaults(
  api: HarnessApi,
  kind?: HarnessArmedKind,
): Promise<Result<SimulatorInfo, string>> {
  return toTextResult(await api.faults.disarm(kind === undefined ? {} : { armed: kind }));
}

/** Resets the embedded simulator. */
export async function resetSimulator(api: HarnessApi): Promise<Result<SimulatorInfo, string>> {
  return toTextResult(await api.simulator.reset());
}
