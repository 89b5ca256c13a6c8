import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

const directive = (csp: string, name: string) =>
  csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('contentSecurityPolicy', () => {
  it('gives the Electron renderer no network at all', () => {
    const csp = contentSecurityPolicy('electron', ['ws://127.0.0.1:1']);
    expect(directive(csp, 'connect-src')).toBe("connect-src 'none'");
    expect(directive(csp, 'default-src')).toBe("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("lets the browser-mode renderer open only its host's WebSocket", () => {
    const csp = contentSecurityPolicy('browser', ['ws://127.0.0.1:5318', 'ws://localhost:5318']);
    expect(directive(csp, 'connect-src')).toBe(
      'connect-src ws://127.0.0.1:5318 ws://localhost:5318',
    );
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
  });
});
