/** Generated German posts of a given size for benchmarks: headings, paragraphs, lists, quotes, code, tables. */
const SENTENCES = [
  'Die Sonne schien über den Dächern von Köln, und der Kaffee dampfte in der großen Tasse.',
  'Über Größe und Maß lässt sich trefflich streiten, doch am Ende zählt, was im Beitrag steht.',
  'Mit „typografischen Anführungszeichen“ wirkt jeder Text gleich viel ruhiger und gepflegter.',
  'Wer offline schreibt, verliert keine Zeit mit Ladebalken und kann sich ganz auf die Gedanken konzentrieren.',
  'Ein gutes Bild braucht einen Bildnachweis, sonst droht im schlimmsten Fall eine Abmahnung.',
  'Die Datenschutzerklärung ist wichtig, aber sie ist nicht das Herz eines persönlichen Blogs.',
];

export function germanMarkdown(targetBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < targetBytes) {
    let block: string;
    switch (i % 8) {
      case 0:
        block = `## Abschnitt ${i / 8 + 1}: Gedanken über das Schreiben`;
        break;
      case 3:
        block = `- ${SENTENCES[i % 6]}\n- **Wichtig:** ${SENTENCES[(i + 1) % 6]}\n- Ein [Link](https://example.org/${i}) zum Weiterlesen`;
        break;
      case 5:
        block = `> ${SENTENCES[(i + 2) % 6]}`;
        break;
      case 6:
        block = i % 16 === 6 ? '```js\nconst gruss = "Hallo Welt";\nconsole.log(gruss);\n```' : '| Spalte | Wert |\n| --- | --- |\n| Äpfel | 3 |\n| Birnen | 5 |';
        break;
      default:
        block = [SENTENCES[i % 6], SENTENCES[(i + 3) % 6], `Das ist *Absatz ${i}* mit \`Code\` darin.`].join(' ');
        // Now and then a typo, so the spell checker has something to underline in every part of the post.
        if (i % 40 === 1) block += ' Ein Tippfeler steht hier.';
    }
    parts.push(block);
    size += Buffer.byteLength(block) + 2;
    i++;
  }
  return parts.join('\n\n') + '\n';
}

export function germanPost(title: string, slug: string, targetBytes: number): string {
  return `---\ntitle: ${title}\nslug: ${slug}\ndate: 2013-01-03T10:00:00\nstatus: draft\ncategories:\n  - Social Media\ntags:\n  - Test\nlang: de\n---\n\n${germanMarkdown(targetBytes)}`;
}
