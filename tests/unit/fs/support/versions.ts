/**
 * The two contents the killed writer alternates between: Markdown posts of a few megabytes each, different in
 * size and in every line, so any mix of the two (a torn file) cannot be mistaken for either.
 */
export function version(which: 'A' | 'B'): string {
  const lines = which === 'A' ? 35_000 : 95_000;
  const head = `---\ntitle: Fassung ${which}\nslug: beitrag\n---\n\n`;
  const body: string[] = [];
  for (let i = 0; i < lines; i++) body.push(`Zeile ${i} der Fassung ${which}: Grüße aus Köln, ß und „Anführung“.`);
  return head + body.join('\n') + '\n';
}
