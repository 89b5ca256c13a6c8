/** The scenarios feature's public surface: the panel, the run-trace view, the slice, the commands. */
export { ScenariosPanel, type ScenariosPanelProps } from './ScenariosPanel';
export { LiveScenariosPanel } from './LiveScenariosPanel';
export { ScenarioTracePane, type ScenarioTracePaneProps } from './ScenarioTracePane';
export { ScenarioTraceSwitch, type ScenarioTraceSwitchProps } from './ScenarioTraceSwitch';
export { ScenarioProgressBar, progressText } from './ScenarioProgressBar';
export { applyScenarioProgress, scenarioStatus, type ScenarioStatus } from './scenario-progress';
export {
  loadScenarioCatalogue,
  openScenarioTrace,
  runScenarios,
  showScenarioVerdict,
} from './commands';
export * from './scenarios-slice';
