/** The verdicts feature's public surface: the live verdicts panel, the verdict list and the slice. */
export { VerdictList, type VerdictListProps } from './VerdictList';
export { VerdictsPanel, type VerdictsPanelProps } from './VerdictsPanel';
export { LiveVerdictsPanel } from './LiveVerdictsPanel';
export { showLiveEvent } from './commands';
export { createVerdictsSlice, selectLiveVerdicts, type VerdictsSlice } from './verdicts-slice';
