/**
 * The exported page's own stylesheet, embedded in it so the file needs nothing else: the preview's article
 * style (assets/article.css) in light colours, plus how it prints (A4, no broken figures, link targets spelled
 * out). Kept small on purpose; a blog theme is not the aim, a readable copy is.
 */
export const EXPORT_CSS = `
:root { color-scheme: light; }
html { background: #fff; }
body { margin: 0; }
.k-article {
  max-width: 42rem; margin: 0 auto; padding: 32px 24px 64px; font: 17px/1.7 Georgia, 'DejaVu Serif', 'Times New Roman', serif;
  color: #222; hyphens: auto; -webkit-hyphens: auto; overflow-wrap: break-word;
}
.k-article h1, .k-article h2, .k-article h3, .k-article h4 { font-family: system-ui, 'DejaVu Sans', sans-serif; line-height: 1.3; margin: 1.6em 0 0.5em; hyphens: manual; }
.k-article h1 { font-size: 1.8em; }
.k-article h2 { font-size: 1.4em; }
.k-article h3 { font-size: 1.15em; }
.k-article .k-post-title { margin-top: 0; font-size: 2em; }
.k-article .k-post-meta { font: 14px/1.4 system-ui, 'DejaVu Sans', sans-serif; color: #595959; margin: -0.2em 0 1.6em; }
.k-article .k-post-excerpt { font-style: italic; color: #444; }
.k-article p, .k-article ul, .k-article ol, .k-article blockquote, .k-article table, .k-article pre, .k-article figure { margin: 0 0 1em; }
.k-article a { color: #2f6f62; text-decoration-thickness: 1px; text-underline-offset: 2px; }
.k-article blockquote { border-left: 3px solid #cfd8d5; padding-left: 1em; color: #555; font-style: italic; }
.k-article code { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.86em; background: #f1efea; padding: 0.1em 0.3em; border-radius: 4px; hyphens: none; }
.k-article pre { background: #f4f2ee; padding: 12px 14px; border-radius: 8px; overflow: auto; }
.k-article pre code { background: transparent; padding: 0; }
.k-article table { border-collapse: collapse; font-size: 0.92em; }
.k-article th, .k-article td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; }
.k-article img { max-width: 100%; height: auto; border-radius: 4px; }
.k-article figure { margin-left: 0; margin-right: 0; }
.k-article figcaption, .k-article .k-credit-line, .k-article .k-credits { font: 13px/1.4 system-ui, 'DejaVu Sans', sans-serif; color: #595959; }
.k-article figcaption { margin-top: 6px; }
.k-article .k-featured { margin-bottom: 1.6em; }
.k-article hr { border: 0; border-top: 1px solid #ddd; margin: 2em 0; }
.k-article .k-image-missing { display: inline-block; padding: 1em; border: 1px dashed #bbb; font: 13px system-ui, sans-serif; color: #595959; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  html, body { background: #fff; }
  .k-article { max-width: none; padding: 0; font-size: 11.5pt; line-height: 1.55; color: #000; }
  .k-article h1, .k-article h2, .k-article h3, .k-article h4 { break-after: avoid; page-break-after: avoid; }
  .k-article figure, .k-article img, .k-article pre, .k-article blockquote, .k-article table { break-inside: avoid; page-break-inside: avoid; }
  .k-article p { orphans: 3; widows: 3; }
  .k-article a { color: #000; text-decoration: underline; }
  .k-article a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; color: #444; word-break: break-all; }
  .k-article pre { white-space: pre-wrap; }
  .k-article figcaption, .k-article .k-credit-line, .k-article .k-credits, .k-article .k-post-meta { color: #333; }
}
`;
