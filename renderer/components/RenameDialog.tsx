import { useState } from 'react';
import { slugSchema } from '../../electron/common/model/post';
import { slugify } from '../../electron/common/text/slug';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

export interface RenameDialogProps {
  title: string;
  currentSlug: string;
  onRename: (slug: string) => void;
  onCancel: () => void;
}

export function RenameDialog(props: RenameDialogProps) {
  const { t } = useI18n();
  const [slug, setSlug] = useState(props.currentSlug);
  const valid = slugSchema.safeParse(slug).success;
  return (
    <Dialog title={t('dialog.renameTitle')} onClose={props.onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) props.onRename(slug);
        }}
      >
        <label htmlFor="rename-slug">{t('dialog.renameBody', { title: props.title })}</label>
        <input id="rename-slug" autoFocus value={slug} aria-invalid={!valid} onChange={(e) => setSlug(e.target.value)} onBlur={() => setSlug(slugify(slug) || slug)} />
        {!valid && <p className="field-error">{t('fields.slugInvalid')}</p>}
        <div className="dialog-buttons">
          <button type="button" onClick={props.onCancel}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            {t('dialog.rename')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
