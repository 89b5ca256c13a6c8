import type { HarnessState } from './harness-state';

export const selectAppState = (s: HarnessState) => s.appState;
export const selectAppInfo = (s: HarnessState) => s.appInfo;
export const selectStartupError = (s: HarnessState) => s.startupError;
export const selectMode = (s: HarnessState) => s.mode;
export const selectConnection = (s: HarnessState) => s.connection;
export const selectStreamLiveSince = (s: HarnessState) => s.streamLiveSince;
