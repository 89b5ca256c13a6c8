import { useContext } from 'react';
import { useStore } from 'zustand';
import type { HarnessState } from './harness-state';
import { HarnessStoreContext } from './store-context';

/** Reads a slice of the store through a named selector (never the whole store). */
export function useHarnessStore<T>(selector: (state: HarnessState) => T): T {
  const store = useContext(HarnessStoreContext);
  if (store === null) throw new Error('useHarnessStore needs a <HarnessStoreProvider> above it');
  return useStore(store, selector);
}
