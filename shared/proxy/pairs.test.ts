import { describe, expect, it } from 'vitest';
import { checkProxyPair } from './pairs';

describe('checkProxyPair', () => {
  it.each([
    ['ws', 'ws'],
    ['ws', 'tcp'],
    ['tcp', 'ws'],
    ['tcp', 'tcp'],
  ] as const)('joins %s to %s', (listen, upstream) => {
    expect(checkProxyPair(listen, upstream).ok).toBe(true);
  });

  it.each([
    ['tcp', 'local-api'],
    ['local-api', 'local-api'],
    ['terminal-api', 'terminal-api'],
    ['terminal-api', 'ws'],
  ] as const)('refuses %s to %s and names the pairs it supports', (listen, upstream) => {
    const checked = checkProxyPair(listen, upstream);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toContain('supported: WebSocket or nexo over TCP');
  });
});
