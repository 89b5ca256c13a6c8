import type { ReactNode } from 'react';
import type { HarnessApi } from '@shared/ipc';
import { HarnessApiContext } from './api-context';

/** Makes `api` the one the features below call. */
export function HarnessApiProvider({
  api,
  children,
}: {
  readonly api: HarnessApi | null;
  readonly children: ReactNode;
}) {
  return <HarnessApiContext.Provider value={api}>{children}</HarnessApiContext.Provider>;
}
