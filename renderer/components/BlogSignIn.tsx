import { useState } from 'react';
import type { BlogView } from '../../electron/common/model/blog';
import { errorText, useI18n, type Translate } from '../i18n/i18n';
import { api, openExternal } from '../lib/api';
import { MicropubSignIn } from './MicropubSignIn';

export interface BlogSignInProps {
  blog: BlogView;
  /** Called after the blog confirmed the sign-in or the secret was stored unverified. */
  onSignedIn: (verified: boolean) => void;
}

/**
 * User name and secret for a blog. What the secret is depends on the interface: an application password (REST),
 * an access token (WordPress.com REST), the account's own password or an application password (XML-RPC), or Ghost's
 * Admin API key (no user name) — the hint explains which, with the page where it is made.
 */
export function BlogSignIn({ blog, onSignedIn }: BlogSignInProps) {
  // A Micropub site signs in with a bearer token only: in the browser (IndieAuth) or pasted.
  if (blog.kind === 'micropub') return <MicropubSignIn blog={blog} onSignedIn={onSignedIn} />;
  return <PasswordSignIn blog={blog} onSignedIn={onSignedIn} />;
}

function PasswordSignIn({ blog, onSignedIn }: BlogSignInProps) {
  const { t } = useI18n();
  const [user, setUser] = useState(blog.user);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const wording = secretWording(t, blog);
  // Ghost signs in with the Admin API key alone; every other kind names an account.
  const needsUser = blog.kind !== 'ghost';

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
    onSignedIn(r.value.verified);
  };

  return (
    <>
      <form
        className="settings-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (secret) void signIn();
        }}
      >
        {needsUser && (
          <>
            <label htmlFor="blog-user">{t('blogs.user')}</label>
            <input id="blog-user" autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} />
          </>
        )}
        <label htmlFor="blog-secret">{wording.label}</label>
        <input
          id="blog-secret"
          type="password"
          autoComplete="off"
          placeholder={blog.hasCredentials ? t('blogs.secretStored') : wording.placeholder}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
        <span />
        <div className="row-buttons">
          <button type="submit" className="primary" disabled={busy || !secret || (needsUser && !user)}>
            {busy ? t('blogs.checking') : t('blogs.signIn')}
          </button>
          {blog.authorizeUrl && (
            <button type="button" onClick={() => openExternal(blog.authorizeUrl ?? '')}>
              {wording.create}
            </button>
          )}
        </div>
      </form>
      {wording.hints.map((hint) => (
        <p key={hint} className="muted">
          {hint}
        </p>
      ))}
      {status && (
        <p className={status.kind === 'error' ? 'field-error' : 'ok-text'} role="status">
          {status.text}
        </p>
      )}
    </>
  );
}

function isWordPressCom(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'wordpress.com' || host.endsWith('.wordpress.com');
  } catch {
    return false;
  }
}

function secretWording(t: Translate, blog: BlogView): { label: string; placeholder: string; create: string; hints: string[] } {
  if (blog.kind === 'wordpress-xmlrpc' || blog.kind === 'metaweblog') {
    const wpcom = isWordPressCom(blog.url);
    return {
      label: t('blogs.password'),
      placeholder: '',
      create: wpcom ? t('blogs.createWpcomPassword') : t('blogs.createPassword'),
      hints: [t('blogs.xmlrpcPasswordHint'), wpcom ? t('blogs.wpcomPasswordHint') : t('blogs.selfHostedXmlrpcHint')],
    };
  }
  if (blog.kind === 'ghost') {
    return { label: t('blogs.adminKey'), placeholder: t('blogs.adminKeyPlaceholder'), create: '', hints: [t('blogs.adminKeyHint')] };
  }
  if (blog.kind === 'wordpress-com') {
    return { label: t('blogs.token'), placeholder: '', create: t('blogs.createPassword'), hints: [t('blogs.tokenHint')] };
  }
  return { label: t('blogs.appPassword'), placeholder: t('blogs.secretPlaceholder'), create: t('blogs.createPassword'), hints: [t('blogs.passwordHint')] };
}
