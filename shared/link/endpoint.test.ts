import { describe, expect, it } from 'vitest';
import { parseEndpoint, parseListenSpec } from './endpoint';

describe('parseEndpoint', () => {
  it.each([
    ['ws://127.0.0.1:4100/nexo', 'ws', 4100, '/nexo', false],
    ['wss://terminal.example:443/nexo', 'ws', 443, '/nexo', true],
    ['tcp://127.0.0.1:7778', 'tcp', 7778, '/', false],
    ['http://192.0.2.7:8080', 'local-api', 8080, '/', false],
    ['http://192.0.2.7:8080/api/v1', 'local-api', 8080, '/api/v1', false],
    ['http://127.0.0.1:9000/nexo', 'terminal-api', 9000, '/nexo', false],
    ['https://127.0.0.1:8443/nexo/', 'terminal-api', 8443, '/nexo/', true],
    ['https://[::1]:8443/nexo', 'terminal-api', 8443, '/nexo', true],
    ['  TCP://localhost:7777  ', 'tcp', 7777, '/', false],
  ] as const)('%s is the %s wire', (text, wire, port, path, secure) => {
    const parsed = parseEndpoint(text);
    expect(parsed).toMatchObject({ ok: true, value: { wire, port, path, secure } });
  });

  it('keeps the query, which is how a test points an SDK that appends a path at any port', () => {
    const parsed = parseEndpoint('https://127.0.0.1:4443/nexo?x=:8443/nexo/');
    expect(parsed).toMatchObject({
      ok: true,
      value: { wire: 'terminal-api', search: '?x=:8443/nexo/' },
    });
  });

  it.each([
    ['ftp://127.0.0.1:21', 'scheme ftp: is not supported'],
    ['tcp://127.0.0.1', 'needs a port'],
    ['tcp://127.0.0.1:7778/nexo', 'has no path'],
    ['https://127.0.0.1:8443/pay', 'ends in /nexo'],
    ['ws://127.0.0.1:70000/nexo', 'between 1 and 65535'],
    ['ws://127.0.0.1:0/nexo', 'between 1 and 65535'],
    ['127.0.0.1:4100', 'is not an endpoint'],
    ['', 'is not an endpoint'],
  ])('refuses %s', (text, message) => {
    const parsed = parseEndpoint(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe('parseListenSpec', () => {
  it.each([
    ['tcp:7778', 'tcp', 7778],
    ['ws:0', 'ws', 0],
    ['http:8080', 'local-api', 8080],
    ['HTTPS:8443', 'terminal-api', 8443],
  ] as const)('%s listens on %s', (text, wire, port) => {
    expect(parseListenSpec(text)).toEqual({ ok: true, value: { wire, port } });
  });

  it.each(['tcp', 'udp:7', 'tcp:99999', 'tcp:-1', ':80'])('refuses %s', (text) => {
    const parsed = parseListenSpec(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/WIRE:PORT|between 0 and 65535/);
  });
});
