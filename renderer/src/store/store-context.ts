import { createContext } from 'react';
import type { HarnessStore } from './harness-store';

/** Carries the page's store to components (so tests can render with a store of their own). */
export const HarnessStoreContext = createContext<HarnessStore | null>(null);
