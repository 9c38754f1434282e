import { LICENSES, LICENSE_PRESETS, presetPatch, requiredCreditFields, type CreditField, type CreditPatch, type License } from '../../electron/common/model/attribution';
import { formatCaption, type CreditTextOverrides } from '../../electron/common/markdown/credits';
import { useI18n } from '../i18n/i18n';
import type { PostImageEntry } from '../../electron/common/markdown/post-document';
import { mediaFileUrl } from '../lib/api';

/** One image as the panel lists it: the post document's entry, read once per change. */
export type PanelImage = PostImageEntry;

export interface ImagePanelProps {
  postId: string;
  images: readonly PanelImage[];
  selected: string | null;
  featured: string;
  lang: string;
  creditTexts: CreditTextOverrides | undefined;
  onSelect: (key: string) => void;
  onPatch: (key: string, patch: CreditPatch) => void;
  onFeatured: (key: string) => void;
  onInsert: () => void;
}

type TextField = 'author' | 'source' | 'sourceUrl' | 'licenseUrl' | 'title' | 'caption' | 'alt';
const FIELDS: TextField[] = ['alt', 'author', 'source', 'sourceUrl', 'title', 'licenseUrl', 'caption'];

/** The post's images with their credit state, and the credit form of the selected one. */
export function ImagePanel(props: ImagePanelProps) {
  const { t, language } = useI18n();
  const current = props.images.find((i) => i.key === props.selected) ?? null;
  const required = new Set<CreditField>(current ? requiredCreditFields(current.credit.license) : []);
  const caption = current ? formatCaption(current.credit, { lang: props.lang, ...(props.creditTexts ? { overrides: props.creditTexts } : {}) }) : null;

  return (
    <section className="image-panel" aria-label={t('images.title')}>
      <div className="image-strip" role="listbox" aria-label={t('images.title')}>
        {props.images.map((img) => (
          <button
            key={img.key}
            type="button"
            role="option"
            aria-selected={img.key === props.selected}
            className={img.key === props.selected ? 'image-thumb selected' : 'image-thumb'}
            data-image={img.key}
            onClick={() => props.onSelect(img.key)}
          >
            {img.local && img.exists ? <img src={mediaFileUrl(props.postId, img.key)} alt="" loading="lazy" decoding="async" /> : <span className="thumb-missing">?</span>}
            <span className={img.problems.length === 0 ? 'thumb-state ok' : 'thumb-state bad'}>
              {img.problems.length === 0 ? t('images.complete') : t('images.incomplete')}
            </span>
            <span className="thumb-name">{img.key}</span>
            {img.key === props.featured && <span className="thumb-featured">{t('images.featured')}</span>}
          </button>
        ))}
        <button type="button" className="image-add" onClick={props.onInsert}>
          + {t('images.insert')}
        </button>
      </div>
      {props.images.length === 0 && <p className="image-empty">{t('images.empty')}</p>}
      {current && (
        <div className="credit-form" data-testid="credit-form">
          <label htmlFor="c-license">{t('images.license')}</label>
          <select
            id="c-license"
            value={current.credit.license ?? ''}
            onChange={(e) => props.onPatch(current.key, e.target.value ? presetPatch(current.credit, e.target.value as License) : { license: null })}
          >
            <option value="">{t('images.choose')}</option>
            {LICENSES.map((l) => (
              <option key={l} value={l}>
                {LICENSE_PRESETS[l].label[language]}
              </option>
            ))}
          </select>
          {FIELDS.map((field) => (
            <FieldRow
              key={`${current.key}-${field}`}
              id={`c-${field}`}
              label={t(`images.field.${field}`)}
              required={required.has(field)}
              value={field === 'alt' ? (current.credit.alt ?? current.markdownAlt) : (current.credit[field] ?? '')}
              onChange={(value) => props.onPatch(current.key, { [field]: value })}
            />
          ))}
          {current.credit.license && LICENSE_PRESETS[current.credit.license].creativeCommons && (
            <label className="check">
              <input type="checkbox" checked={current.credit.modified ?? false} onChange={(e) => props.onPatch(current.key, { modified: e.target.checked })} />
              {t('images.modified')}
            </label>
          )}
          <div className="credit-preview">
            <span className="credit-preview-label">{t('images.preview')}</span>
            <span data-testid="credit-line">{caption?.text || t('images.noCredit')}</span>
          </div>
          {current.problems.length > 0 && (
            <ul className="credit-problems" role="alert">
              {current.problems.map((p, i) => (
                <li key={i}>{p.message[language]}</li>
              ))}
            </ul>
          )}
          {current.local && current.key !== props.featured && (
            <button type="button" onClick={() => props.onFeatured(current.key)}>
              {t('images.makeFeatured')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function FieldRow(props: { id: string; label: string; required: boolean; value: string; onChange: (v: string) => void }) {
  return (
    <>
      <label htmlFor={props.id}>
        {props.label}
        {props.required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      <input id={props.id} value={props.value} aria-required={props.required} aria-invalid={props.required && props.value.trim() === ''} onChange={(e) => props.onChange(e.target.value)} />
    </>
  );
}
