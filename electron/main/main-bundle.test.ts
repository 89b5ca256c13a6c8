import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNELS, contentSecurityPolicy } from '@shared/ipc';
import { buildAppIntoFreshFolder } from './testing/build-app';
import {
  app,
  BrowserWindow,
  dialog,
  FakeWebContents,
  ipcMain,
  navigationEvent,
  protocol,
  session,
} from './testing/fake-electron';

/**
 * The Electron shell under test without the runtime (DESIGN §9, STYLE "Electron security"): the
 * BUILT main-process bundle, exactly what `electron .` would load, runs against a stand-in
 * `electron` module, and every promise of the security section is checked on what it asked
 * Electron to do.
 */

// Every `import 'electron'` in the module graph, the built bundle's included, gets the stand-in.
vi.mock('electron', async () => (await import('./testing/fake-electron')).default);

let buildDir: string;
let dataDir: string;
let window: BrowserWindow;

beforeAll(async () => {
  buildDir = await buildAppIntoFreshFolder();
  dataDir = await mkdtemp(join(buildDir, 'data-'));
  app.setPath('userData', join(dataDir, 'user-data'));
  app.setPath('documents', join(dataDir, 'documents'));
  await import(pathToFileURL(join(buildDir, 'main', 'index.js')).href);
}, 180_000);

afterAll(async () => {
  app.emit('will-quit');
  if (buildDir !== undefined) await rm(buildDir, { recursive: true, force: true });
});

/** An IPC invoke event as Electron builds it, from `sender`'s frame. */
function invokeEvent(
  sender: FakeWebContents,
  frame: { url: string; parent: unknown } | null,
): unknown {
  return { sender, senderFrame: frame };
}

const OWN_PAGE = 'app://harness/index.html';

function trustedEvent(): unknown {
  return invokeEvent(window.webContents, { url: OWN_PAGE, parent: null });
}

function invoke(channel: string, event: unknown, payload?: unknown): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (handler === undefined) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(handler(event, payload));
}

describe('before the app is ready', () => {
  it('turns the sandbox on for every renderer and makes app:// a standard, secure scheme', () => {
    expect(app.sandboxEnabled).toBe(true);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(BrowserWindow.getAllWindows()).toEqual([]);
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('the built main process, once ready', () => {
  beforeAll(async () => {
    const created = once(app, 'browser-window-created') as Promise<[unknown, BrowserWindow]>;
    app.becomeReady();
    [, window] = await created;
  });

  it('creates one window with the secure preferences and our preload, loading app://', () => {
    expect(BrowserWindow.getAllWindows()).toEqual([window]);
    const preferences = window.options.webPreferences;
    expect(preferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(preferences?.preload).toBe(join(buildDir, 'preload', 'index.cjs'));
    expect(existsSync(preferences?.preload ?? '')).toBe(true);
    expect(window.loadedUrl).toBe(OWN_PAGE);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('ships a preload that requires only electron and carries no zod', async () => {
    const preload = await readFile(join(buildDir, 'preload', 'index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).not.toMatch(/zod/i);
  });

  it('registers a handler for every channel of the contract and no other', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CALL_CHANNELS].sort());
  });

  const STRANGERS: readonly (readonly [string, () => unknown])[] = [
    [
      'a WebContents main never created',
      () => invokeEvent(new FakeWebContents(), { url: OWN_PAGE, parent: null }),
    ],
    [
      'our window after it navigated elsewhere',
      () => invokeEvent(window.webContents, { url: 'https://example.com/', parent: null }),
    ],
    [
      'an iframe of our own page',
      () => invokeEvent(window.webContents, { url: OWN_PAGE, parent: { url: OWN_PAGE } }),
    ],
    ['a destroyed frame', () => invokeEvent(window.webContents, null)],
  ];

  it.each(STRANGERS)('refuses every channel to %s', async (_who, event) => {
    for (const channel of CALL_CHANNELS)
      expect({ channel, result: await invoke(channel, event()) }).toEqual({
        channel,
        result: { ok: false, error: expect.objectContaining({ kind: 'forbidden' }) },
      });
  });

  it('answers its own page, and checks the payload against the contract', async () => {
    expect(await invoke('app:info', trustedEvent())).toMatchObject({ ok: true });
    expect(await invoke('session:setPolicy', trustedEvent(), 'not a policy')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
  });

  it('streams event batches to the page on every load', async () => {
    const sent = once(window.webContents, 'fake:sent') as Promise<[string, unknown]>;
    window.webContents.emit('did-finish-load');
    const [channel] = await sent;
    expect(channel).toBe('events:batch');
  });
});

describe('the app:// protocol', () => {
  const fetchApp = async (url: string, method = 'GET'): Promise<Response> => {
    const handler = protocol.handlers.get('app');
    if (handler === undefined) throw new Error('app:// is not handled');
    return handler(new Request(url, { method }));
  };

  it('is the only scheme main serves', () => {
    expect([...protocol.handlers.keys()]).toEqual(['app']);
  });

  it('serves the built renderer with the no-network CSP', async () => {
    const response = await fetchApp(OWN_PAGE);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy('electron'));
    expect(await response.text()).toBe(
      await readFile(join(buildDir, 'renderer', 'index.html'), 'utf8'),
    );
  });

  it.each([
    'app://harness/../secret.txt',
    'app://harness/%2e%2e/secret.txt',
    'app://harness/..%2fsecret.txt',
    'app://harness/%2e%2e%2fsecret.txt',
    'app://harness/assets/..%2f..%2fsecret.txt',
    'app://harness/..%5csecret.txt',
    'app://harness/../main/index.js',
    'app://harness/%2e%2e/main/index.js',
  ])('refuses %s: nothing outside the renderer output is reachable', async (url) => {
    await writeFile(join(buildDir, 'secret.txt'), 'secret');
    const response = await fetchApp(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('refuses another host and any method but GET', async () => {
    expect((await fetchApp('app://other/index.html')).status).toBe(404);
    expect((await fetchApp(OWN_PAGE, 'POST')).status).toBe(404);
  });
});

describe('what a page may not do', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'denies %s away from our origin, and allows it within',
    (name) => {
      const away = navigationEvent('https://example.com/');
      window.webContents.emit(name, away);
      expect(away.defaultPrevented).toBe(true);
      const within = navigationEvent('app://harness/index.html#timeline');
      window.webContents.emit(name, within);
      expect(within.defaultPrevented).toBe(false);
    },
  );

  it('denies every new window and every <webview>', () => {
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(window.webContents.windowOpenHandler?.({ url: OWN_PAGE })).toEqual({ action: 'deny' });
    const attach = navigationEvent('about:blank');
    window.webContents.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
  });

  it('hardens any WebContents the app creates later, not only the main window', () => {
    const later = new FakeWebContents();
    app.emit('web-contents-created', {}, later);
    expect(later.windowOpenHandler?.({ url: OWN_PAGE })).toEqual({ action: 'deny' });
    const away = navigationEvent('https://example.com/');
    later.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
  });

  it.each(['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal'])(
    'is denied the %s permission, asked or checked',
    async (permission) => {
      const ses = session.defaultSession;
      const granted = new Promise<boolean>((answer) =>
        ses.permissionRequest?.(window.webContents, permission, answer, {}),
      );
      expect(await granted).toBe(false);
      expect(ses.permissionCheck?.(window.webContents, permission, OWN_PAGE, {})).toBe(false);
    },
  );

  it('is denied devices and screen capture', async () => {
    const ses = session.defaultSession;
    expect(ses.devicePermission?.({ deviceType: 'usb', origin: OWN_PAGE })).toBe(false);
    const streams = new Promise<unknown>((answer) => ses.displayMediaRequest?.({}, answer));
    expect(await streams).toBeNull();
  });
});

describe('trace:saveAs', () => {
  it('writes the run trace where the save dialog says, modal to the asking window', async () => {
    const target = join(dataDir, 'picked', 'run.jsonl');
    await mkdir(join(dataDir, 'picked'), { recursive: true });
    dialog.nextSave = { canceled: false, filePath: target };

    const saved = await invoke('trace:saveAs', trustedEvent());

    expect(saved).toEqual({ ok: true, value: { kind: 'saved', path: target } });
    const call = dialog.saveCalls.at(-1);
    expect(call?.window).toBe(window);
    expect(call?.options.defaultPath).toMatch(
      new RegExp(`^${join(dataDir, 'documents').replaceAll('/', '\\/')}\\/.+\\.jsonl$`),
    );
    const [header] = (await readFile(target, 'utf8')).split('\n');
    expect(JSON.parse(header!)).toMatchObject({ format: 'a2a-trace' });
  });

  it('writes nothing when the person cancels', async () => {
    const before = dialog.saveCalls.length;
    dialog.nextSave = { canceled: true, filePath: '' };
    expect(await invoke('trace:saveAs', trustedEvent())).toEqual({
      ok: true,
      value: { kind: 'cancelled' },
    });
    expect(dialog.saveCalls).toHaveLength(before + 1);
  });
});

describe('report:saveAs', () => {
  it('writes the report of an opened trace where the save dialog says, offering .html', async () => {
    const sample = await readFile(
      join(import.meta.dirname, '../../resources/traces/foreign-pos-blind-resend.jsonl'),
      'utf8',
    );
    const target = join(dataDir, 'picked', 'report.html');
    await mkdir(join(dataDir, 'picked'), { recursive: true });
    dialog.nextSave = { canceled: false, filePath: target };

    const saved = await invoke('report:saveAs', trustedEvent(), {
      kind: 'trace',
      text: sample,
      fileName: 'blind.jsonl',
    });

    expect(saved).toEqual({ ok: true, value: { kind: 'saved', path: target } });
    const call = dialog.saveCalls.at(-1);
    expect(call?.window).toBe(window);
    expect(call?.options.defaultPath).toMatch(/blind\.html$/);
    expect(call?.options.filters?.[0]).toEqual({ name: 'HTML report', extensions: ['html'] });
    const html = await readFile(target, 'utf8');
    expect(html).toContain('data-checker="no-double-charge" data-pass="false"');
  });
});
