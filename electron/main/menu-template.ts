import type { MenuItemConstructorOptions } from 'electron';
import { COMMAND_SPECS, MENUS, type CommandId, type MenuName } from '../common/model/commands.js';

/**
 * The menu's words. The commands' labels are the renderer's palette labels (renderer/i18n, `command.<id>`);
 * main may not import the renderer, so they are repeated here and a unit test keeps the two equal.
 */
export const MENU_LABELS = {
  de: {
    menus: { file: 'Datei', edit: 'Bearbeiten', post: 'Beitrag', view: 'Ansicht', help: 'Hilfe' },
    roles: {
      quit: 'Beenden', undo: 'Rückgängig', redo: 'Wiederholen', cut: 'Ausschneiden', copy: 'Kopieren', paste: 'Einfügen',
      selectAll: 'Alles auswählen', zoomIn: 'Vergrößern', zoomOut: 'Verkleinern', resetZoom: 'Originalgröße', fullscreen: 'Vollbild',
    },
    commands: {
      newPost: 'Neuer Beitrag',
      save: 'Speichern',
      importPosts: 'Beiträge holen …',
      blogs: 'Blogs verwalten …',
      outbox: 'Postausgang …',
      settings: 'Einstellungen …',
      find: 'Suchen und Ersetzen',
      librarySearch: 'In allen Texten suchen …',
      fixQuotes: 'Anführungszeichen im Dokument korrigieren',
      insertImage: 'Bild einfügen …',
      bold: 'Fett',
      italic: 'Kursiv',
      link: 'Link einfügen',
      heading1: 'Überschrift 1',
      heading2: 'Überschrift 2',
      heading3: 'Überschrift 3',
      paragraph: 'Normaler Text',
      publish: 'Veröffentlichen …',
      renamePost: 'Beitrag umbenennen …',
      duplicatePost: 'Beitrag duplizieren',
      deletePost: 'Beitrag in den Papierkorb …',
      showTrash: 'Papierkorb anzeigen',
      wordGoal: 'Wortziel festlegen …',
      history: 'Verlauf …',
      exportHtml: 'Als HTML exportieren …',
      exportPdf: 'Als PDF exportieren …',
      exportLibrary: 'Bibliothek als ZIP sichern …',
      commandPalette: 'Befehle …',
      togglePreview: 'Vorschau ein/aus',
      toggleSidebar: 'Bibliothek ein/aus',
      previewLook: 'Vorschau: Artikel / Wie im Blog wechseln',
      refreshBlogLook: 'Aussehen des Blogs neu laden',
      focusMode: 'Fokusmodus ein/aus',
      typewriterScrolling: 'Schreibmaschinen-Scrollen ein/aus',
      dimming: 'Umgebung abdunkeln ein/aus',
      toggleTheme: 'Hell/Dunkel wechseln',
      switchUiLanguage: 'Oberfläche auf Englisch umstellen (English)',
      about: 'Über Kladde',
    },
  },
  en: {
    menus: { file: 'File', edit: 'Edit', post: 'Post', view: 'View', help: 'Help' },
    roles: {
      quit: 'Quit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste',
      selectAll: 'Select All', zoomIn: 'Zoom In', zoomOut: 'Zoom Out', resetZoom: 'Actual Size', fullscreen: 'Full Screen',
    },
    commands: {
      newPost: 'New Post',
      save: 'Save',
      importPosts: 'Fetch Posts …',
      blogs: 'Manage Blogs …',
      outbox: 'Outbox …',
      settings: 'Settings …',
      find: 'Find and Replace',
      librarySearch: 'Search All Texts …',
      fixQuotes: 'Fix Quotes in Document',
      insertImage: 'Insert Image …',
      bold: 'Bold',
      italic: 'Italic',
      link: 'Insert Link',
      heading1: 'Heading 1',
      heading2: 'Heading 2',
      heading3: 'Heading 3',
      paragraph: 'Normal Text',
      publish: 'Publish …',
      renamePost: 'Rename Post …',
      duplicatePost: 'Duplicate Post',
      deletePost: 'Move Post to Trash …',
      showTrash: 'Show Trash',
      wordGoal: 'Set Word Goal …',
      history: 'Version history …',
      exportHtml: 'Export as HTML …',
      exportPdf: 'Export as PDF …',
      exportLibrary: 'Back up library as ZIP …',
      commandPalette: 'Commands …',
      togglePreview: 'Toggle Preview',
      toggleSidebar: 'Toggle Library',
      previewLook: 'Preview: Switch Article / As on the Blog',
      refreshBlogLook: 'Reload the Blog’s Look',
      focusMode: 'Toggle Focus Mode',
      typewriterScrolling: 'Toggle Typewriter Scrolling',
      dimming: 'Toggle Dimming',
      toggleTheme: 'Switch Light/Dark',
      switchUiLanguage: 'Switch Interface to German (Deutsch)',
      about: 'About Kladde',
    },
  },
} as const satisfies Record<'de' | 'en', { menus: Record<MenuName, string>; roles: Record<string, string>; commands: Record<CommandId, string> }>;

type Role = keyof (typeof MENU_LABELS)['de']['roles'];

/** Items of each menu that are Electron roles rather than Kladde commands, and where they go. */
function roleItems(menu: MenuName, role: (r: Role) => MenuItemConstructorOptions): { before: MenuItemConstructorOptions[]; after: MenuItemConstructorOptions[] } {
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  switch (menu) {
    case 'file':
      return { before: [], after: [sep, role('quit')] };
    case 'edit':
      return { before: [role('undo'), role('redo'), sep, role('cut'), role('copy'), role('paste'), role('selectAll'), sep], after: [] };
    case 'view':
      return { before: [], after: [sep, role('zoomIn'), role('zoomOut'), role('resetZoom'), sep, role('fullscreen')] };
    default:
      return { before: [], after: [] };
  }
}

const ROLE_NAMES: Record<Role, MenuItemConstructorOptions['role']> = {
  quit: 'quit', undo: 'undo', redo: 'redo', cut: 'cut', copy: 'copy', paste: 'paste', selectAll: 'selectAll',
  zoomIn: 'zoomIn', zoomOut: 'zoomOut', resetZoom: 'resetZoom', fullscreen: 'togglefullscreen',
};

/**
 * The application menu, German unless the UI is English: every command of model/commands.ts with its shortcut.
 * A click sends the command to the renderer. The renderer handles the keys of its commands itself (both in
 * Electron and in the browser), so the menu shows their accelerators without registering them
 * (`registerAccelerator: false`) — a key runs its command once, not twice.
 */
export function menuTemplate(language: 'de' | 'en', send: (command: CommandId) => void): MenuItemConstructorOptions[] {
  const l = MENU_LABELS[language];
  const role = (r: Role): MenuItemConstructorOptions => ({ role: ROLE_NAMES[r], label: l.roles[r] });
  return MENUS.map((menu) => {
    const items: MenuItemConstructorOptions[] = [];
    for (const spec of COMMAND_SPECS) {
      if (spec.menu !== menu) continue;
      if ('separatorBefore' in spec && spec.separatorBefore && items.length > 0) items.push({ type: 'separator' });
      items.push({
        id: spec.id,
        label: l.commands[spec.id],
        ...('shortcut' in spec ? { accelerator: spec.shortcut, registerAccelerator: false } : {}),
        click: () => send(spec.id),
      });
    }
    const roles = roleItems(menu, role);
    return { label: l.menus[menu], submenu: [...roles.before, ...items, ...roles.after] };
  });
}
