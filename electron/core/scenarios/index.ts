/**
 * The scenario runner (DESIGN §8) and the fuzzer: plays scenario files against the
 * reference client (or any POS a factory makes) and the embedded simulator or an external
 * endpoint, in real or virtual time, and judges every run's trace with the checkers.
 */
export { runScenario } from './run-scenario';
export { loadScenarios, type LoadedScenario } from './load';
export { junitXml, stepLines, xmlEscape, type RunRecord } from './junit';
export {
  fuzz,
  runSchedule,
  runSeed,
  type FuzzFailure,
  type FuzzOptions,
  type FuzzReport,
  type FuzzRun,
} from './fuzz';
export {
  generateSchedule,
  scheduleInput,
  scheduleScenario,
  MAX_ACTIONS,
  type Schedule,
  type ScheduleStep,
} from './fuzz-schedule';
export { failureSignature, shrinkSchedule, type Shrunk } from './shrink';
export type {
  ManagerFactory,
  RunOptions,
  ScenarioResult,
  StepResult,
  StepStatus,
  TimeMode,
} from './types';
