import type { Observer, TraceEvent } from '../events';
import { byPrimaryObserver, defineChecker, type EventReader } from './incremental';
import type { Verdict } from './types';
import { failed, judge, listed, passed, plural } from './verdicts';
import { describe, isPosRequest, readMessage, saleOf, type WireMessage } from './frame-view';

const NAME = 'unique-service-ids';

/**
 * README "The reference client's rules": ServiceIDs are never reused — every request the POS sends (a retry included, a
 * client restart notwithstanding) has a ServiceID of its own within its SaleID. A request
 * without a ServiceID cannot be paired with its answer, so it fails too.
 */
function read(observer: Observer | undefined): EventReader<Verdict[]> {
  const seen = new Map<string, WireMessage[]>();
  const violations: Verdict[] = [];
  let requests = 0;

  const push = (event: TraceEvent): void => {
    if (event.kind !== 'message' || event.observer !== observer) return;
    const m = readMessage(event);
    if (!isPosRequest(m)) return;
    requests++;
    if (m.serviceId === undefined || m.serviceId === '') {
      violations.push(failed(NAME, `${describe(m)} has no ServiceID`, [m.seq]));
      return;
    }
    const key = `${saleOf(m)}\u0000${m.serviceId}`;
    const uses = seen.get(key);
    if (uses === undefined) seen.set(key, [m]);
    else uses.push(m);
  };

  const verdicts = (): Verdict[] => {
    const all = [...violations];
    for (const uses of seen.values()) {
      const [first] = uses;
      if (first === undefined || uses.length < 2) continue;
      all.push(
        failed(
          NAME,
          `ServiceID ${first.serviceId ?? ''} of SaleID ${saleOf(first) || '(none)'} was used ${uses.length} times: ${listed(uses, describe)}`,
          uses.map((m) => m.seq),
        ),
      );
    }
    if (requests === 0)
      return [passed(NAME, 'not applicable: the trace has no requests from the POS')];
    return judge(NAME, all, `all ${plural(requests, 'request')} had distinct ServiceIDs`);
  };

  return { push, read: verdicts };
}

export const uniqueServiceIds = defineChecker({
  name: NAME,
  description: 'Every request of a SaleID carries its own ServiceID; none is ever reused.',
  start: () => byPrimaryObserver(read),
});
