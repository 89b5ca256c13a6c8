import { OPERATION_OUTCOMES, PAYMENT_OUTCOMES } from './outcomes';
import { OPERATION_STEP_KINDS, type Scenario, type Step, type StepKind } from './schema';

/** A problem a schema cannot see, at a path such as `steps[4].of`. */
interface Issue {
  readonly path: string;
  readonly message: string;
}

const OPERATIONS: readonly StepKind[] = OPERATION_STEP_KINDS;
const OPERATIONS_AND_SEND: readonly StepKind[] = [...OPERATION_STEP_KINDS, 'send'];

/** For each referencing field: which step kinds it may point at. */
type Reference = readonly [field: string, target: string | undefined, kinds: readonly StepKind[]];

/** The references a step makes, as a table per kind rather than a chain of ifs. */
function referencesOf(step: Step): readonly Reference[] {
  switch (step.kind) {
    case 'status':
    case 'reverse':
    case 'abort':
      return [['of', step.of, ['pay']]];
    case 'send':
      return [['reuseServiceIdOf', step.reuseServiceIdOf, OPERATIONS_AND_SEND]];
    case 'waitFor':
      return [['op', step.op, OPERATIONS_AND_SEND]];
    case 'expectOutcome':
      return [['of', step.of, OPERATIONS]];
    case 'expectResponse':
      return [['of', step.of, ['send']]];
    case 'expectLedger':
      return [['sale', step.sale, ['pay']]];
    case 'login':
    case 'logout':
    case 'pay':
    case 'admin':
    case 'fault':
    case 'wait':
    case 'expectVerdicts':
      return [];
  }
}

/** Fields that exclude each other, per kind. */
const EXCLUSIONS: readonly (readonly [StepKind, string, string])[] = [
  ['status', 'serviceId', 'of'],
  ['reverse', 'poiTransactionId', 'of'],
  ['send', 'serviceId', 'reuseServiceIdOf'],
  ['expectLedger', 'sale', 'saleTransactionId'],
  ['waitFor', 'session', 'op'],
  ['expectResponse', 'none', 'result'],
  ['expectResponse', 'none', 'errorCondition'],
];

/** Fields of which a step must give at least one, per kind. */
const AT_LEAST_ONE: readonly (readonly [StepKind, readonly string[]])[] = [
  ['waitFor', ['session', 'op']],
  ['expectLedger', ['approvals', 'unreversedApprovals', 'declines', 'reversals', 'entries']],
  ['expectResponse', ['none', 'result', 'errorCondition']],
];

/** A field counts as given unless absent or `false` (`"none": false` says nothing). */
function given(step: Readonly<Record<string, unknown>>, field: string): boolean {
  return step[field] !== undefined && step[field] !== false;
}

function checkFields(step: Step, at: string): Issue[] {
  const fields: Readonly<Record<string, unknown>> = step;
  const issues: Issue[] = [];
  for (const [kind, a, b] of EXCLUSIONS) {
    if (step.kind === kind && given(fields, a) && given(fields, b)) {
      issues.push({ path: `${at}.${b}`, message: `"${a}" and "${b}" exclude each other` });
    }
  }
  for (const [kind, options] of AT_LEAST_ONE) {
    if (step.kind === kind && !options.some((field) => given(fields, field))) {
      issues.push({ path: at, message: `expected ${options.map((o) => `"${o}"`).join(' or ')}` });
    }
  }
  return issues;
}

/** Outcome names that fit the operation an `expectOutcome` points at. */
function checkOutcome(step: Step, target: Step, at: string): Issue[] {
  if (step.kind !== 'expectOutcome') return [];
  const isPay = target.kind === 'pay';
  const allowed: readonly string[] = isPay ? PAYMENT_OUTCOMES : OPERATION_OUTCOMES;
  const issues: Issue[] = [];
  const outcomes = Array.isArray(step.outcome) ? step.outcome : [step.outcome];
  for (const outcome of outcomes) {
    if (!allowed.includes(outcome)) {
      issues.push({
        path: `${at}.outcome`,
        message: `"${outcome}" is not an outcome of ${target.kind} (expected one of ${allowed.join(', ')})`,
      });
    }
  }
  if (!isPay && step.result !== undefined)
    issues.push({ path: `${at}.result`, message: 'only a payment has a result' });
  if (!isPay && step.resent !== undefined)
    issues.push({ path: `${at}.resent`, message: 'only a payment can be resent' });
  return issues;
}

/** Cross-step rules: unique ids, references to earlier steps of the right kind, fitting outcomes. */
export function checkReferences(scenario: Scenario): Issue[] {
  const issues: Issue[] = [];
  const earlier = new Map<string, Step>();
  scenario.steps.forEach((step, index) => {
    const at = `steps[${index}]`;
    issues.push(...checkFields(step, at));
    for (const [field, target, kinds] of referencesOf(step)) {
      if (target === undefined) continue;
      const found = earlier.get(target);
      if (found === undefined) {
        issues.push({ path: `${at}.${field}`, message: `no earlier step has the id "${target}"` });
      } else if (!kinds.includes(found.kind)) {
        issues.push({
          path: `${at}.${field}`,
          message: `step "${target}" is a ${found.kind} step; expected ${kinds.join(' or ')}`,
        });
      } else {
        issues.push(...checkOutcome(step, found, at));
      }
    }
    if (step.id !== undefined) {
      if (earlier.has(step.id))
        issues.push({ path: `${at}.id`, message: `the id "${step.id}" is already used` });
      else earlier.set(step.id, step);
    }
  });
  return issues;
}
