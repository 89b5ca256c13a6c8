import { describe, expect, it } from 'vitest';
import { callSchemas, pushSchemas } from './schemas';
import { CALL_CHANNELS, PUSH_CHANNELS } from './channels';

const info = {
  productName: 'App2App Harness',
  version: '0.1.0',
  startedAt: '2026-01-01T00:00:00.000Z',
  mode: 'electron',
};

describe('contract schemas', () => {
  it('has a schema for every channel', () => {
    expect(Object.keys(callSchemas).sort()).toEqual([...CALL_CHANNELS].sort());
    expect(Object.keys(pushSchemas).sort()).toEqual([...PUSH_CHANNELS].sort());
  });

  it('app:info takes no payload and answers the app info', () => {
    const { request, response } = callSchemas['app:info'];
    expect(request.safeParse(undefined).success).toBe(true);
    expect(request.safeParse({}).success).toBe(false);
    expect(response.parse(info)).toEqual(info);
  });

  it.each([
    ['a start time that is not ISO 8601', { ...info, startedAt: 'yesterday' }],
    ['an unknown mode', { ...info, mode: 'cli' }],
    ['an empty version', { ...info, version: '' }],
    ['a missing product name', { ...info, productName: undefined }],
  ])('app:info answers refuse %s', (_name, value) => {
    expect(callSchemas['app:info'].response.safeParse(value).success).toBe(false);
  });

  it('events:batch carries arrays of known events only', () => {
    const batch = pushSchemas['events:batch'];
    expect(batch.safeParse([]).success).toBe(true);
    expect(batch.safeParse([{ type: 'hello', at: '2026-01-01T00:00:00.000Z' }]).success).toBe(true);
    expect(batch.safeParse([{ type: 'nope', at: '2026-01-01T00:00:00.000Z' }]).success).toBe(false);
    expect(batch.safeParse({ type: 'hello' }).success).toBe(false);
  });
});
