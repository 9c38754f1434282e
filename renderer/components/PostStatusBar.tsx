import { useMemo } from 'react';
import { resolveSpellLanguage } from '../../electron/common/model/spell';
import { countSelection, countText } from '../../electron/common/text/counts';
import type { PostDocumentStore } from '../document/post-document-store';
import { usePostSnapshot } from '../document/use-post-snapshot';
import type { SpellState } from '../hooks/useEditorExtensions';
import { useI18n } from '../i18n/i18n';
import { StatusBar } from './StatusBar';

export interface PostStatusBarProps {
  store: PostDocumentStore;
  selection: { from: number; to: number } | null;
  note: string | null;
  spellcheck: boolean;
  spellStatus: SpellState | null;
}

/** The status bar of the open post: counts after a pause in typing, save state, and notes. */
export function PostStatusBar({ store, selection, note, spellcheck, spellStatus }: PostStatusBarProps) {
  const { t } = useI18n();
  const s = usePostSnapshot(store);
  const settledText = s.settled.text;
  const counts = useMemo(() => countText(settledText), [settledText]);
  const text = s.text;
  const selectionCounts = useMemo(
    () => (selection && selection.to <= text.length ? countSelection(text, selection.from, selection.to) : null),
    [selection, text],
  );
  const lacking = s.settled.images.lackingCredit;
  const lang = s.doc.lang;
  return (
    <StatusBar
      counts={s.id ? counts : null}
      selection={selectionCounts}
      saveState={s.saveState}
      saveError={s.saveError}
      notes={[
        ...(note ? [note] : []),
        ...(s.id && lacking > 0 ? [lacking === 1 ? t('images.lackingOne') : t('images.lacking', { count: lacking })] : []),
        ...(s.id && resolveSpellLanguage(lang).fellBack ? [t('spell.fellBack', { lang })] : []),
        ...(s.id && spellcheck && spellStatus && !spellStatus.available && spellStatus.problem
          ? [t('spell.off', { reason: t(`spell.problem.${spellStatus.problem.code}`) })]
          : []),
      ]}
    />
  );
}
