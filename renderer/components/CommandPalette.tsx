import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { filterCommands, type FilterMatch } from '../commands/filter';
import { commandPalette } from '../commands/palette-state';
import type { CommandId, CommandRegistry } from '../commands/registry';
import { useShortcutText } from '../commands/useShortcutText';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';
import { MatchLabel } from './MatchLabel';

export interface CommandPaletteProps {
  registry: CommandRegistry;
}

/**
 * The command palette (Strg+Umschalt+P): every command by its label in the UI's language, filtered as you type
 * (German folding: „ueber“ finds „Über“), with its shortcut. ↑/↓ choose, Enter runs, Escape closes; the focus
 * stays in the field and the chosen entry is its `aria-activedescendant`. Commands that cannot run now are
 * listed but disabled.
 */
export function CommandPalette({ registry }: CommandPaletteProps) {
  const open = useSyncExternalStore(commandPalette.subscribe, commandPalette.isOpen);
  if (!open) return null;
  return <PaletteDialog registry={registry} />;
}

function PaletteDialog({ registry }: CommandPaletteProps) {
  const { t } = useI18n();
  const shortcutText = useShortcutText();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  // Availability and labels as of opening; a command that runs closes the palette first.
  const [items] = useState(() =>
    registry.palette().map((c) => ({ id: c.id, label: t(c.label), available: c.available(), shortcut: c.shortcut ? shortcutText(c.shortcut) : null })),
  );
  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);
  const matches: FilterMatch<CommandId>[] = useMemo(() => filterCommands(items, query), [items, query]);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const runAt = (index: number) => {
    const match = matches[index];
    if (!match || !byId.get(match.id)?.available) return;
    commandPalette.close();
    // After the dialog is gone, so a command that opens a dialog or focuses the editor is not undone by it.
    requestAnimationFrame(() => registry.run(match.id));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const n = matches.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (n > 0) setActive((a) => (a + (event.key === 'ArrowDown' ? 1 : -1) + n) % n);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      if (n > 0) setActive(event.key === 'Home' ? 0 : n - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      runAt(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      commandPalette.close();
    }
  };

  return (
    <Dialog title={t('palette.title')} onClose={commandPalette.close} className="command-palette">
      <input
        type="text"
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls="command-palette-list"
        aria-autocomplete="list"
        aria-activedescendant={matches[active] ? `command-${matches[active].id}` : undefined}
        aria-label={t('palette.title')}
        placeholder={t('palette.placeholder')}
        autoFocus
        spellCheck={false}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p className="palette-status" role="status">
        {matches.length === 0 ? t('palette.none', { query: query.trim() }) : t('palette.count', { count: matches.length })}
      </p>
      <ul className="palette-list" id="command-palette-list" role="listbox" aria-label={t('palette.results')} ref={list}>
        {matches.map((m, i) => {
          const item = byId.get(m.id);
          return (
            <li
              key={m.id}
              id={`command-${m.id}`}
              data-index={i}
              data-command-id={m.id}
              role="option"
              aria-selected={i === active}
              aria-disabled={!item?.available}
              className={i === active ? 'palette-item active' : 'palette-item'}
              onMouseMove={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => runAt(i)}
            >
              <MatchLabel text={m.label} positions={m.positions} />
              {!item?.available && <span className="palette-unavailable">{t('palette.unavailable')}</span>}
              {item?.shortcut && <kbd className="palette-shortcut">{item.shortcut}</kbd>}
            </li>
          );
        })}
      </ul>
      <p className="palette-hint">{t('palette.hint')}</p>
    </Dialog>
  );
}
