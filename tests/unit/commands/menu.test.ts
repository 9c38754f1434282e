import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { COMMAND_SPECS, type CommandId } from '../../../electron/common/model/commands.js';
import { MENU_LABELS, menuTemplate } from '../../../electron/main/menu-template.js';
import { de } from '../../../renderer/i18n/de.js';
import { en } from '../../../renderer/i18n/en.js';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
}

describe('app menu', () => {
  it.each(['de', 'en'] as const)('lists every command once with its shortcut, labelled as in the palette (%s)', (language) => {
    const sent: CommandId[] = [];
    const all = items(menuTemplate(language, (c) => sent.push(c)));
    const table = language === 'de' ? de : en;
    for (const spec of COMMAND_SPECS) {
      const found = all.filter((i) => i.id === spec.id);
      expect(found, spec.id).toHaveLength(1);
      const [item] = found;
      expect(item?.label).toBe(table[`command.${spec.id}`]);
      expect(item?.label).toBe(MENU_LABELS[language].commands[spec.id]);
      expect(item?.accelerator).toBe('shortcut' in spec ? spec.shortcut : undefined);
      // The renderer handles the keys (in the browser too): the menu only shows them, so no key runs twice.
      if ('shortcut' in spec) expect(item?.registerAccelerator).toBe(false);
      (item?.click as (() => void) | undefined)?.();
    }
    expect(sent).toEqual(COMMAND_SPECS.map((c) => c.id));
  });

  it('keeps the preview on Strg+Alt+P and gives Strg+Umschalt+P to the palette', () => {
    const all = items(menuTemplate('de', () => {}));
    expect(all.find((i) => i.id === 'togglePreview')?.accelerator).toBe('CmdOrCtrl+Alt+P');
    expect(all.find((i) => i.id === 'commandPalette')?.accelerator).toBe('CmdOrCtrl+Shift+P');
  });
});
