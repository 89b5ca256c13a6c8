import { useCallback } from 'react';
import { err } from '@shared/result';
import type { SessionPolicy } from '@shared/session/policy';
import { useHarnessApi } from '../../api/api-context';
import { toTextResult } from '../../api/api-result';
import type { HarnessState } from '../../store/harness-state';
import { useHarnessStore } from '../../store/use-harness-store';
import { PolicyPanel } from './PolicyPanel';

const selectPolicy = (s: HarnessState) => s.sessionInfo?.policy ?? null;

/** The policy panel bound to `session:setPolicy` and the core's session info. */
export function LivePolicyPanel() {
  const api = useHarnessApi();
  const policy = useHarnessStore(selectPolicy);
  const onApply = useCallback(
    async (changes: Partial<SessionPolicy>) =>
      api === null ? err('no harness core') : toTextResult(await api.session.setPolicy(changes)),
    [api],
  );
  return <PolicyPanel policy={policy} onApply={onApply} />;
}
