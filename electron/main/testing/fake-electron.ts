import { EventEmitter } from 'node:events';
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';

/**
 * A stand-in for the `electron` module of the main process, for the contract test of the built
 * main bundle (no Electron runtime exists on the machines we build on). It does what the real
 * module does where main depends on it (events on `app` and on each WebContents, one handler per
 * IPC channel, `protocol`/`session` usable only at the right moment) and records every request,
 * so the test asserts what the real one would have been asked to do.
 */

/** The event object Electron hands to `will-navigate` and its kin. */
export interface FakeNavigationEvent {
  readonly url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** A navigation-like event for `url`, to emit on a WebContents. */
export function navigationEvent(url: string): FakeNavigationEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** What the window-open handler decides. */
export interface WindowOpenDecision {
  readonly action: 'allow' | 'deny';
}

let nextContentsId = 1;

/** A WebContents: an event emitter that records what main sends to its page. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  /** Every `send(channel, payload)`, in order; each is also emitted as `fake:sent`. */
  readonly sent: { readonly channel: string; readonly payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => WindowOpenDecision) | undefined;
  private destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenDecision): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
    this.emit('fake:sent', channel, payload);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  sandboxEnabled = false;
  quitRequested = false;
  readonly paths = new Map<string, string>();
  private ready = false;
  private markReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));

  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`fake app: no path "${name}" was set`);
    return path;
  }

  requestSingleInstanceLock(): boolean {
    return true;
  }

  quit(): void {
    this.quitRequested = true;
  }

  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() must be called before the app is ready');
    this.sandboxEnabled = true;
  }

  isReady(): boolean {
    return this.ready;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /** The test's part: Electron finished initialising. */
  becomeReady(): void {
    this.ready = true;
    this.markReady();
    this.emit('ready');
  }
}

/** The one `app`. */
export const app = new FakeApp();

function requireReady(what: string): void {
  if (!app.isReady()) throw new Error(`${what} cannot be used before the app is ready`);
}

/** A BrowserWindow: keeps its options, announces itself on `app` as Electron does. */
export class BrowserWindow extends EventEmitter {
  private static readonly windows: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  shown = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    requireReady('BrowserWindow');
    BrowserWindow.windows.push(this);
    app.emit('web-contents-created', { preventDefault: () => undefined }, this.webContents);
    app.emit('browser-window-created', { preventDefault: () => undefined }, this);
  }

  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.windows];
  }

  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.windows.find((window) => window.webContents === contents) ?? null;
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }

  show(): void {
    this.shown = true;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  focus(): void {}
}

/** An `ipcMain.handle` listener. */
export type FakeInvokeListener = (event: unknown, payload: unknown) => unknown;

/** `ipcMain`: one handler per channel, a second registration throws as Electron's does. */
export const ipcMain = {
  handlers: new Map<string, FakeInvokeListener>(),
  handle(channel: string, listener: FakeInvokeListener): void {
    if (ipcMain.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, listener);
  },
};

/** A `protocol.handle` handler. */
export type FakeProtocolHandler = (request: Request) => Response | Promise<Response>;

/** `protocol`: privileges only before ready, handlers only after, as Electron requires. */
export const protocol = {
  privileged: [] as CustomScheme[],
  handlers: new Map<string, FakeProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (app.isReady())
      throw new Error('protocol.registerSchemesAsPrivileged must be called before app ready');
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: FakeProtocolHandler): void {
    requireReady('protocol.handle');
    protocol.handlers.set(scheme, handler);
  },
};

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: unknown,
) => boolean;
type DevicePermissionHandler = (details: unknown) => boolean;
type DisplayMediaRequestHandler = (request: unknown, callback: (streams: null) => void) => void;

/** The default session's permission handlers, as main installs them. */
export class FakeSession {
  permissionRequest: PermissionRequestHandler | undefined;
  permissionCheck: PermissionCheckHandler | undefined;
  devicePermission: DevicePermissionHandler | undefined;
  displayMediaRequest: DisplayMediaRequestHandler | undefined;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: DevicePermissionHandler): void {
    this.devicePermission = handler;
  }
  setDisplayMediaRequestHandler(handler: DisplayMediaRequestHandler): void {
    this.displayMediaRequest = handler;
  }
}

const defaultSession = new FakeSession();

/** `session`: the default session exists only once the app is ready. */
export const session = {
  get defaultSession(): FakeSession {
    requireReady('session.defaultSession');
    return defaultSession;
  },
};

/** One `dialog.showSaveDialog` call: the parent window (when modal) and the options. */
export interface SaveDialogCall {
  readonly window: BrowserWindow | undefined;
  readonly options: SaveDialogOptions;
}

/** `dialog`: answers the save dialog with what the test chose the user picks. */
export const dialog = {
  saveCalls: [] as SaveDialogCall[],
  nextSave: { canceled: true, filePath: '' } as SaveDialogReturnValue,
  showSaveDialog(
    windowOrOptions: BrowserWindow | SaveDialogOptions,
    maybeOptions?: SaveDialogOptions,
  ): Promise<SaveDialogReturnValue> {
    const call =
      windowOrOptions instanceof BrowserWindow
        ? { window: windowOrOptions, options: maybeOptions ?? {} }
        : { window: undefined, options: windowOrOptions };
    dialog.saveCalls.push(call);
    return Promise.resolve(dialog.nextSave);
  },
};

/** `shell`: records what main would open outside the app (nothing, today). */
export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

export default { app, BrowserWindow, ipcMain, protocol, session, dialog, shell };
