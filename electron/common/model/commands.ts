/**
 * The app's user commands as main and the renderer both know them: an id, the menu it stands in and its
 * keyboard shortcut. The renderer's command registry (renderer/commands) gives each id its label and what it
 * does; the Electron menu (electron/main/menu-template.ts) lists every id here with the same shortcut, and sends
 * the id to the renderer as a `menuCommand` event. One list, so menu, palette and keys cannot disagree.
 *
 * Shortcuts are written as Electron accelerators (`CmdOrCtrl+Shift+P`); the renderer matches and shows them.
 */

export const MENUS = ['file', 'edit', 'post', 'view', 'help'] as const;
export type MenuName = (typeof MENUS)[number];

export interface CommandSpec {
  readonly id: string;
  readonly menu: MenuName;
  /** Electron accelerator syntax; absent for commands without a key. */
  readonly shortcut?: string;
  /**
   * `editor`: the key belongs to CodeMirror's keymap (it acts on the editor's selection); the app does not
   * dispatch it, the palette and menu only show it. Default `app`: the renderer's key handler runs the command.
   */
  readonly keyOwner?: 'app' | 'editor';
  /** Not listed in the palette (the palette's own command). */
  readonly paletteHidden?: boolean;
  /** A separator in the menu before this entry. */
  readonly separatorBefore?: boolean;
}

export const COMMAND_SPECS = [
  // File
  { id: 'newPost', menu: 'file', shortcut: 'CmdOrCtrl+N' },
  { id: 'save', menu: 'file', shortcut: 'CmdOrCtrl+S' },
  { id: 'importPosts', menu: 'file', separatorBefore: true },
  { id: 'blogs', menu: 'file' },
  { id: 'outbox', menu: 'file' },
  { id: 'settings', menu: 'file', shortcut: 'CmdOrCtrl+,', separatorBefore: true },
  // Edit
  { id: 'find', menu: 'edit', shortcut: 'CmdOrCtrl+F' },
  { id: 'librarySearch', menu: 'edit', shortcut: 'CmdOrCtrl+Shift+F' },
  { id: 'fixQuotes', menu: 'edit', separatorBefore: true },
  { id: 'insertImage', menu: 'edit' },
  { id: 'bold', menu: 'edit', shortcut: 'CmdOrCtrl+B', keyOwner: 'editor', separatorBefore: true },
  { id: 'italic', menu: 'edit', shortcut: 'CmdOrCtrl+I', keyOwner: 'editor' },
  { id: 'link', menu: 'edit', shortcut: 'CmdOrCtrl+K', keyOwner: 'editor' },
  { id: 'heading1', menu: 'edit', shortcut: 'CmdOrCtrl+1', keyOwner: 'editor' },
  { id: 'heading2', menu: 'edit', shortcut: 'CmdOrCtrl+2', keyOwner: 'editor' },
  { id: 'heading3', menu: 'edit', shortcut: 'CmdOrCtrl+3', keyOwner: 'editor' },
  { id: 'paragraph', menu: 'edit', shortcut: 'CmdOrCtrl+0', keyOwner: 'editor' },
  // Post
  { id: 'publish', menu: 'post' },
  { id: 'renamePost', menu: 'post', separatorBefore: true },
  { id: 'duplicatePost', menu: 'post' },
  { id: 'deletePost', menu: 'post' },
  { id: 'showTrash', menu: 'post' },
  { id: 'wordGoal', menu: 'post', separatorBefore: true },
  { id: 'history', menu: 'post', shortcut: 'CmdOrCtrl+Alt+H' },
  { id: 'exportHtml', menu: 'post', separatorBefore: true },
  { id: 'exportPdf', menu: 'post' },
  { id: 'exportLibrary', menu: 'file' },
  // View
  { id: 'commandPalette', menu: 'view', shortcut: 'CmdOrCtrl+Shift+P', paletteHidden: true },
  { id: 'togglePreview', menu: 'view', shortcut: 'CmdOrCtrl+Alt+P', separatorBefore: true },
  { id: 'toggleSidebar', menu: 'view', shortcut: 'CmdOrCtrl+Shift+L' },
  { id: 'previewLook', menu: 'view' },
  { id: 'refreshBlogLook', menu: 'view' },
  { id: 'focusMode', menu: 'view', shortcut: 'CmdOrCtrl+Shift+Enter', separatorBefore: true },
  // No keys of their own: Strg+Umschalt+T belongs to the browser (reopen tab) in the web host.
  { id: 'typewriterScrolling', menu: 'view' },
  { id: 'dimming', menu: 'view' },
  { id: 'toggleTheme', menu: 'view', separatorBefore: true },
  { id: 'switchUiLanguage', menu: 'view' },
  // Help
  { id: 'about', menu: 'help', paletteHidden: true },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMAND_SPECS)[number]['id'];

export const COMMAND_IDS = COMMAND_SPECS.map((c) => c.id) as [CommandId, ...CommandId[]];

const byId: ReadonlyMap<string, CommandSpec> = new Map(COMMAND_SPECS.map((c) => [c.id, c]));

/** The spec of a command id. */
export function commandSpec(id: CommandId): CommandSpec {
  const spec = byId.get(id);
  if (!spec) throw new Error(`Unbekannter Befehl: ${id}`);
  return spec;
}
