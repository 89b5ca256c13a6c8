import { err, ok, type Result } from '@shared/result';
import { FAULT_NAMES, FaultCommand } from '@shared/simulator/faults';
import { lazyCompiled } from '@shared/validation/compiled';

// Every fault step of a scenario run passes here.
const compiledFaultCommand = lazyCompiled(FaultCommand);

/**
 * Validates a fault command from any source (control API body, in-process call) and says
 * what is wrong in one line that names the field: an unknown fault lists the known ones.
 */
export function parseFaultCommand(value: unknown): Result<FaultCommand, string> {
  const parsed = compiledFaultCommand().safeParse(value);
  if (parsed.success) return ok(parsed.data);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err('expected a JSON object such as {"fault":"restart"}');
  }
  const name = (value as Record<string, unknown>).fault;
  if (name === undefined) return err('missing field "fault"');
  if (typeof name !== 'string' || !(FAULT_NAMES as readonly string[]).includes(name)) {
    return err(`unknown fault ${JSON.stringify(name)}; known faults: ${FAULT_NAMES.join(', ')}`);
  }
  const issue = parsed.error.issues[0];
  if (!issue) return err(`invalid ${name} command`);
  if (issue.code === 'unrecognized_keys') {
    return err(`${name}: unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`);
  }
  const field = issue.path.map(String).join('.');
  return err(`${name}: field "${field}": ${issue.message}`);
}
