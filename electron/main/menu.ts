import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { EventPayload } from '../common/ipc/contract.js';

type Command = EventPayload<'menuCommand'>['command'];

const LABELS = {
  de: {
    file: 'Datei', newPost: 'Neuer Beitrag', save: 'Speichern', settings: 'Einstellungen …', quit: 'Beenden',
    edit: 'Bearbeiten', undo: 'Rückgängig', redo: 'Wiederholen', cut: 'Ausschneiden', copy: 'Kopieren', paste: 'Einfügen',
    selectAll: 'Alles auswählen', find: 'Suchen und Ersetzen', fixQuotes: 'Anführungszeichen im Dokument korrigieren',
    view: 'Ansicht', togglePreview: 'Vorschau ein/aus', toggleSidebar: 'Bibliothek ein/aus', zoomIn: 'Vergrößern',
    zoomOut: 'Verkleinern', resetZoom: 'Originalgröße', fullscreen: 'Vollbild',
    help: 'Hilfe', about: 'Über Kladde',
  },
  en: {
    file: 'File', newPost: 'New Post', save: 'Save', settings: 'Settings …', quit: 'Quit',
    edit: 'Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste',
    selectAll: 'Select All', find: 'Find and Replace', fixQuotes: 'Fix Quotes in Document',
    view: 'View', togglePreview: 'Toggle Preview', toggleSidebar: 'Toggle Library', zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out', resetZoom: 'Actual Size', fullscreen: 'Full Screen',
    help: 'Help', about: 'About Kladde',
  },
} as const;

/** The application menu, German unless the UI is English; commands go to the renderer as events. */
export function menuTemplate(language: 'de' | 'en', send: (command: Command) => void): MenuItemConstructorOptions[] {
  const l = LABELS[language];
  const cmd = (label: string, command: Command, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(command),
  });
  return [
    {
      label: l.file,
      submenu: [
        cmd(l.newPost, 'newPost', 'CmdOrCtrl+N'),
        cmd(l.save, 'save', 'CmdOrCtrl+S'),
        { type: 'separator' },
        cmd(l.settings, 'settings', 'CmdOrCtrl+,'),
        { type: 'separator' },
        { role: 'quit', label: l.quit },
      ],
    },
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
        { type: 'separator' },
        cmd(l.find, 'find', 'CmdOrCtrl+F'),
        cmd(l.fixQuotes, 'fixQuotes'),
      ],
    },
    {
      label: l.view,
      submenu: [
        cmd(l.togglePreview, 'togglePreview', 'CmdOrCtrl+Shift+P'),
        cmd(l.toggleSidebar, 'toggleSidebar', 'CmdOrCtrl+Shift+L'),
        { type: 'separator' },
        { role: 'zoomIn', label: l.zoomIn },
        { role: 'zoomOut', label: l.zoomOut },
        { role: 'resetZoom', label: l.resetZoom },
        { type: 'separator' },
        { role: 'togglefullscreen', label: l.fullscreen },
      ],
    },
    { label: l.help, submenu: [cmd(l.about, 'about')] },
  ];
}

export function installMenu(language: 'de' | 'en', send: (command: Command) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, send)));
}
