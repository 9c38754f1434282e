// A stand-in for the `electron` module, so the packaged main process (dist/main/index.js from app.asar) can start
// in plain Node: it records what main registers (protocols, IPC handlers, the window and its preload) on
// globalThis.kladdeElectron for drive-main.mjs. The packaging test copies it to <temp>/node_modules/electron.
import { EventEmitter } from 'node:events';
import path from 'node:path';

const appEvents = new EventEmitter();
let windowReady = () => undefined;
const recorded = {
  protocols: new Map(),
  privileged: [],
  ipc: new Map(),
  window: null,
  appEvents,
  windowCreated: new Promise((resolve) => (windowReady = resolve)),
};
globalThis.kladdeElectron = recorded;

export const app = {
  requestSingleInstanceLock: () => true,
  quit: () => appEvents.emit('quit'),
  on: (name, listener) => appEvents.on(name, listener),
  whenReady: () => Promise.resolve(),
  getPath: (name) => path.join(process.env.KLADDE_STAND_IN_USER_DATA ?? '', name),
  getVersion: () => '0.0.0-packaged-test',
  getLocale: () => 'de',
};

export const safeStorage = { isEncryptionAvailable: () => false };

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => recorded.privileged.push(...schemes),
  handle: (scheme, handler) => recorded.protocols.set(scheme, handler),
};

export const ipcMain = { handle: (channel, handler) => recorded.ipc.set(channel, handler) };

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: () => undefined },
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
  },
};

export const shell = { openExternal: async () => undefined };

export const Menu = { buildFromTemplate: (template) => template, setApplicationMenu: () => undefined };

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.url = null;
    this.webContents = Object.assign(new EventEmitter(), { send: () => undefined, setWindowOpenHandler: () => undefined, isCrashed: () => false });
    recorded.window = this;
  }
  loadURL(url) {
    this.url = url;
    windowReady(this);
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  maximize() {}
  restore() {}
  focus() {}
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 820 };
  }
}

export default { app, safeStorage, protocol, ipcMain, session, shell, Menu, BrowserWindow };
// The open dialog for a WordPress export; the packaged-app test never opens it.
export const dialog = { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) };
