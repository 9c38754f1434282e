import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Menu: {} }));
const { menuTemplate } = await import('../../../electron/main/menu.js');

describe('the application menu', () => {
  it('is German by default with the usual shortcuts, and English on request', () => {
    const sent: string[] = [];
    const de = menuTemplate('de', (c) => sent.push(c));
    expect(de.map((m) => m.label)).toEqual(['Datei', 'Bearbeiten', 'Beitrag', 'Ansicht', 'Hilfe']);
    const items = de.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    const save = items.find((i) => i.label === 'Speichern');
    expect(save?.accelerator).toBe('CmdOrCtrl+S');
    expect(items.find((i) => i.label === 'Neuer Beitrag')?.accelerator).toBe('CmdOrCtrl+N');
    expect(items.some((i) => i.role === 'undo' && i.label === 'Rückgängig')).toBe(true);
    (save?.click as () => void)();
    expect(sent).toEqual(['save']);
    expect(menuTemplate('en', () => undefined).map((m) => m.label)).toEqual(['File', 'Edit', 'Post', 'View', 'Help']);
  });
});
