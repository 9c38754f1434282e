import { useCallback, useEffect, useState } from 'react';
import type { BlogView } from '../../electron/common/model/blog';
import { useI18n } from '../i18n/i18n';
import { api } from '../lib/api';
import { BlogAddForm } from './BlogAddForm';
import { BlogSettings } from './BlogSettings';
import { Dialog } from './Dialog';

export interface BlogsDialogProps {
  onClose: () => void;
  onChanged: () => void;
  /** „Beiträge holen“ for a connected blog. */
  onImport: (blogId: string) => void;
}

/** The user's blogs: adding one by its address, and the selected one's sign-in and publishing defaults. */
export function BlogsDialog(props: BlogsDialogProps) {
  const { t } = useI18n();
  const [blogs, setBlogs] = useState<BlogView[]>([]);
  const [selected, setSelected] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const r = await api.listBlogs();
    if (r.ok) setBlogs(r.value);
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const blog = blogs.find((b) => b.id === selected) ?? null;
  return (
    <Dialog title={t('blogs.title')} onClose={props.onClose} wide>
      <div className="blogs">
        <div className="blogs-list">
          <ul>
            {blogs.map((b) => (
              <li key={b.id}>
                <button type="button" className={b.id === selected ? 'blog-item selected' : 'blog-item'} onClick={() => setSelected(b.id)}>
                  <strong>{b.name || b.url}</strong>
                  <span>{b.url}</span>
                  <span className={b.hasCredentials ? 'blog-ok' : 'blog-warn'}>{b.hasCredentials ? t('blogs.signedIn') : t('blogs.notSignedIn')}</span>
                </button>
              </li>
            ))}
          </ul>
          {blogs.length === 0 && <p className="muted">{t('blogs.none')}</p>}
          <BlogAddForm
            onExisting={setSelected}
            onAdded={(added) => {
              setSelected(added.id);
              void refresh().then(props.onChanged);
            }}
          />
        </div>
        {blog && <BlogSettings key={blog.id} blog={blog} onChanged={() => void refresh().then(props.onChanged)} onImport={() => props.onImport(blog.id)} />}
      </div>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={props.onClose}>
          {t('settings.close')}
        </button>
      </div>
    </Dialog>
  );
}
