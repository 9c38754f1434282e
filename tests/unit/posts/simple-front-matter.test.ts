import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { simpleListedFields } from '../../../electron/main/posts/simple-front-matter.js';

const fm = (yaml: string) => `---\n${yaml}\n---\nText\n`;

// The fast path may decline (null) anything, but what it reads must equal what the YAML parser reads.
const CASES: [string, 'fast' | 'parser'][] = [
  ['title: Hallo Welt\ndate: 2024-05-01\nstatus: ready', 'fast'],
  ['title: Grüße aus Köln – „schön“\nslug: gruesse\nlang: de-AT', 'fast'],
  ['title: 007\ndate: 2024-05-01T09:30:00\nstatus: published', 'fast'],
  ['title: 1e3\nexcerpt: Kurz gesagt.', 'fast'],
  ['title: Hallo\ntags:\n  - eins\n  - zwei\ncategories: [Reisen, Essen]', 'fast'],
  ['title: Hallo\npublish:\n  wordpress: 17\n  blog: mein-blog', 'fast'],
  ['title: Hallo\n# ein Kommentar\nstatus: unbekannt', 'fast'],
  ['title: 12:30 Uhr', 'fast'],
  ['title:\nstatus: draft', 'fast'],
  ['title: "In Anführungszeichen"', 'parser'],
  ["title: 'einfach'", 'parser'],
  ['title: Hallo: Welt', 'parser'],
  ['title: Hallo # Kommentar', 'parser'],
  ['title: true', 'parser'],
  ['title: null', 'parser'],
  ['title: ~', 'parser'],
  ['title: yes', 'parser'],
  ['title: &a Anker\nexcerpt: *a', 'parser'],
  ['title: |\n  Block', 'parser'],
  ['title: Eins\ntitle: Zwei', 'parser'],
  ['title: [offen', 'parser'],
  ['title: Hallo\ntags:\n  - eins\n    - zwei', 'parser'],
  ['title: Hallo\ntags:\n  - eins\n  k: v', 'parser'],
  ['title: Hallo\n\tstatus: draft', 'parser'],
  ['title: Hallo\npublish:\n  wordpress:\n    id: 5', 'parser'],
  ['title: {a: 1}', 'parser'],
  ['- liste', 'parser'],
  ['title: -minus', 'parser'],
  ['title: .5', 'parser'],
];

describe('simpleListedFields', () => {
  it.each(CASES)('%j is read by the %s', (yaml, expected) => {
    const text = fm(yaml);
    const fast = simpleListedFields(text);
    expect(fast === null ? 'parser' : 'fast').toBe(expected);
    if (fast === null) return;
    const parsed = parseFrontMatter(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { title, date, status, excerpt } = parsed.fields;
    expect(fast).toEqual({ title, date, status, excerpt });
  });
});
