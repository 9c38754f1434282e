import { app, BrowserWindow, dialog, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SaveTargetRequest } from '../export/export-service.js';

const TEXTS = {
  de: {
    html: ['Als HTML exportieren', 'HTML-Seite'],
    'html-folder': ['Als Ordner mit HTML und Bildern exportieren', 'Ordner'],
    pdf: ['Als PDF exportieren', 'PDF-Dokument'],
    zip: ['Bibliothek als ZIP sichern', 'ZIP-Archiv'],
  },
  en: {
    html: ['Export as HTML', 'HTML page'],
    'html-folder': ['Export as a folder with HTML and images', 'Folder'],
    pdf: ['Export as PDF', 'PDF document'],
    zip: ['Back up library as ZIP', 'ZIP archive'],
  },
} as const;
const EXTENSIONS: Record<SaveTargetRequest['kind'], string[]> = { html: ['html'], 'html-folder': [], pdf: ['pdf'], zip: ['zip'] };

/** Electron's save dialog for an export; the chosen path stays in main (the renderer only learns the file name). */
export function exportSaveDialog(window: () => BrowserWindow | null, language: () => Promise<'de' | 'en'>) {
  return async (request: SaveTargetRequest): Promise<string | null> => {
    const [title, filterName] = TEXTS[await language()][request.kind];
    const extensions = EXTENSIONS[request.kind];
    const options: Electron.SaveDialogOptions = {
      title,
      defaultPath: path.join(app.getPath('documents'), request.defaultName),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
      ...(extensions.length > 0 ? { filters: [{ name: filterName, extensions }] } : {}),
    };
    const win = window();
    const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
  };
}

/**
 * Prints an exported page to PDF with Chromium's own print path (`printToPDF`) on a hidden window that runs no
 * script, loads nothing from the network, and cannot navigate. The page's `@media print` rules apply.
 */
export async function printPageToPdf(html: string): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-pdf-'));
  const file = path.join(dir, 'index.html');
  const partition = 'kladde-pdf-export';
  const ses = session.fromPartition(partition);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !/^(file|data):/.test(details.url) }));
  const win = new BrowserWindow({
    show: false,
    webPreferences: { partition, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  try {
    await writeFile(file, html, { mode: 0o600 });
    await win.loadFile(file);
    const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
