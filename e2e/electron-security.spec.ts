import { expect, test } from './fixtures';

// Electron target only: pins DESIGN §9 on the running app. Skipped (with one reason) where no
// Electron runtime is installed.

test.describe('Electron security', () => {
  test('the window that exists runs with every security preference', async ({
    shell,
    electronApp,
  }) => {
    await shell.waitUntilReady();
    // What Electron applied to the live window, not what a factory would return.
    // `getLastWebPreferences` exists at run time but is missing from Electron's type declarations.
    const preferences = await electronApp.evaluate(({ BrowserWindow }) => {
      const [window, ...others] = BrowserWindow.getAllWindows();
      const contents = window?.webContents as
        { getLastWebPreferences?: () => Electron.WebPreferences | null } | undefined;
      if (contents?.getLastWebPreferences === undefined)
        throw new Error('no window, or webContents.getLastWebPreferences is gone');
      return { preferences: contents.getLastWebPreferences(), others: others.length };
    });
    expect(preferences.others).toBe(0);
    expect(preferences.preferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
    expect(preferences.preferences?.preload).toMatch(/[\\/]out[\\/]preload[\\/]index\.cjs$/);
  });

  test('the page has no Node: no require, process, module or Buffer', async ({ shell }) => {
    await shell.waitUntilReady();
    const types = await shell.page.evaluate(
      '[typeof require, typeof process, typeof module, typeof Buffer, typeof global]',
    );
    expect(types).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  test('the preload exposes window.api and nothing else', async ({ shell, electronApp }) => {
    await shell.waitUntilReady();
    const ours = await shell.page.evaluate<string[]>('Object.getOwnPropertyNames(window)');
    // A sandboxed window without our preload, for the globals any page has.
    const blank = (await electronApp.evaluate(async ({ BrowserWindow }) => {
      const probe = new BrowserWindow({ show: false, webPreferences: { sandbox: true } });
      await probe.loadURL('about:blank');
      const names: unknown = await probe.webContents.executeJavaScript(
        'Object.getOwnPropertyNames(window)',
      );
      probe.destroy();
      return names;
    })) as string[];

    expect(ours.filter((name) => !blank.includes(name))).toEqual(['api']);
    const shape = await shell.page.evaluate(
      'Object.fromEntries(Object.entries(window.api).map(([d, m]) => [d, Object.keys(m).sort()]))',
    );
    expect(shape).toEqual({ app: ['info'], events: ['onBatch'] });
  });

  test('navigation away from the app is denied', async ({ shell, electronApp }) => {
    await shell.waitUntilReady();
    const start = shell.page.url();
    await electronApp.evaluate(({ webContents }) => {
      const contents = webContents.getAllWebContents()[0]!;
      const record = globalThis as { __a2aNavigation?: boolean };
      // Listeners run in order: the app's own guard (registered first) has already decided.
      contents.once('will-navigate', (event) => (record.__a2aNavigation = event.defaultPrevented));
    });

    await shell.page.evaluate('location.href = "https://example.com/"');

    await expect
      .poll(() =>
        electronApp.evaluate(() => (globalThis as { __a2aNavigation?: boolean }).__a2aNavigation),
      )
      .toBe(true);
    expect(shell.page.url()).toBe(start);
  });

  test('new windows are denied', async ({ shell, electronApp }) => {
    await shell.waitUntilReady();
    const opened = await shell.page.evaluate('window.open("https://example.com/") === null');
    expect(opened).toBe(true);
    expect(electronApp.windows()).toHaveLength(1);
  });

  test('permission requests are denied', async ({ shell }) => {
    await shell.waitUntilReady();
    const permission = await shell.page.evaluate('Notification.requestPermission()');
    expect(permission).toBe('denied');
  });
});
