import type { OpName } from '@shared/session/outcomes';

/**
 * How the window names each operation of the reference client: the nexo category it sends,
 * as the timeline shows it. The op names (`pay`, `status`…) stay the machine names (traces,
 * CLI, scenario files); `satisfies` makes a new operation without a name a compile error.
 */
export const OPERATION_LABELS = {
  login: 'Login',
  logout: 'Logout',
  pay: 'Payment',
  status: 'TransactionStatus',
  reverse: 'Reversal',
  abort: 'Abort',
  admin: 'Admin',
} as const satisfies Record<OpName, string>;

/** An operation's name on screen; an operation a newer harness introduced shows as it is. */
export function operationWords(name: string): string {
  return Object.hasOwn(OPERATION_LABELS, name) ? OPERATION_LABELS[name as OpName] : name;
}
