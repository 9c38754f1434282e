export interface MatchLabelProps {
  text: string;
  /** Offsets of the characters that matched the query. */
  positions: readonly number[];
}

/** A label with the characters that matched the palette's query in <mark>. */
export function MatchLabel({ text, positions }: MatchLabelProps) {
  const marked = new Set(positions);
  const parts: { text: string; hit: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const hit = marked.has(i);
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += text[i];
    else parts.push({ text: text[i] ?? '', hit });
  }
  return (
    <span className="palette-label">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
