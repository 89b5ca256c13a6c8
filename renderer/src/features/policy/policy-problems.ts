import { z } from 'zod';
import { SessionPolicy } from '@shared/session/policy';
import { POLICY_LABELS, type PolicyDraft } from './policy-fields';

type PolicyKey = keyof SessionPolicy;

/** The whole-number range a policy rule allows, read from its schema (one place per fact). */
export function policyRange(
  key: PolicyKey,
): { readonly min: number; readonly max: number } | undefined {
  const schema = SessionPolicy.shape[key];
  if (!(schema instanceof z.ZodNumber)) return undefined;
  return {
    min: schema.minValue ?? Number.MIN_SAFE_INTEGER,
    max: schema.maxValue ?? Number.MAX_SAFE_INTEGER,
  };
}

/**
 * What is wrong with the value typed for one rule, as a sentence that names the field and the
 * allowed range ("Login attempts on BUSY must be a whole number from 1 to 1,000."); undefined
 * when the value is allowed or the rule is a tick box.
 */
export function policyFieldProblem(key: PolicyKey, typed: string | boolean): string | undefined {
  const range = policyRange(key);
  if (range === undefined || typeof typed === 'boolean') return undefined;
  const value = typed.trim() === '' ? Number.NaN : Number(typed);
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return undefined;
  return `${POLICY_LABELS[key]} must be a whole number from ${range.min.toLocaleString('en')} to ${range.max.toLocaleString('en')}.`;
}

/** Every rule whose typed value is not allowed, with its sentence. */
export function policyProblems(draft: PolicyDraft): Partial<Record<PolicyKey, string>> {
  const problems: Partial<Record<PolicyKey, string>> = {};
  for (const key of Object.keys(draft) as PolicyKey[]) {
    const problem = policyFieldProblem(key, draft[key]);
    if (problem !== undefined) problems[key] = problem;
  }
  return problems;
}
