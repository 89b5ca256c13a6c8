import { describe, expect, it } from 'vitest';
import { buildHarnessApi } from '@shared/ipc';
import { VirtualClock } from '@shared/time/virtual-clock';
import { selectAdapter } from './select-adapter';

const deps = { clock: new VirtualClock(), random: () => 0 };
const location = (href: string) => {
  const url = new URL(href);
  return { protocol: url.protocol, host: url.host, search: url.search };
};

describe('selectAdapter', () => {
  it('uses the preload api when the page has one (Electron)', () => {
    const api = buildHarnessApi({
      call: () => Promise.resolve({ ok: true, value: null }),
      subscribe: () => () => undefined,
    });
    const selected = selectAdapter({ api, location: location('app://harness/index.html') }, deps);
    expect(selected.ok && selected.value.mode).toBe('electron');
    expect(selected.ok && selected.value.api).toBe(api);
  });

  it('uses the browser bridge when the page URL carries a token', () => {
    const selected = selectAdapter(
      { location: location('http://127.0.0.1:5318/?token=abc') },
      deps,
    );
    expect(selected.ok && selected.value.mode).toBe('browser');
  });

  it.each(['http://127.0.0.1:5318/', 'http://127.0.0.1:5318/?token='])(
    'explains where the token comes from when %s has none',
    (href) => {
      const selected = selectAdapter({ location: location(href) }, deps);
      expect(selected.ok).toBe(false);
      if (!selected.ok) expect(selected.error).toMatch(/a2a web.*\?token=/);
    },
  );
});
