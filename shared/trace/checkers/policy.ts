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
  const parsed = readKey(key, policy[key]);
  return parsed.ok ? (parsed.value as number) : DEFAULT_POLICY[key];
}

/** A boolean policy value as the header states it, or the default. */
export function policyBoolean(policy: StatedPolicy, key: BooleanKey): boolean {
  const parsed = readKey(key, policy[key]);
  return parsed.ok ? (parsed.value as boolean) : DEFAULT_POLICY[key];
}

/** True when the policy states a valid `key` itself (rather than leaving it to the default). */
export function policyStates(policy: StatedPolicy, key: keyof SessionPolicy): boolean {
  return readKey(key, policy[key]).ok;
}

type KeyReading = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/**
 * What the policy schema makes of one stated value, remembered per key for numbers, booleans and
 * absent values (what traces state): a scenario run reads the same few values once per
 * operation and checker, and each schema read was a cost of its own (README "Performance: last
 * measured values"). Anything else is read afresh.
 */
const readings = new Map<string, Map<unknown, KeyReading>>();
/** Distinct values remembered per key, so traces stating ever new values cannot grow it. */
const MAX_READINGS_PER_KEY = 64;

function readKey(key: keyof SessionPolicy, value: unknown): KeyReading {
  const memo =
    (typeof value === 'number' && !Object.is(value, -0)) ||
    typeof value === 'boolean' ||
    value === undefined;
  let known = readings.get(key);
  const remembered = memo ? known?.get(value) : undefined;
  if (remembered !== undefined) return remembered;
  const parsed = SessionPolicy.shape[key].safeParse(value);
  const reading: KeyReading = parsed.success ? { ok: true, value: parsed.data } : { ok: false };
  if (memo && (known?.size ?? 0) < MAX_READINGS_PER_KEY) {
    if (known === undefined) {
      known = new Map();
      readings.set(key, known);
    }
    known.set(value, reading);
  }
  return reading;
}

/**
 * Profiles whose terminals accept requests without a Login (DESIGN §1: "login optional on
 * some"); the login rules are still reported there, as passing notes.
 */
export const LOGIN_OPTIONAL_PROFILES: ReadonlySet<string> = new Set(['adyen']);
