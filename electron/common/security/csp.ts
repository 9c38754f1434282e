/**
 * The Content-Security-Policy of the renderer, the same in the Electron window and the web host.
 * No inline or remote script can run; nothing remote is loaded (a post's remote images included), so a
 * hostile post can neither execute code nor phone home. CodeMirror sets inline styles, hence 'unsafe-inline'
 * for styles only. Fonts may also be data: URLs (a blog theme's fonts, captured and inlined by main).
 */
export function contentSecurityPolicy(extraImageSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ['img-src', "'self'", 'data:', 'blob:', ...extraImageSources].join(' '),
    // The blog look's fonts („Wie im Blog“) are inlined as data: URLs by main; nothing remote.
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
