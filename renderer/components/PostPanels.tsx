import type { FieldPatch } from '../../electron/common/markdown/front-matter';
import type { CreditPatch } from '../../electron/common/model/attribution';
import type { Settings } from '../../electron/common/model/settings';
import type { PostDocumentStore } from '../document/post-document-store';
import { usePostSnapshot } from '../document/use-post-snapshot';
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

/** The fields and images of the open post, in two tabs, read from the post document. */
export function PostPanels(props: PostPanelsProps) {
  const { t } = useI18n();
  const { store, tab } = props;
  const snapshot = usePostSnapshot(store);
  const { doc, settled, id } = snapshot;
  if (!id) return null;
  // The image list lexes the whole body: it follows the text after a pause in typing.
  const images = settled.images;
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
        <FieldsPanel parsed={doc.frontMatter} onPatch={patchFields} onSlugSettled={props.onSlugSettled} images={props.files} terms={props.terms} lang={doc.lang} />
      ) : (
        <ImagePanel
          postId={id}
          images={images.entries}
          selected={props.selectedImage ?? images.entries[0]?.key ?? null}
          featured={doc.featured}
          lang={doc.lang}
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
