/**
 * A theme sizes type and spacing by the window (`clamp(1rem, 5vw, 2rem)`); in the preview the blog is as wide as
 * the preview pane, not the window. `vw` becomes `cqw` of the blog look's host (an inline-size container), so the
 * title wraps as it would on a screen as wide as the pane. Strings and `url()`s (data: fonts and images, whose
 * base64 may hold „9vw“) are left exactly as they are.
 */
const TOKENS = /url\(\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^)]*)\s*\)|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\*[\s\S]*?\*\/|(?<=^|[\s(,:*+/]|[\s(,:*+/]-)((?:\d*\.)?\d+)vw(?![\w-])/gi;

export function paneRelative(css: string): string {
  return css.replace(TOKENS, (whole, number: string | undefined) => (number === undefined ? whole : `${number}cqw`));
}
