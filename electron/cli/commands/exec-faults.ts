import { err, ok, type Result } from '@shared/result';
import { SimulatorStateSnapshot, type ArmedFaultsSnapshot } from '@shared/simulator/control';
import type { FaultCommandInput } from '@shared/simulator/faults';
import type { Simulator } from '../../core/simulator';

/**
 * Where `a2a exec` arms faults: the simulator it started, or a harness simulator it did not start,
 * through that simulator's control API (`--control-token`). Either way it can tell which faults
 * are still armed, so a run never leaves one behind silently for the next run to hit.
 */
export interface FaultTarget {
  apply(command: FaultCommandInput): Promise<Result<void, string>>;
  /** The faults armed now, in words (`busyNextLogins 2`); empty when none. */
  armed(): Promise<Result<readonly string[], string>>;
  /** Where the simulator is, to name it in a notice. */
  readonly where: string;
}

/** The armed faults of a snapshot, one phrase each. */
export function describeArmed(faults: ArmedFaultsSnapshot): readonly string[] {
  const phrases: string[] = [];
  if (faults.busyNextLogins > 0) phrases.push(`busyNextLogins ${String(faults.busyNextLogins)}`);
  for (const category of faults.dropNextResponse)
    phrases.push(`dropNextResponse ${category ?? 'any'}`);
  for (const [category, ms] of Object.entries(faults.delayResponses))
    phrases.push(`delayResponses ${category} ${String(ms)} ms`);
  if (faults.approveThenDrop) phrases.push('approveThenDrop');
  if (faults.restartDuringPayment !== null)
    phrases.push(`restartDuringPayment ${faults.restartDuringPayment}`);
  if (faults.nextPaymentOutcome !== null)
    phrases.push(`nextPaymentOutcome ${faults.nextPaymentOutcome}`);
  return phrases;
}

export function embeddedFaults(simulator: Simulator): FaultTarget {
  return {
    apply: (command) => Promise.resolve(simulator.apply(command)),
    armed: () => Promise.resolve(ok(describeArmed(simulator.state().faults))),
    where: 'the embedded simulator',
  };
}

/** The control API of the harness simulator serving `endpoint` (same host and port). */
export function controlUrlOf(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}/control`;
}

async function callControl(
  url: string,
  token: string,
  init: { method: 'GET' | 'POST'; body?: string },
): Promise<Result<unknown, string>> {
  try {
    const response = await fetch(url, {
      method: init.method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return ok(body);
    const reason =
      typeof body === 'object' && body !== null && 'error' in body
        ? String(body.error)
        : `HTTP ${String(response.status)}`;
    return err(`${url}: ${reason}`);
  } catch (error) {
    return err(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function controlApiFaults(endpoint: string, token: string): FaultTarget {
  const control = controlUrlOf(endpoint);
  return {
    async apply(command) {
      const answer = await callControl(`${control}/faults`, token, {
        method: 'POST',
        body: JSON.stringify(command),
      });
      return answer.ok ? ok(undefined) : answer;
    },
    async armed() {
      const answer = await callControl(`${control}/state`, token, { method: 'GET' });
      if (!answer.ok) return answer;
      const state = SimulatorStateSnapshot.safeParse(answer.value);
      return state.success
        ? ok(describeArmed(state.data.faults))
        : err(`${control}/state: not a simulator state`);
    },
    where: `the simulator at ${endpoint}`,
  };
}
