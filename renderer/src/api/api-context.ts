import { createContext, useContext } from 'react';
import type { HarnessApi } from '@shared/ipc';

/** Carries the page's HarnessApi to the features that call it (tests pass a fake one). */
export const HarnessApiContext = createContext<HarnessApi | null>(null);

/** The HarnessApi, or null when the shell could not choose an adapter (a start-up error). */
export function useHarnessApi(): HarnessApi | null {
  return useContext(HarnessApiContext);
}
