import type { EditorView } from '@codemirror/view';
import { useState, useSyncExternalStore, type RefObject } from 'react';
import type { SearchHit } from '../../electron/common/model/search';
import type { PostDocumentStore, SwitchOutcome } from '../document/post-document-store';
import { revealRange } from '../editor/reveal-match';
import { searchPanel } from '../search/search-panel-state';
import { LibrarySearchPanel } from './LibrarySearchPanel';

export interface LibrarySearchProps {
  store: PostDocumentStore;
  viewRef: RefObject<EditorView | null>;
  openPost: (id: string) => Promise<SwitchOutcome>;
}

const MAX_WAIT_FRAMES = 120;

/**
 * The library search: opens with Strg+Umschalt+F (a key of the command registry), the sidebar's button or the
 * palette, and a picked result opens its post with the match selected and scrolled into view. The query stays while the panel is closed.
 */
export function LibrarySearch({ store, viewRef, openPost }: LibrarySearchProps) {
  const open = useSyncExternalStore(searchPanel.subscribe, searchPanel.isOpen);
  const [query, setQuery] = useState('');

  const pick = async (hit: SearchHit) => {
    searchPanel.close();
    const outcome = await openPost(hit.id);
    if (outcome === 'blocked') return;
    // The editor takes the opened text a render later; wait until it shows this post's text.
    for (let i = 0; i < MAX_WAIT_FRAMES; i++) {
      const snap = store.getSnapshot();
      const view = viewRef.current;
      if (snap.id !== hit.id && i > 10) return;
      if (snap.id === hit.id && view && view.state.doc.length === snap.text.length) {
        if (hit.at) revealRange(view, hit.at.from, hit.at.to);
        else view.focus();
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  };

  if (!open) return null;
  return <LibrarySearchPanel query={query} onQuery={setQuery} onPick={(hit) => void pick(hit)} onClose={searchPanel.close} />;
}
