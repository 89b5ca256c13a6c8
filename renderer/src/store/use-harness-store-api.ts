import { useContext } from 'react';
import type { HarnessStore } from './harness-store';
import { HarnessStoreContext } from './store-context';

/**
 * The store itself, for the parts that bind a whole feature to it (`LiveTimeline`) and for
 * commands that write to it. Components read state through `useHarnessStore(selectX)`.
 */
export function useHarnessStoreApi(): HarnessStore {
  const store = useContext(HarnessStoreContext);
  if (store === null) throw new Error('useHarnessStoreApi needs a <HarnessStoreProvider> above it');
  return store;
}
