/**
 * Scenario files (README "Scenario files"): the schema, the parser with step-indexed errors, and the
 * outcome names a scenario may expect.
 */
export * from './schema';
export { PAYMENT_OUTCOMES, OPERATION_OUTCOMES, PAYMENT_RESULTS } from './outcomes';
export {
  parseScenario,
  parseScenarioValue,
  formatPath,
  type ScenarioError,
  type ScenarioIssue,
} from './parse';
export {
  ledgerCounts,
  countMatches,
  ledgerProblems,
  outcomeProblems,
  responseProblems,
  verdictProblems,
  FINAL_VERDICTS,
  type LedgerCounts,
  type SendAnswer,
} from './expectations';
export { describeStep, needsSimulator } from './describe-step';
