import { z } from 'zod';
import { wireToMinor } from '../protocol/money';
import { jsonTextDepth } from '../protocol/json-depth';
import { MAX_CARRIER_JSON_DEPTH } from '../protocol/limits';
import { err, ok, type Result } from '../result';
import { checkReferences } from './references';
import { Scenario, SCENARIO_FORMAT } from './schema';

/** One problem found in a scenario file, at a path such as `steps[3].amount`. */
export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Why a scenario file was refused. `message` is one line naming the place and the reason
 * (`steps[3].amount: expected a decimal string such as "12.50"`); `issues` lists every problem
 * found, first one first.
 */
export interface ScenarioError {
  readonly kind: 'json' | 'invalid';
  readonly message: string;
  readonly issues: readonly ScenarioIssue[];
}

/** `['steps', 3, 'amount']` → `steps[3].amount`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function describeIssue(issue: z.core.$ZodIssue): ScenarioIssue {
  if (issue.code === 'unrecognized_keys') {
    const fields = issue.keys.map((k) => `"${k}"`).join(', ');
    return {
      path: formatPath(issue.path),
      message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${fields}`,
    };
  }
  return { path: formatPath(issue.path), message: issue.message };
}

function oneLine(issue: ScenarioIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

function refuse(
  kind: ScenarioError['kind'],
  issues: readonly ScenarioIssue[],
): Result<never, ScenarioError> {
  const [first] = issues;
  return err({ kind, message: first === undefined ? 'invalid scenario' : oneLine(first), issues });
}

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function parseJson(text: string): Result<unknown, ScenarioError> {
  // A file nested past the JSON budget is refused before it is parsed (README "Reliability and limits").
  if (jsonTextDepth(text, MAX_CARRIER_JSON_DEPTH) > MAX_CARRIER_JSON_DEPTH)
    return refuse('json', [
      {
        path: '',
        message: `not JSON: nested deeper than ${String(MAX_CARRIER_JSON_DEPTH)} levels`,
      },
    ]);
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason);
    const where =
      position?.[1] === undefined ? '' : `${lineAndColumn(text, Number(position[1]))}: `;
    return refuse('json', [{ path: '', message: `not JSON: ${where}${reason}` }]);
  }
}

/** Amounts must fit their currency's minor unit (no `12.345` EUR), checked with the money rules. */
function checkAmounts(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const fallback = scenario.simulator.currency ?? 'EUR';
  scenario.steps.forEach((step, index) => {
    if (step.kind !== 'pay') return;
    const minor = wireToMinor(step.amount, step.currency ?? fallback);
    if (!minor.ok) issues.push({ path: `steps[${index}].amount`, message: minor.error.reason });
  });
  return issues;
}

let compiled: typeof Scenario | undefined;

/**
 * The scenario schema with zod's compiled fast path (the fuzzer parses one scenario per run);
 * whatever it rejects is parsed again by the runtime schema, so the issues are the runtime's.
 * Compiled on first use: compilation uses `new Function`, which a page under a strict CSP
 * must never attempt.
 */
export function compiledScenario(): typeof Scenario {
  compiled ??= z.compile(Scenario);
  return compiled;
}

/**
 * Reads a scenario file: JSON, then the schema (defaults applied), then what a schema cannot
 * say — ids unique, references to earlier steps of the right kind, outcome names that fit the
 * operation, amounts that fit their currency.
 */
export function parseScenario(text: string): Result<Scenario, ScenarioError> {
  const json = parseJson(text.replace(/^\uFEFF/, ''));
  if (!json.ok) return json;
  return parseScenarioValue(json.value);
}

/**
 * {@link parseScenario} of a value already parsed from JSON (or built as JSON data, as the
 * fuzzer's schedules are): every check but the text's own, with the same results.
 */
export function parseScenarioValue(root: unknown): Result<Scenario, ScenarioError> {
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return refuse('invalid', [
      { path: '', message: `expected a JSON object with "format": "${SCENARIO_FORMAT}"` },
    ]);
  }
  const parsed = compiledScenario().safeParse(root);
  if (!parsed.success) return refuse('invalid', parsed.error.issues.map(describeIssue));
  const issues = [...checkReferences(parsed.data), ...checkAmounts(parsed.data)];
  if (issues.length > 0) return refuse('invalid', issues);
  return ok(parsed.data);
}
