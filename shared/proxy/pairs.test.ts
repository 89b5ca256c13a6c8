import { describe, expect, it } from 'vitest';
import { SUPPORTED_PAIRS, checkProxyPair } from './pairs';

describe('checkProxyPair', () => {
  it.each([
    ['ws', 'ws'],
    ['ws', 'tcp'],
    ['tcp', 'ws'],
    ['tcp', 'tcp'],
    ['local-api', 'local-api'],
    ['terminal-api', 'terminal-api'],
  ] as const)('joins %s to %s', (listen, upstream) => {
    expect(checkProxyPair(listen, upstream).ok).toBe(true);
  });

  it.each([
    ['tcp', 'local-api'],
    ['ws', 'terminal-api'],
    ['local-api', 'terminal-api'],
    ['terminal-api', 'local-api'],
    ['terminal-api', 'ws'],
    ['local-api', 'tcp'],
  ] as const)('refuses %s to %s and names the pairs it supports', (listen, upstream) => {
    const checked = checkProxyPair(listen, upstream);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toContain(`supported: ${SUPPORTED_PAIRS}`);
  });
});
