import type { ConfigureRequest, HarnessApi, SimulatorInfo } from '@shared/ipc';
import type { Result } from '@shared/result';
import { toTextResult } from '../../api/api-result';

/** Switches role, peer or profile: the core stops the old pieces and starts a new run. */
export async function configureRole(
  api: HarnessApi,
  request: ConfigureRequest,
): Promise<Result<SimulatorInfo, string>> {
  return toTextResult(await api.simulator.configure(request));
}
