import { DEFAULT_POLICY, SessionPolicy } from '../../session/policy';

/** A policy as a trace header or a scenario states it: any keys, any values. */
export type StatedPolicy = Readonly<Record<string, unknown>>;

/** A policy key whose value is a number (a duration or a count). */
export type NumericKey = {
  [K in keyof SessionPolicy]: SessionPolicy[K] extends number ? K : never;
}[keyof SessionPolicy];
type BooleanKey = {
  [K in keyof SessionPolicy]: SessionPolicy[K] extends boolean ? K : never;
}[keyof SessionPolicy];

/**
 * A policy value as a trace header (or a scenario) states it, or the default. It is read
 * key by key with the policy's own schema (so a value out of its range falls back to the
 * default instead of, say, a billion login attempts): a terminal-role trace carries no client
 * policy, and a newer harness may add keys, neither of which should stop a checker.
 */
export function policyNumber(policy: StatedPolicy, key: NumericKey): number {
  const parsed = SessionPolicy.shape[key].safeParse(policy[key]);
  return parsed.success ? parsed.data : DEFAULT_POLICY[key];
}

/** A boolean policy value as the header states it, or the default. */
export function policyBoolean(policy: StatedPolicy, key: BooleanKey): boolean {
  const parsed = SessionPolicy.shape[key].safeParse(policy[key]);
  return parsed.success ? parsed.data : DEFAULT_POLICY[key];
}

/** True when the policy states a valid `key` itself (rather than leaving it to the default). */
export function policyStates(policy: StatedPolicy, key: keyof SessionPolicy): boolean {
  return SessionPolicy.shape[key].safeParse(policy[key]).success;
}

/**
 * Profiles whose terminals accept requests without a Login (DESIGN §1: "login optional on
 * some"); the login rules are still reported there, as passing notes.
 */
export const LOGIN_OPTIONAL_PROFILES: ReadonlySet<string> = new Set(['adyen']);
