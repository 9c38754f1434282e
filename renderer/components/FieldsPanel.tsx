import { useState } from 'react';
import type { FrontMatterParse, FieldPatch } from '../../electron/common/markdown/front-matter';
import { POST_STATUSES, slugSchema, type PostStatus } from '../../electron/common/model/post';
import { slugFollowsTitle, slugify } from '../../electron/common/text/slug';
import { useI18n } from '../i18n/i18n';
import { ChipInput } from './ChipInput';
import { DateField } from './DateField';

export interface FieldsPanelProps {
  parsed: FrontMatterParse;
  onPatch: (patch: FieldPatch) => void;
  /** Called when the title or slug field is left: the folder follows the slug then. */
  onSlugSettled: () => void;
  /** Image files in the post's folder, for the featured image. */
  images: string[];
  /** Category and tag names cached from the blogs, offered while typing. */
  terms?: { categories: string[]; tags: string[] };
  /** The language the post is treated as: its `lang:`, else the default from the settings. */
  lang: string;
}

const LANG_LABELS: Record<string, 'settings.langDe' | 'settings.langDeAt' | 'settings.langDeCh' | 'settings.langEn'> = {
  de: 'settings.langDe',
  'de-AT': 'settings.langDeAt',
  'de-CH': 'settings.langDeCh',
  en: 'settings.langEn',
};

/** The post's front-matter fields as a form; every change is written into the YAML in the editor. */
export function FieldsPanel({ parsed, onPatch, onSlugSettled, images, terms, lang }: FieldsPanelProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(true);

  if (!parsed.ok) {
    return (
      <div className="fields fields-error" role="alert">
        {t('fields.yamlError', { message: parsed.problem.message, line: parsed.problem.line, column: parsed.problem.column })}
      </div>
    );
  }
  const f = parsed.fields;
  const slugValid = f.slug === '' || slugSchema.safeParse(f.slug).success;

  const setTitle = (title: string) => {
    // The slug follows the title until the user edits the slug by hand.
    onPatch(slugFollowsTitle(f.slug, f.title) ? { title, slug: slugify(title) } : { title });
  };

  return (
    <section className={open ? 'fields' : 'fields fields-closed'}>
      <div className="fields-title-row">
        <input
          className="title-input"
          aria-label={t('fields.title')}
          placeholder={t('fields.titlePlaceholder')}
          value={f.title}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={onSlugSettled}
        />
        <button type="button" className="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('fields.hide') : t('fields.show')}
        </button>
      </div>
      {open && (
        <div className="fields-grid">
          <label htmlFor="f-slug">{t('fields.slug')}</label>
          <div className="field-col">
            <input
              id="f-slug"
              value={f.slug}
              title={t('fields.slugHint')}
              aria-invalid={!slugValid}
              onChange={(e) => onPatch({ slug: e.target.value })}
              onBlur={onSlugSettled}
            />
            {!slugValid && <span className="field-error">{t('fields.slugInvalid')}</span>}
          </div>
          <label htmlFor="f-date">{t('fields.date')}</label>
          <DateField id="f-date" value={f.date} onChange={(date) => onPatch({ date })} />
          <label htmlFor="f-categories">{t('fields.categories')}</label>
          <ChipInput id="f-categories" values={f.categories} suggestions={terms?.categories} onChange={(categories) => onPatch({ categories })} />
          <label htmlFor="f-tags">{t('fields.tags')}</label>
          <ChipInput id="f-tags" values={f.tags} suggestions={terms?.tags} onChange={(tags) => onPatch({ tags })} />
          <label htmlFor="f-status">{t('fields.status')}</label>
          <select id="f-status" value={f.status} onChange={(e) => onPatch({ status: e.target.value as PostStatus })}>
            {POST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
          <label htmlFor="f-image">{t('fields.image')}</label>
          <select id="f-image" value={f.image} onChange={(e) => onPatch({ image: e.target.value })}>
            <option value="">{t('fields.noImage')}</option>
            {[...new Set([...(f.image ? [f.image] : []), ...images])].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <label htmlFor="f-lang">{t('fields.lang')}</label>
          <select id="f-lang" value={lang} onChange={(e) => onPatch({ lang: e.target.value })}>
            {[...new Set([lang, 'de', 'de-AT', 'de-CH', 'en'])].map((code) => (
              <option key={code} value={code}>
                {LANG_LABELS[code] ? t(LANG_LABELS[code]) : code}
              </option>
            ))}
          </select>
          <label htmlFor="f-excerpt">{t('fields.excerpt')}</label>
          <textarea id="f-excerpt" rows={1} value={f.excerpt} onChange={(e) => onPatch({ excerpt: e.target.value })} />
        </div>
      )}
    </section>
  );
}
