/** HTML reports of traces and scenario runs (README "Reports"). */
export { renderReport, reportPage, reportSections } from './render-report';
export type { ReportInput, ReportOptions } from './render-report';
export { renderScenarioBatch, renderScenarioIndex, renderScenarioReport } from './scenario-results';
export type { ReportStep, ScenarioEntry } from './scenario-results';
export {
  embeddedTraceBase64,
  extractEmbeddedTrace,
  safeFileName,
  TRACE_BLOCK_ID,
} from './embedded-trace';
export type { Base64Encoder } from './embedded-trace';
export { DEFAULT_DIAGRAM_LIMITS } from './diagram-rows';
export type { DiagramLimits } from './diagram-rows';
