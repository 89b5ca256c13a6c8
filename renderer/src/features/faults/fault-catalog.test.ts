import { describe, expect, it } from 'vitest';
import { faultRequestSchema } from '@shared/ipc/schemas';
import { ProxyFaultCommand } from '@shared/proxy/faults';
import { FaultCommand } from '@shared/simulator/faults';
import { DEFAULT_FAULT_PARAMS, faultRequest, NUMBER_PARAMS } from './fault-catalog';

describe('the fault parameters', () => {
  // The form names the ranges before sending; the simulator's schema is the judge. They agree.
  it.each([
    ['busyNextLogins', 'busyCount', NUMBER_PARAMS.busyCount],
    ['delayResponses', 'delayMs', NUMBER_PARAMS.delayMs],
  ] as const)('%s: the form accepts exactly what the simulator accepts', (fault, key, range) => {
    for (const value of [range.min - 1, range.min, range.max, range.max + 1, range.min + 0.5]) {
      const request = faultRequest(fault, { ...DEFAULT_FAULT_PARAMS, [key]: String(value) });
      const schema = request.ok
        ? FaultCommand.safeParse(request.value).success
        : FaultCommand.safeParse(
            fault === 'busyNextLogins' ? { fault, count: value } : { fault, ms: value },
          ).success;
      expect([value, request.ok]).toEqual([value, schema]);
    }
  });

  it('sends the defaults as the simulator takes them', () => {
    expect(faultRequest('busyNextLogins', DEFAULT_FAULT_PARAMS)).toEqual({
      ok: true,
      value: { fault: 'busyNextLogins', count: 3 },
    });
    expect(faultRequest('delayResponses', DEFAULT_FAULT_PARAMS)).toEqual({
      ok: true,
      value: { fault: 'delayResponses', ms: 3000 },
    });
  });

  // The proxy is the judge of its own faults; the contract's schema lets through what it takes.
  it('ignoreNextRequests: the form accepts exactly what the proxy accepts', () => {
    const range = NUMBER_PARAMS.ignoreCount;
    for (const count of [range.min - 1, range.min, range.max, range.max + 1, range.min + 0.5]) {
      const request = faultRequest('ignoreNextRequests', {
        ...DEFAULT_FAULT_PARAMS,
        ignoreCount: String(count),
      });
      const proxy = ProxyFaultCommand.safeParse({ fault: 'ignoreNextRequests', count }).success;
      expect([count, request.ok]).toEqual([count, proxy]);
      if (request.ok) expect(faultRequestSchema.safeParse(request.value).success).toBe(true);
    }
    const drop = faultRequest('dropUpstreamLink', DEFAULT_FAULT_PARAMS);
    expect(drop.ok && ProxyFaultCommand.safeParse(drop.value).success).toBe(true);
  });
});
