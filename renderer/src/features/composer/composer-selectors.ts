import type { OpInFlight } from '@shared/ipc';
import { formatMinor } from '@shared/protocol/money';
import type { TracedOp } from '@shared/trace/view';
import type { HarnessState } from '../../store/harness-state';
import type { PaymentInFlight } from './composer-actions';

const NO_OPS: readonly OpInFlight[] = [];
export const selectSessionOps = (s: HarnessState) => s.sessionInfo?.ops ?? NO_OPS;
export const selectTracedOps = (s: HarnessState) => s.sessionView.opsInFlight;

/** Payments the session manager has in flight, labelled with their amount when the trace knows it. */
export function paymentsInFlight(
  ops: readonly OpInFlight[],
  traced: readonly TracedOp[],
): PaymentInFlight[] {
  const details = new Map(traced.map((o) => [o.op, o.detail]));
  return ops.flatMap((op) => {
    const serviceId = op.serviceIds.at(-1);
    if (op.name !== 'pay' || serviceId === undefined) return [];
    const detail = details.get(op.op);
    const amount =
      typeof detail?.amountMinor === 'number' && typeof detail.currency === 'string'
        ? `${formatMinor(detail.amountMinor, detail.currency)}, `
        : '';
    return [{ serviceId, label: `${amount}#${serviceId} (${op.stage})` }];
  });
}

/** Why requests cannot be sent now, or undefined. */
export function selectComposerUnavailable(s: HarnessState): string | undefined {
  if (s.run?.role === 'terminal')
    return 'Terminal role: the POS is somebody else’s app, so the harness sends no requests.';
  if (s.run?.role === 'proxy')
    return 'Proxy role: the POS is somebody else’s app; the harness only stands in the middle.';
  if (s.sessionInfo !== null && !s.sessionInfo.connected)
    return 'The client is not connected to a payment app: pick a peer in Role.';
  return undefined;
}
