import { EditorState, type Extension } from '@codemirror/state';
import { useMemo, useRef } from 'react';
import { resolveSpellLanguage, type SpellStatus } from '../../electron/common/model/spell';
import type { Settings } from '../../electron/common/model/settings';
import { quoteStyleForLang } from '../../electron/common/text/typography';
import type { PostDocumentStore, PostSnapshot } from '../document/post-document-store';
import { usePostSelector } from '../document/use-post-snapshot';
import type { UiLanguage } from '../i18n/i18n';
import { api } from '../lib/api';
import { imageDrop } from '../editor/image-drop';
import { imageLint } from '../editor/image-lint';
import { smartTypography } from '../editor/smart-quotes';
import { spellcheck, type MisspellingAt } from '../editor/spellcheck';
import { focusDimming } from '../editor/focus-dim';
import { typewriterScrolling } from '../editor/typewriter';

export type SpellState = Omit<SpellStatus, 'language'>;

const selectReadOnly = (s: PostSnapshot) => s.readOnly !== null;

export interface EditorExtensionDeps {
  store: PostDocumentStore;
  settings: Settings;
  /** The post's language, from the post document. */
  lang: string;
  uiLanguage: UiLanguage;
  onImages: (files: File[], pos: number) => void;
  onSpellStatus: (status: SpellState) => void;
  onSpellMenu: (at: MisspellingAt) => void;
}

/** Typing help, spell checking, image drop, image lint, typewriter scrolling and dimming, as the settings say. */
export function useEditorExtensions(deps: EditorExtensionDeps): Extension {
  const { store, settings, lang, uiLanguage } = deps;
  const callbacks = useRef(deps);
  callbacks.current = deps;
  // A post that is not UTF-8 is shown, never edited, until the user converts it.
  const readOnly = usePostSelector(store, selectReadOnly);
  return useMemo(
    () => [
      EditorState.readOnly.of(readOnly),
      smartTypography({
        enabled: true,
        quotes: settings.smartQuotes,
        style: quoteStyleForLang(resolveSpellLanguage(lang).fellBack ? 'de' : lang, settings.germanGuillemets),
        dashes: settings.smartDashes,
        ellipsis: settings.smartEllipsis,
      }),
      settings.spellcheck
        ? spellcheck({
            lang,
            check: async (request) => {
              const r = await api.spellCheck(request);
              return r.ok ? r.value : null;
            },
            onStatus: (status) => callbacks.current.onSpellStatus(status),
            onContextMenu: (at) => callbacks.current.onSpellMenu(at),
          })
        : [],
      settings.typewriterScrolling ? typewriterScrolling() : [],
      settings.dimming ? focusDimming({ unit: settings.dimUnit, lang }) : [],
      imageDrop({ onImages: (files, pos) => callbacks.current.onImages(files, pos) }),
      // The problems come from the post document of this very text: parsed once, shared with the image panel.
      imageLint({
        diagnose: (state) =>
          store.getSnapshot().doc.images.problems.map((p) => ({
            from: Math.min(p.from, state.doc.length),
            to: Math.min(Math.max(p.to, p.from), state.doc.length),
            severity: 'warning' as const,
            message: p.message[uiLanguage],
          })),
      }),
    ],
    [store, readOnly, lang, uiLanguage, settings.germanGuillemets, settings.smartDashes, settings.smartEllipsis, settings.smartQuotes, settings.spellcheck, settings.typewriterScrolling, settings.dimming, settings.dimUnit],
  );
}
