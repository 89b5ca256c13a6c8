import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SETTINGS } from '@shared/settings/window-settings';
import { createHarnessCore, type HarnessCore } from '../harness';
import { dispatchCall } from './dispatch';
import { openWindowSettings } from './window-settings-store';

let dir: string;
const cores: HarnessCore[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-settings-'));
});

afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
  await rm(dir, { recursive: true, force: true });
});

const file = () => join(dir, 'window-settings.json');

describe('openWindowSettings', () => {
  it('starts from the defaults when no file exists', () => {
    const opened = openWindowSettings(file());
    expect(opened.problem).toBeUndefined();
    expect(opened.store.get()).toEqual(DEFAULT_WINDOW_SETTINGS);
  });

  it('writes a change that a fresh open reads back, leaving no temporary file', async () => {
    const saved = openWindowSettings(file()).store.update({
      theme: 'dark',
      paneLayout: { details: 0, timeline: 70, tools: 30 },
    });
    expect(saved.ok).toBe(true);
    expect(openWindowSettings(file()).store.get()).toEqual({
      theme: 'dark',
      paneLayout: { details: 0, timeline: 70, tools: 30 },
    });
    expect(await readdir(dir)).toEqual(['window-settings.json']);
  });

  it('merges a partial change over what is kept', () => {
    const { store } = openWindowSettings(file());
    store.update({ theme: 'light' });
    store.update({ paneLayout: { details: 20, timeline: 80 } });
    expect(openWindowSettings(file()).store.get()).toEqual({
      theme: 'light',
      paneLayout: { details: 20, timeline: 80 },
    });
  });

  it.each([
    ['not JSON', '{"version": 1,', 'is not JSON'],
    ['an unknown theme', '{"version":1,"settings":{"theme":"pink","paneLayout":null}}', 'theme'],
    [
      'a pane size over 100',
      '{"version":1,"settings":{"theme":"dark","paneLayout":{"a":101}}}',
      'paneLayout',
    ],
    ['another version', '{"version":2,"settings":{"theme":"dark","paneLayout":null}}', 'version'],
  ])('falls back to the defaults on %s, and says why', async (_name, text, mention) => {
    await writeFile(file(), text);
    const opened = openWindowSettings(file());
    expect(opened.store.get()).toEqual(DEFAULT_WINDOW_SETTINGS);
    expect(opened.problem).toContain(file());
    expect(opened.problem).toContain(mention);
  });

  it('keeps a change for this life when the file cannot be written, and says why', async () => {
    // A non-empty folder where the file should be: the rename over it fails.
    await mkdir(join(file(), 'inside'), { recursive: true });
    const { store } = openWindowSettings(file());
    const saved = store.update({ theme: 'dark' });
    expect(saved.ok).toBe(false);
    expect(store.get().theme).toBe('dark');
  });
});

describe('settings:get and settings:set through the core', () => {
  const start = () => {
    const core = createHarnessCore({
      mode: 'browser',
      dataDir: dir,
      initial: { role: 'terminal', port: 0 },
    });
    cores.push(core);
    return core;
  };
  const bug = (channel: string, error: unknown) => {
    throw new Error(`bug in ${channel}: ${String(error)}`);
  };

  it('remembers the theme and the pane sizes across a restart of the core', async () => {
    const first = start();
    const set = await dispatchCall(
      first.calls,
      'settings:set',
      { theme: 'dark', paneLayout: { details: 0, timeline: 74, tools: 26 } },
      bug,
    );
    expect(set).toEqual({
      ok: true,
      value: { theme: 'dark', paneLayout: { details: 0, timeline: 74, tools: 26 } },
    });
    await first.stop();

    const second = start();
    expect(await dispatchCall(second.calls, 'settings:get', undefined, bug)).toEqual({
      ok: true,
      value: { theme: 'dark', paneLayout: { details: 0, timeline: 74, tools: 26 } },
    });
    expect(JSON.parse(await readFile(file(), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('refuses a setting outside the schema and keeps the old ones', async () => {
    const core = start();
    const refused = await dispatchCall(core.calls, 'settings:set', { theme: 'pink' }, bug);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.kind).toBe('invalid-request');
    expect(await dispatchCall(core.calls, 'settings:get', undefined, bug)).toEqual({
      ok: true,
      value: DEFAULT_WINDOW_SETTINGS,
    });
  });
});
