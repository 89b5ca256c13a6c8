import type { Outcome } from '@shared/session/outcomes';
import type { PayRequest, ReverseRequest } from './requests';
import type { SessionManager } from './session-manager';

/**
 * One request of the session manager with every reference resolved (amounts in minor units, the
 * POITransactionID to reverse, the ServiceID to ask about): what a window button, an `a2a exec`
 * step and a scenario step each come down to.
 */
export type OperationCall =
  | { readonly kind: 'login' }
  | { readonly kind: 'logout' }
  | ({ readonly kind: 'pay' } & PayRequest)
  | { readonly kind: 'status'; readonly serviceId?: string }
  | ({ readonly kind: 'reverse' } & ReverseRequest)
  | { readonly kind: 'abort'; readonly serviceId?: string }
  | { readonly kind: 'admin'; readonly admin?: 'diagnosis' | 'update' };

/** Runs one call on the session manager: the one dispatch the window, `a2a exec` and scenarios share. */
export function callOperation(manager: SessionManager, call: OperationCall): Promise<Outcome> {
  switch (call.kind) {
    case 'login':
      return manager.login();
    case 'logout':
      return manager.logout();
    case 'pay': {
      const { kind: _pay, ...request } = call;
      return manager.pay(request);
    }
    case 'status':
      return manager.status(call.serviceId === undefined ? {} : { serviceId: call.serviceId });
    case 'reverse': {
      const { kind: _reverse, ...request } = call;
      return manager.reverse(request);
    }
    case 'abort':
      return manager.abort(call.serviceId === undefined ? {} : { serviceId: call.serviceId });
    case 'admin':
      return manager.admin(call.admin === undefined ? {} : { kind: call.admin });
  }
}
