import type { ReactNode } from 'react';
import type { HarnessStore } from './harness-store';
import { HarnessStoreContext } from './store-context';

/** Makes `store` the one `useHarnessStore` reads below it. */
export function HarnessStoreProvider({
  store,
  children,
}: {
  readonly store: HarnessStore;
  readonly children: ReactNode;
}) {
  return <HarnessStoreContext.Provider value={store}>{children}</HarnessStoreContext.Provider>;
}
