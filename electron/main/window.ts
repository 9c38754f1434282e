import { app, BrowserWindow, session, shell, type Rectangle, type WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../common/security/csp.js';
import { APP_HOST, APP_SCHEME } from './ipc/register.js';
import type { CloseHandshake } from './window/close-handshake.js';

export const MEDIA_SCHEME = 'kladde-media';
export const START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface WindowOptions {
  preload: string;
  bounds: { x: number; y: number; width: number; height: number; maximized: boolean } | null;
  onBounds: (bounds: { x: number; y: number; width: number; height: number; maximized: boolean }) => void;
  title: string;
  /** When given, closing the window or quitting first waits (bounded) for the renderer's last save. */
  closeHandshake?: CloseHandshake;
}

/** The renderer's webPreferences: isolated, sandboxed, no Node, web security on. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

/** Only web and mail links leave the app, and only through the system browser or mail program. */
export function isExternalUrl(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:' || protocol === 'mailto:';
  } catch {
    return false;
  }
}

export function openExternally(url: string): void {
  if (isExternalUrl(url)) void shell.openExternal(url);
}

/** Applies the CSP to every response and denies every permission (camera, notifications, …). */
export function hardenSession(): void {
  const csp = contentSecurityPolicy([`${MEDIA_SCHEME}:`]);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** The main window, with navigation and new windows blocked: links open in the system browser instead. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const b = options.bounds;
  const win = new BrowserWindow({
    width: b?.width ?? 1280,
    height: b?.height ?? 820,
    ...(b ? { x: b.x, y: b.y } : {}),
    minWidth: 720,
    minHeight: 480,
    title: options.title,
    show: false,
    backgroundColor: '#f7f6f3',
    webPreferences: secureWebPreferences(options.preload),
  });
  if (b?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  let timer: ReturnType<typeof setTimeout> | null = null;
  const remember = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      if (win.isDestroyed()) return;
      const r: Rectangle = win.getNormalBounds();
      options.onBounds({ ...r, maximized: win.isMaximized() });
    }, 400);
  };
  win.on('resize', remember);
  win.on('move', remember);
  win.on('close', () => {
    const r = win.getNormalBounds();
    options.onBounds({ ...r, maximized: win.isMaximized() });
  });

  if (options.closeHandshake) guardClose(win, options.closeHandshake);

  void win.loadURL(START_URL);
  return win;
}

/**
 * Closing the window or quitting the app (menu, Cmd+Q, logout) first asks the renderer to save what was typed
 * in the last autosave second, and waits for its answer (bounded by the handshake). A crashed renderer has
 * nothing to say: its text is in the recovery journal, so the close goes ahead at once.
 */
export function guardClose(win: BrowserWindow, handshake: CloseHandshake): void {
  const askable = () => !win.isDestroyed() && !win.webContents.isCrashed();
  win.on('close', (event) => {
    if (askable()) handshake.intercept(event, () => win.isDestroyed() || win.close());
  });
  app.on('before-quit', (event) => {
    if (askable()) handshake.intercept(event, () => app.quit());
  });
}
