import type { EditorView } from '@codemirror/view';
import { imageKey } from '../../electron/common/markdown/image-refs';
import type { AppError } from '../../electron/common/result';
import type { Translate } from '../i18n/i18n';
import { api } from '../lib/api';
import type { PostDocumentStore } from './post-document-store';

export interface ImageInsertionDeps {
  store: PostDocumentStore;
  view: EditorView;
  t: Translate;
  onNote: (note: string | null) => void;
  onError: (error: AppError) => void;
  /** The image just inserted, to open its credit form. */
  onInserted: (key: string) => void;
}

/**
 * Copies dropped, pasted or chosen images into the post's folder and inserts them at `pos`; each new image gets
 * the credit its metadata suggests (through the store, as a minimal change). Returns whether any was inserted.
 */
export async function insertImages(deps: ImageInsertionDeps, files: File[], pos: number): Promise<boolean> {
  const { store, view, t } = deps;
  const id = store.getSnapshot().id;
  if (!id) return false;
  let at = pos;
  let inserted = false;
  for (const file of files) {
    deps.onNote(t('images.importing'));
    // arrayBuffer() reads off the main thread; the bytes go to main as they are.
    const bytes = new Uint8Array(await file.arrayBuffer());
    const r = await api.importImage(id, { fileName: file.name || 'bild', bytes });
    deps.onNote(null);
    if (!r.ok) {
      deps.onError({ code: r.error.code, message: t('images.importFailed', { name: file.name, message: r.error.message }) });
      continue;
    }
    // The user may have switched posts while the file was copied: the image belongs to the post it went to.
    if (store.getSnapshot().id !== id) return inserted;
    // An image alone in its paragraph becomes a figure with its credit as caption.
    const state = view.state;
    at = Math.min(at, state.doc.length);
    const line = state.doc.lineAt(at);
    const blankBefore = line.text.slice(0, at - line.from).trim() === '';
    const before = blankBefore ? (line.number > 1 && state.doc.line(line.number - 1).text.trim() !== '' ? '\n' : '') : '\n\n';
    const after = line.text.slice(at - line.from).trim() === '' ? '\n' : '\n\n';
    const insert = `${before}${r.value.markdown}${after}`;
    view.dispatch({ changes: { from: at, insert }, selection: { anchor: at + insert.length }, userEvent: 'input.image' });
    at += insert.length;
    inserted = true;
    const key = imageKey(r.value.name);
    const current = store.getSnapshot().doc.credits.images[key];
    if (!current || Object.keys(current).length === 0) store.patchImage(key, r.value.metadata.suggestion);
    deps.onInserted(key);
  }
  return inserted;
}
