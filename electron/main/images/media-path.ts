/**
 * Splits the encoded path of a media URL — `<postId>/<file…>` after `/media/` in the web host, or after
 * `kladde-media://post/` in Electron — into a post id and a file path. Each segment is decoded on its own, so an
 * encoded separator (`%2F`, `%5C`) or NUL cannot smuggle a path through; such segments, `.` and `..` are refused
 * (null). The service checks the result again against the post's real folder.
 */
export function parseMediaPath(encoded: string): { postId: string; file: string } | null {
  const raw = encoded.replace(/[?#].*$/, '').split('/');
  if (raw.length < 2 || raw.some((s) => s === '')) return null;
  const parts: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return null;
    parts.push(decoded);
  }
  const [postId, ...file] = parts;
  return postId ? { postId, file: file.join('/') } : null;
}
