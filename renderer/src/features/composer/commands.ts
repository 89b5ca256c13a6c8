import type { HarnessApi } from '@shared/ipc';
import { toTextResult } from '../../api/api-result';
import type { ComposerActions } from './composer-actions';

/** The composer's operations over the HarnessApi's `requests:*` calls. */
export function composerActions(api: HarnessApi): ComposerActions {
  return {
    login: async () => toTextResult(await api.requests.login()),
    logout: async () => toTextResult(await api.requests.logout()),
    pay: async (input) => toTextResult(await api.requests.pay(input)),
    status: async (input) => toTextResult(await api.requests.status(input)),
    reverse: async (input) => toTextResult(await api.requests.reverse(input)),
    abort: async (input) => toTextResult(await api.requests.abort(input)),
    admin: async (input) => toTextResult(await api.requests.admin(input)),
  };
}
