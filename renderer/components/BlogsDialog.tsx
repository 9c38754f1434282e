import { useCallback, useEffect, useState } from 'react';
import type { BlogTerms, BlogView } from '../../electron/common/model/blog';
import { errorText, useI18n } from '../i18n/i18n';
import { api, openExternal } from '../lib/api';
import { Dialog } from './Dialog';

export interface BlogsDialogProps {
  onClose: () => void;
  onChanged: () => void;
}

/** Adding a blog by its address, signing in with an application password, and its publishing defaults. */
export function BlogsDialog(props: BlogsDialogProps) {
  const { t } = useI18n();
  const [blogs, setBlogs] = useState<BlogView[]>([]);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const r = await api.listBlogs();
    if (r.ok) setBlogs(r.value);
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const add = async () => {
    setBusy(true);
    setMessage(null);
    const r = await api.addBlog({ url });
    setBusy(false);
    if (!r.ok) return setMessage({ kind: 'error', text: errorText(t, r.error) });
    setUrl('');
    setSelected(r.value.id);
    await refresh();
    props.onChanged();
  };

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
          <form
            className="blog-add"
            onSubmit={(e) => {
              e.preventDefault();
              if (url.trim()) void add();
            }}
          >
            <label htmlFor="blog-url">{t('blogs.address')}</label>
            <input id="blog-url" placeholder={t('blogs.addressPlaceholder')} value={url} onChange={(e) => setUrl(e.target.value)} />
            <button type="submit" className="primary" disabled={busy || !url.trim()}>
              {busy ? t('blogs.searching') : t('blogs.add')}
            </button>
          </form>
          {message && (
            <p className={message.kind === 'error' ? 'field-error' : 'muted'} role="alert">
              {message.text}
            </p>
          )}
        </div>
        {blog && <BlogSettings key={blog.id} blog={blog} onChanged={() => void refresh().then(props.onChanged)} />}
      </div>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={props.onClose}>
          {t('settings.close')}
        </button>
      </div>
    </Dialog>
  );
}

function BlogSettings({ blog, onChanged }: { blog: BlogView; onChanged: () => void }) {
  const { t } = useI18n();
  const [user, setUser] = useState(blog.user);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [terms, setTerms] = useState<BlogTerms | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);

  useEffect(() => {
    void api.listBlogTerms(blog.id).then((r) => r.ok && setTerms(r.value));
  }, [blog.id]);

  const signIn = async () => {
    setBusy(true);
    setStatus(null);
    const r = await api.setBlogCredentials(blog.id, { user, secret });
    setBusy(false);
    setSecret('');
    if (!r.ok) return setStatus({ kind: 'error', text: errorText(t, r.error) });
    setStatus(
      r.value.verified
        ? { kind: 'ok', text: t('blogs.verified', { name: r.value.accountName ?? user }) }
        : { kind: 'error', text: t('blogs.notVerified', { message: r.value.message ?? '' }) },
    );
    onChanged();
    if (r.value.verified) {
      const terms = await api.refreshBlogTerms(blog.id);
      if (terms.ok) setTerms(terms.value);
    }
  };

  const patch = async (p: Parameters<typeof api.updateBlog>[1]) => {
    const r = await api.updateBlog(blog.id, p);
    if (!r.ok) setStatus({ kind: 'error', text: errorText(t, r.error) });
    onChanged();
  };

  return (
    <section className="blog-settings" aria-label={blog.name || blog.url}>
      <h3>{blog.name || blog.url}</h3>
      <p className="muted">{t('blogs.api', { api: blog.apiRoot })}</p>
      <form
        className="settings-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (secret) void signIn();
        }}
      >
        <label htmlFor="blog-user">{t('blogs.user')}</label>
        <input id="blog-user" autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} />
        <label htmlFor="blog-secret">{t('blogs.appPassword')}</label>
        <input
          id="blog-secret"
          type="password"
          autoComplete="off"
          placeholder={blog.hasCredentials ? t('blogs.secretStored') : t('blogs.secretPlaceholder')}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
        <span />
        <div className="row-buttons">
          <button type="submit" className="primary" disabled={busy || !secret || !user}>
            {busy ? t('blogs.checking') : t('blogs.signIn')}
          </button>
          {blog.authorizeUrl && (
            <button type="button" onClick={() => openExternal(blog.authorizeUrl ?? '')}>
              {t('blogs.createPassword')}
            </button>
          )}
        </div>
      </form>
      <p className="muted">{t('blogs.passwordHint')}</p>
      {status && (
        <p className={status.kind === 'error' ? 'field-error' : 'ok-text'} role="status">
          {status.text}
        </p>
      )}
      <div className="settings-grid">
        <label htmlFor="blog-status">{t('blogs.defaultStatus')}</label>
        <select id="blog-status" value={blog.defaultStatus} onChange={(e) => void patch({ defaultStatus: e.target.value as BlogView['defaultStatus'] })}>
          <option value="draft">{t('blogs.statusDraft')}</option>
          <option value="publish">{t('blogs.statusPublish')}</option>
        </select>
        <label htmlFor="blog-category">{t('blogs.defaultCategory')}</label>
        <select id="blog-category" value={blog.defaultCategory} onChange={(e) => void patch({ defaultCategory: e.target.value })}>
          <option value="">{t('blogs.blogDefault')}</option>
          {terms?.categories.map((c) => (
            <option key={c.id} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <label htmlFor="blog-output">{t('blogs.output')}</label>
        <select id="blog-output" value={blog.output} onChange={(e) => void patch({ output: e.target.value as BlogView['output'] })}>
          <option value="blocks">{t('blogs.outputBlocks')}</option>
          <option value="classic">{t('blogs.outputClassic')}</option>
        </select>
        <span>{t('blogs.terms')}</span>
        <div className="row-buttons">
          <span className="muted">
            {terms?.fetchedAt ? t('blogs.termsCount', { categories: terms.categories.length, tags: terms.tags.length }) : t('blogs.termsNever')}
          </span>
          <button
            type="button"
            onClick={async () => {
              const r = await api.refreshBlogTerms(blog.id);
              if (r.ok) setTerms(r.value);
              else setStatus({ kind: 'error', text: errorText(t, r.error) });
            }}
          >
            {t('blogs.refreshTerms')}
          </button>
        </div>
      </div>
      <div className="row-buttons">
        {confirmRemove ? (
          <>
            <span>{t('blogs.removeConfirm')}</span>
            <button type="button" onClick={() => setConfirmRemove(false)}>
              {t('dialog.cancel')}
            </button>
            <button type="button" className="danger-solid" onClick={() => void api.removeBlog(blog.id).then(onChanged)}>
              {t('blogs.remove')}
            </button>
          </>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirmRemove(true)}>
            {t('blogs.remove')} …
          </button>
        )}
      </div>
    </section>
  );
}
