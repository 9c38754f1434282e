import { useMemo } from 'react';
import { resolveSpellLanguage } from '../../electron/common/model/spell';
import { countSelection, countText } from '../../electron/common/text/counts';
import type { PostDocumentStore, PostSnapshot } from '../document/post-document-store';
import { usePostSelector } from '../document/use-post-snapshot';
import type { SpellState } from '../hooks/useEditorExtensions';
import { useI18n } from '../i18n/i18n';
import { StatusBar } from './StatusBar';

export interface PostStatusBarProps {
  store: PostDocumentStore;
  selection: { from: number; to: number } | null;
  note: string | null;
  spellcheck: boolean;
  spellStatus: SpellState | null;
  /** Opens the version history (see useHistoryPanel). */
  onHistory?: () => void;
}

const selectId = (s: PostSnapshot) => s.id;
const selectSettled = (s: PostSnapshot) => s.settled;
const selectSaveState = (s: PostSnapshot) => s.saveState;
const selectSaveError = (s: PostSnapshot) => s.saveError;
const selectLang = (s: PostSnapshot) => s.doc.lang;

/**
 * The status bar of the open post: counts after a pause in typing, save state, and notes. It selects what it
 * shows, so a keystroke renders it only when the save state changes.
 */
export function PostStatusBar({ store, selection, note, spellcheck, spellStatus, onHistory }: PostStatusBarProps) {
  const { t } = useI18n();
  const s = {
    id: usePostSelector(store, selectId),
    settled: usePostSelector(store, selectSettled),
    saveState: usePostSelector(store, selectSaveState),
    saveError: usePostSelector(store, selectSaveError),
  };
  const lang = usePostSelector(store, selectLang);
  const settledText = s.settled.text;
  const counts = useMemo(() => countText(settledText), [settledText]);
  // The selection is counted in the text of the moment it changed (a new selection renders this anew).
  const selectionCounts = useMemo(() => {
    const text = store.getSnapshot().text;
    return selection && selection.to <= text.length ? countSelection(text, selection.from, selection.to) : null;
  }, [selection, store]);
  const lacking = s.settled.images.lackingCredit;
  return (
    <StatusBar
      counts={s.id ? counts : null}
      selection={selectionCounts}
      saveState={s.saveState}
      saveError={s.saveError}
      {...(s.id && onHistory ? { onHistory } : {})}
      notes={[
        ...(note ? [note] : []),
        ...(s.id && lacking > 0 ? [t('images.lacking', { count: lacking })] : []),
        ...(s.id && resolveSpellLanguage(lang).fellBack ? [t('spell.fellBack', { lang })] : []),
        ...(s.id && spellcheck && spellStatus && !spellStatus.available && spellStatus.problem
          ? [t('spell.off', { reason: t(`spell.problem.${spellStatus.problem.code}`) })]
          : []),
      ]}
    />
  );
}
