import { app, BrowserWindow, dialog, ipcMain, safeStorage } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ipcEvent } from '../common/ipc/channels.js';
import { resolveUiLanguage } from '../common/model/settings.js';
import { registerSchemes, serveMedia, serveRenderer } from './app-protocol.js';
import { exportSaveDialog, printPageToPdf } from './electron/export-electron.js';
import { createDispatcher } from './ipc/dispatch.js';
import { registerIpc } from './ipc/register.js';
import { installMenu } from './menu.js';
import { Services } from './services.js';
import { createMainWindow, hardenSession } from './window.js';

// Composition root: builds the services in a fixed order, registers IPC, opens the one window.
const here = path.dirname(fileURLToPath(import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerSchemes();
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  void app.whenReady().then(async () => {
    const services = new Services({
      configDir: app.getPath('userData'),
      transport: 'electron',
      version: app.getVersion(),
      systemLanguage: app.getLocale(),
      log: (m) => console.error(m),
      // „Beiträge holen“ from a WordPress export: the path stays in main, the renderer gets a token.
      chooseImportFile: async () => {
        const de = resolveUiLanguage((await services.settings.get()).uiLanguage, app.getLocale()) === 'de';
        const options: Electron.OpenDialogOptions = {
          title: de ? 'WordPress-Export öffnen' : 'Open WordPress export',
          properties: ['openFile'],
          filters: [
            { name: de ? 'WordPress-Export (WXR)' : 'WordPress export (WXR)', extensions: ['xml'] },
            { name: de ? 'Alle Dateien' : 'All files', extensions: ['*'] },
          ],
        };
        const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      },
      // Exports: the save dialog and printToPDF stay in main; the renderer learns only the file name.
      chooseExportTarget: exportSaveDialog(
        () => win,
        async (): Promise<'de' | 'en'> => resolveUiLanguage((await services.settings.get()).uiLanguage, app.getLocale()),
      ),
      printToPdf: printPageToPdf,
      // Blog passwords are encrypted by the operating system's keychain (Keychain, DPAPI, libsecret).
      ...(safeStorage.isEncryptionAvailable()
        ? {
            secretBox: {
              kind: 'safeStorage',
              encrypt: async (plain: string) => new Uint8Array(safeStorage.encryptString(plain)),
              decrypt: async (data: Uint8Array) => safeStorage.decryptString(Buffer.from(data)),
            },
          }
        : {}),
    });
    await services.start();
    hardenSession();
    serveRenderer(path.join(here, '../renderer'));
    serveMedia((id, file) => services.images.readMedia(id, file));
    registerIpc(ipcMain, createDispatcher(services.handlers(), (m) => console.error(m)));

    const settings = await services.settings.get();
    const language = resolveUiLanguage(settings.uiLanguage, app.getLocale());
    win = createMainWindow({
      preload: path.join(here, '../preload/index.cjs'),
      bounds: settings.windowBounds,
      // A window smaller than the settings allow (or off screen) is simply not remembered.
      onBounds: (windowBounds) => void services.settings.update({ windowBounds }).catch(() => undefined),
      title: 'Kladde',
      closeHandshake: services.closeHandshake,
    });
    const target = win;
    services.events.add({ emit: (name, payload) => target.isDestroyed() || target.webContents.send(ipcEvent(name), payload) });
    installMenu(language, (command) => target.webContents.send(ipcEvent('menuCommand'), { command }));
    // Not on before-quit: that one waits for the renderer's last save first (see guardClose).
    app.on('will-quit', () => void services.stop());
  });
}
