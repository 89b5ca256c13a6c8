import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '@shared/result';
import type { OperationResult } from '@shared/ipc';

/** What one of the composer's operations resolves to: its final outcome, or why it could not run. */
export type OperationCallResult = Result<OperationResult, string>;

/** Where an operation started from the composer stands. */
export type OperationState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending'; readonly label: string }
  | { readonly kind: 'done'; readonly outcome: OperationResult }
  | { readonly kind: 'error'; readonly label: string; readonly message: string };

const IDLE: OperationState = { kind: 'idle' };

/**
 * Runs an operation and keeps its latest state, so the outcome is shown where it was started.
 * A later run replaces the earlier one's line; an answer that arrives after a newer run started
 * (or after unmount) is dropped.
 */
export function useOperation(): readonly [
  OperationState,
  (label: string, run: () => Promise<OperationCallResult>) => Promise<void>,
] {
  const [state, setState] = useState<OperationState>(IDLE);
  const latest = useRef(0);
  useEffect(() => {
    latest.current = 0;
    return () => {
      latest.current = -1;
    };
  }, []);
  const start = useCallback(async (label: string, run: () => Promise<OperationCallResult>) => {
    if (latest.current < 0) return;
    const mine = ++latest.current;
    setState({ kind: 'pending', label });
    const result = await run();
    if (latest.current !== mine) return;
    setState(
      result.ok
        ? { kind: 'done', outcome: result.value }
        : { kind: 'error', label, message: result.error },
    );
  }, []);
  return [state, start] as const;
}
