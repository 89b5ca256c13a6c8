import type { Checker, CheckInput, Verdict } from './types';
import { failed, judge, passed, plural } from './verdicts';
import { describe, isPosRequest, saleOf, wireMessages, type WireMessage } from './frame-view';

const NAME = 'unique-service-ids';

/**
 * README "The reference client's rules": ServiceIDs are never reused — every request the POS sends (a retry included, a
 * client restart notwithstanding) has a ServiceID of its own within its SaleID. A request
 * without a ServiceID cannot be paired with its answer, so it fails too.
 */
function check({ events }: CheckInput): Verdict[] {
  const seen = new Map<string, WireMessage[]>();
  const violations: Verdict[] = [];
  let requests = 0;
  for (const m of wireMessages(events)) {
    if (!isPosRequest(m)) continue;
    requests++;
    if (m.serviceId === undefined || m.serviceId === '') {
      violations.push(failed(NAME, `${describe(m)} has no ServiceID`, [m.seq]));
      continue;
    }
    const key = `${saleOf(m)}\u0000${m.serviceId}`;
    seen.set(key, [...(seen.get(key) ?? []), m]);
  }
  for (const uses of seen.values()) {
    const [first] = uses;
    if (first === undefined || uses.length < 2) continue;
    violations.push(
      failed(
        NAME,
        `ServiceID ${first.serviceId ?? ''} of SaleID ${saleOf(first) || '(none)'} was used ${uses.length} times: ${uses.map(describe).join(', ')}`,
        uses.map((m) => m.seq),
      ),
    );
  }
  if (requests === 0)
    return [passed(NAME, 'not applicable: the trace has no requests from the POS')];
  return judge(NAME, violations, `all ${plural(requests, 'request')} had distinct ServiceIDs`);
}

export const uniqueServiceIds: Checker = {
  name: NAME,
  description: 'Every request of a SaleID carries its own ServiceID; none is ever reused.',
  check,
};
