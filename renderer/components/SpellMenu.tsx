import { useEffect, useRef, useState } from 'react';
import type { MisspellingAt } from '../editor/spellcheck';
import { useI18n } from '../i18n/i18n';
import { api } from '../lib/api';

export interface SpellMenuProps {
  at: MisspellingAt;
  lang: string;
  onReplace: (text: string) => void;
  onAdd: () => void;
  onIgnore: () => void;
  onClose: () => void;
}

/** The right-click menu on a misspelt word: up to five suggestions, add to dictionary, ignore. */
export function SpellMenu(props: SpellMenuProps) {
  const { t } = useI18n();
  const [suggestions, setSuggestions] = useState<string[] | null>(null);
  const menu = useRef<HTMLDivElement>(null);
  const { at, lang, onClose } = props;

  useEffect(() => {
    let live = true;
    void api.spellSuggest({ lang, word: at.word }).then((r) => {
      if (live) setSuggestions(r.ok ? r.value.suggestions : []);
    });
    return () => {
      live = false;
    };
  }, [at.word, lang]);

  useEffect(() => {
    menu.current?.querySelector('button')?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menu.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('keydown', close);
    window.addEventListener('mousedown', close);
    return () => {
      window.removeEventListener('keydown', close);
      window.removeEventListener('mousedown', close);
    };
  }, [onClose, suggestions]);

  return (
    <div
      ref={menu}
      className="context-menu"
      role="menu"
      aria-label={t('spell.menu', { word: at.word })}
      style={{ left: Math.min(at.x, window.innerWidth - 260), top: Math.min(at.y + 4, window.innerHeight - 220) }}
    >
      {suggestions === null && <div className="context-menu-note">{t('spell.loading')}</div>}
      {suggestions?.length === 0 && <div className="context-menu-note">{t('spell.noSuggestions')}</div>}
      {suggestions?.map((s) => (
        <button key={s} type="button" role="menuitem" className="context-menu-strong" onClick={() => props.onReplace(s)}>
          {s}
        </button>
      ))}
      <hr />
      <button type="button" role="menuitem" onClick={props.onAdd}>
        {t('spell.add')}
      </button>
      <button type="button" role="menuitem" onClick={props.onIgnore}>
        {t('spell.ignore')}
      </button>
    </div>
  );
}
