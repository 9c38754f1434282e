import { useEffect, useRef, useState } from 'react';
import type { BlogView } from '../../electron/common/model/blog';
import { errorText, useI18n } from '../i18n/i18n';
import { api, openExternal } from '../lib/api';

export interface MicropubSignInProps {
  blog: BlogView;
  onSignedIn: (verified: boolean) => void;
}

/**
 * Sign-in for a Micropub site: „Anmelden im Browser“ (IndieAuth — main waits on a loopback address for the
 * browser's redirect and keeps the token) or „App-Token einfügen“ (Micro.blog's app tokens). Neither token
 * ever comes back to the renderer.
 */
export function MicropubSignIn({ blog, onSignedIn }: MicropubSignInProps) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<'browser' | 'token' | null>(null);
  const [status, setStatus] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const waiting = useRef(false);

  // Leaving the form stops main from waiting for a browser that will not come back.
  useEffect(
    () => () => {
      if (waiting.current) void api.cancelBlogSignIn(blog.id);
    },
    [blog.id],
  );

  const signInInBrowser = async () => {
    setBusy('browser');
    setStatus(null);
    const begun = await api.beginBlogSignIn(blog.id);
    if (!begun.ok) {
      setBusy(null);
      return setStatus({ kind: 'error', text: errorText(t, begun.error) });
    }
    waiting.current = true;
    openExternal(begun.value.url);
    const r = await api.finishBlogSignIn(blog.id);
    waiting.current = false;
    setBusy(null);
    if (!r.ok) return setStatus({ kind: 'error', text: errorText(t, r.error) });
    setStatus({ kind: 'ok', text: t('blogs.verified', { name: r.value.accountName ?? blog.name }) });
    onSignedIn(true);
  };

  const cancel = () => {
    void api.cancelBlogSignIn(blog.id);
  };

  const saveToken = async () => {
    setBusy('token');
    setStatus(null);
    const r = await api.setBlogCredentials(blog.id, { user: '', secret: token.trim() });
    setBusy(null);
    setToken('');
    if (!r.ok) return setStatus({ kind: 'error', text: errorText(t, r.error) });
    setStatus(
      r.value.verified
        ? { kind: 'ok', text: t('blogs.verified', { name: r.value.accountName ?? blog.name }) }
        : { kind: 'error', text: t('blogs.notVerified', { message: r.value.message ?? '' }) },
    );
    onSignedIn(r.value.verified);
  };

  return (
    <>
      <div className="row-buttons">
        {blog.authorizeUrl ? (
          <button type="button" className="primary" data-testid="micropub-browser-sign-in" disabled={busy !== null} onClick={() => void signInInBrowser()}>
            {t('blogs.browserSignIn')}
          </button>
        ) : (
          <p className="muted">{t('blogs.noBrowserSignIn')}</p>
        )}
        {busy === 'browser' && (
          <button type="button" onClick={cancel}>
            {t('dialog.cancel')}
          </button>
        )}
      </div>
      {busy === 'browser' && (
        <p className="muted" role="status">
          {t('blogs.browserWaiting')}
        </p>
      )}
      <details className="micropub-token" open={!blog.authorizeUrl}>
        <summary>{t('blogs.pasteToken')}</summary>
        <form
          className="settings-grid"
          onSubmit={(e) => {
            e.preventDefault();
            if (token.trim()) void saveToken();
          }}
        >
          <label htmlFor="blog-token">{t('blogs.appToken')}</label>
          <input
            id="blog-token"
            type="password"
            autoComplete="off"
            placeholder={blog.hasCredentials ? t('blogs.secretStored') : ''}
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          <span />
          <div className="row-buttons">
            <button type="submit" disabled={busy !== null || !token.trim()}>
              {busy === 'token' ? t('blogs.checking') : t('blogs.saveToken')}
            </button>
          </div>
        </form>
      </details>
      <p className="muted">{t('blogs.micropubHint')}</p>
      {status && (
        <p className={status.kind === 'error' ? 'field-error' : 'ok-text'} role="status">
          {status.text}
        </p>
      )}
    </>
  );
}
