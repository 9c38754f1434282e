/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only http(s) links are ever written, so a credit's URL can never run script or open a local file. */
export function isSafeHref(url: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(url);
}

/**
 * A link that opens no window relation back to the post (`noopener`), as the blog will publish it.
 * Returns just the escaped text when the URL is not an http(s) URL.
 */
export function linkHtml(textHtml: string, href: string): string {
  if (!isSafeHref(href)) return textHtml;
  return `<a href="${escapeHtml(href)}" rel="noopener">${textHtml}</a>`;
}
