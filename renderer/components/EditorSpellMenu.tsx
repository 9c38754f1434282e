import type { EditorView } from '@codemirror/view';
import type { AppError } from '../../electron/common/result';
import { forgetWord, type MisspellingAt } from '../editor/spellcheck';
import { api } from '../lib/api';
import { SpellMenu } from './SpellMenu';

export interface EditorSpellMenuProps {
  at: MisspellingAt;
  lang: string;
  view: () => EditorView | null;
  onClose: () => void;
  onError: (e: AppError) => void;
}

/** The spelling menu of a misspelled word: replace it in the editor, add it to the dictionary, or ignore it. */
export function EditorSpellMenu({ at, lang, view, onClose, onError }: EditorSpellMenuProps) {
  return (
    <SpellMenu
      at={at}
      lang={lang}
      onClose={onClose}
      onReplace={(text) => {
        const v = view();
        onClose();
        if (!v || v.state.sliceDoc(at.from, at.to).normalize('NFC').replace(/\u00ad/g, '') !== at.word) return;
        v.dispatch({ changes: { from: at.from, to: at.to, insert: text }, userEvent: 'input.spell' });
        v.focus();
      }}
      onAdd={() => {
        onClose();
        view()?.dispatch({ effects: forgetWord.of(at.word) });
        void api.spellAddWord(at.word).then((r) => !r.ok && onError(r.error));
      }}
      onIgnore={() => {
        onClose();
        view()?.dispatch({ effects: forgetWord.of(at.word) });
        void api.spellIgnoreWord(at.word);
      }}
    />
  );
}
