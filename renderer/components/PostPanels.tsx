import type { FieldPatch } from '../../electron/common/markdown/front-matter';
import type { CreditPatch } from '../../electron/common/model/attribution';
import type { Settings } from '../../electron/common/model/settings';
import type { PostDocumentStore, PostSnapshot } from '../document/post-document-store';
import { usePostSelector } from '../document/use-post-snapshot';
import type { Terms } from '../hooks/useLibrary';
import { useI18n } from '../i18n/i18n';
import { FieldsPanel } from './FieldsPanel';
import { ImagePanel } from './ImagePanel';

export type PanelTab = 'fields' | 'images';

export interface PostPanelsProps {
  store: PostDocumentStore;
  settings: Settings;
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  selectedImage: string | null;
  onSelectImage: (key: string) => void;
  /** Image files in the post's folder. */
  files: string[];
  terms: Terms;
  onSlugSettled: () => void;
  onPickImages: (files: File[]) => void;
  onNote: (note: string) => void;
  fileInput: React.RefObject<HTMLInputElement | null>;
}

const selectId = (s: PostSnapshot) => s.id;
const selectFrontMatter = (s: PostSnapshot) => s.doc.frontMatter;
const selectLang = (s: PostSnapshot) => s.doc.lang;
const selectFeatured = (s: PostSnapshot) => s.doc.featured;
// The image list lexes the whole body: it follows the text after a pause in typing.
const selectImages = (s: PostSnapshot) => s.settled.images;

/**
 * The fields and images of the open post, in two tabs, read from the post document. Each part is selected on its
 * own, so typing in the body renders nothing here.
 */
export function PostPanels(props: PostPanelsProps) {
  const { t } = useI18n();
  const { store, tab } = props;
  const id = usePostSelector(store, selectId);
  const frontMatter = usePostSelector(store, selectFrontMatter);
  const lang = usePostSelector(store, selectLang);
  const featured = usePostSelector(store, selectFeatured);
  const images = usePostSelector(store, selectImages);
  if (!id) return null;
  const patchFields = (patch: FieldPatch) => void store.patchFields(patch);
  const patchImage = (key: string, patch: CreditPatch) => {
    const problem = store.patchImage(key, patch);
    if (problem) props.onNote(`${problem.code}: ${problem.detail}`);
  };
  return (
    <>
      <div className="panel-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'fields'} onClick={() => props.onTab('fields')}>
          {t('images.tabFields')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'images'} data-testid="images-tab" onClick={() => props.onTab('images')}>
          {images.lackingCredit > 0
            ? t('images.tabProblems', { count: images.entries.length, problems: images.lackingCredit })
            : t('images.tab', { count: images.entries.length })}
        </button>
      </div>
      {tab === 'fields' ? (
        <FieldsPanel parsed={frontMatter} onPatch={patchFields} onSlugSettled={props.onSlugSettled} images={props.files} terms={props.terms} lang={lang} />
      ) : (
        <ImagePanel
          postId={id}
          images={images.entries}
          selected={props.selectedImage ?? images.entries[0]?.key ?? null}
          featured={featured}
          lang={lang}
          creditTexts={props.settings.creditTexts}
          onSelect={props.onSelectImage}
          onPatch={patchImage}
          onFeatured={(key) => patchFields({ image: key })}
          onInsert={() => props.fileInput.current?.click()}
        />
      )}
      <input
        ref={props.fileInput}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="image-file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) props.onPickImages(files);
        }}
      />
    </>
  );
}
