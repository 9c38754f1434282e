import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, COMMAND_SPECS, type CommandId } from '../../../electron/common/model/commands.js';
import { CommandRegistry, type CommandHandlers } from '../../../renderer/commands/registry.js';
import { formatShortcut, matchesShortcut, parseShortcut } from '../../../renderer/commands/shortcut.js';
import { de } from '../../../renderer/i18n/de.js';
import { en } from '../../../renderer/i18n/en.js';

function handlers(ran: CommandId[], unavailable: ReadonlySet<CommandId> = new Set()): CommandHandlers {
  return Object.fromEntries(
    COMMAND_IDS.map((id) => [id, { available: () => !unavailable.has(id), run: () => void ran.push(id) }]),
  ) as CommandHandlers;
}

const key = (k: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean } = {}, code = '') => ({
  key: k,
  code,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('CommandRegistry', () => {
  it('holds every command of the list once, in menu order, each with a label in German and English', () => {
    const registry = new CommandRegistry(handlers([]));
    expect(registry.all().map((c) => c.id)).toEqual(COMMAND_IDS);
    expect(new Set(COMMAND_IDS).size).toBe(COMMAND_IDS.length);
    for (const c of registry.all()) {
      expect(de[c.label], c.id).toBeTruthy();
      expect(en[c.label], c.id).toBeTruthy();
    }
    expect(registry.palette().map((c) => c.id)).not.toContain('commandPalette');
  });

  it('runs an available command and refuses an unavailable one', () => {
    const ran: CommandId[] = [];
    const registry = new CommandRegistry(handlers(ran, new Set(['publish'])));
    expect(registry.run('save')).toBe(true);
    expect(registry.run('publish')).toBe(false);
    expect(ran).toEqual(['save']);
  });

  it('finds the command of a key, but leaves the editor its own keys', () => {
    const registry = new CommandRegistry(handlers([]));
    expect(registry.forKey(key('P', { ctrl: true, shift: true }, 'KeyP'))?.id).toBe('commandPalette');
    expect(registry.forKey(key('π', { ctrl: true, alt: true }, 'KeyP'))?.id).toBe('togglePreview');
    expect(registry.forKey(key('Enter', { ctrl: true, shift: true }, 'Enter'))?.id).toBe('focusMode');
    expect(registry.forKey(key('s', { meta: true }, 'KeyS'))?.id).toBe('save');
    expect(registry.forKey(key('p', { ctrl: true }, 'KeyP'))).toBeNull();
    // Strg+B is CodeMirror's (bold on the selection): shown, not dispatched by the app.
    expect(registry.get('bold')?.accelerator).toBe('CmdOrCtrl+B');
    expect(registry.forKey(key('b', { ctrl: true }, 'KeyB'))).toBeNull();
  });

  it('has no two commands on one key', () => {
    const keys = COMMAND_SPECS.flatMap((c) => ('shortcut' in c ? [c.shortcut] : []));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('shortcuts', () => {
  const words = { ctrl: 'Strg', shift: 'Umschalt', alt: 'Alt', enter: 'Eingabe' };
  it.each([
    ['CmdOrCtrl+Shift+P', 'Strg+Umschalt+P', '⇧⌘P'],
    ['CmdOrCtrl+Alt+P', 'Strg+Alt+P', '⌥⌘P'],
    ['CmdOrCtrl+Shift+Enter', 'Strg+Umschalt+Eingabe', '⇧⌘↩'],
    ['CmdOrCtrl+,', 'Strg+,', '⌘,'],
  ])('%s reads %s (Mac: %s)', (accelerator, pc, mac) => {
    expect(formatShortcut(parseShortcut(accelerator), words, false)).toBe(pc);
    expect(formatShortcut(parseShortcut(accelerator), words, true)).toBe(mac);
  });

  it('matches Shift+digit by the key code', () => {
    expect(matchesShortcut(key('!', { ctrl: true, shift: true }, 'Digit1'), parseShortcut('CmdOrCtrl+Shift+1'))).toBe(true);
    expect(matchesShortcut(key('1', { ctrl: true }, 'Digit1'), parseShortcut('CmdOrCtrl+Shift+1'))).toBe(false);
  });
});
