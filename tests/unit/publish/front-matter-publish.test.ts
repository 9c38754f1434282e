import { describe, expect, it } from 'vitest';
import { readPublishState, setPublishRecord, type PublishRecord } from '../../../electron/common/markdown/front-matter-publish.js';

const record: PublishRecord = {
  id: '12',
  link: 'https://blog.example/hallo/',
  modified_gmt: '2025-03-01T10:00:00',
  online_hash: 'abc123',
  media: { 'foto eins.jpg': { hash: 'f00d', id: '4', url: 'https://blog.example/up/foto.jpg' } },
};

describe('publish records in the front matter', () => {
  it('appends the record and keeps every other byte', () => {
    const text = '---\ntitle: "Hallo"   # Kommentar\ntags: [a, b]\neigenes:\n  tief: 1\n---\nText\n';
    const next = setPublishRecord(text, 'mein-blog', record);
    expect(next).toBe(
      '---\ntitle: "Hallo"   # Kommentar\ntags: [a, b]\neigenes:\n  tief: 1\n' +
        'publish:\n  mein-blog:\n    id: 12\n    link: https://blog.example/hallo/\n    modified_gmt: 2025-03-01T10:00:00\n    online_hash: abc123\n' +
        '    media:\n      foto eins.jpg: { hash: f00d, id: 4, url: https://blog.example/up/foto.jpg }\n---\nText\n',
    );
    expect(readPublishState(next ?? '', 'mein-blog').record).toEqual(record);
  });

  it('replaces only its own blog’s entry', () => {
    const text = '---\ntitle: x\npublish:\n  anderer: { id: 3 }   # bleibt\n  mein-blog:\n    id: 1\n    link: alt\ndanach: ja\n---\n';
    const next = setPublishRecord(text, 'mein-blog', { ...record, media: {} }) ?? '';
    expect(next.startsWith('---\ntitle: x\npublish:\n  anderer: { id: 3 }   # bleibt\n  mein-blog:\n    id: 12\n')).toBe(true);
    expect(next.endsWith('    media: {}\ndanach: ja\n---\n')).toBe(true);
    expect(readPublishState(next, 'anderer').record?.id).toBe('3');
  });

  it('adds a second blog beside the first', () => {
    const once = setPublishRecord('---\ntitle: x\n---\n', 'a', record) ?? '';
    const twice = setPublishRecord(once, 'b', { ...record, id: '99' }) ?? '';
    expect(readPublishState(twice, 'a').record?.id).toBe('12');
    expect(readPublishState(twice, 'b').record?.id).toBe('99');
    expect(twice.startsWith(once.slice(0, once.indexOf('---\n', 4)))).toBe(true);
  });

  it('keeps CRLF line ends', () => {
    const next = setPublishRecord('---\r\ntitle: x\r\n---\r\nText\r\n', 'a', record) ?? '';
    expect(next).toContain('publish:\r\n  a:\r\n    id: 12\r\n');
    expect(next.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('creates front matter when there is none', () => {
    const next = setPublishRecord('Nur Text\n', 'a', record) ?? '';
    expect(next.startsWith('---\npublish:\n  a:\n')).toBe(true);
    expect(next.endsWith('---\n\nNur Text\n')).toBe(true);
  });

  it('rewrites a flow-style publish map as a block, keeping the other entries', () => {
    const next = setPublishRecord('---\npublish: { x: { id: 2 } }\n---\n', 'a', record) ?? '';
    expect(readPublishState(next, 'x').record?.id).toBe('2');
    expect(readPublishState(next, 'a').record).toEqual(record);
  });

  it('refuses to touch broken front matter', () => {
    expect(setPublishRecord('---\ntitle: "offen\n---\n', 'a', record)).toBeNull();
    expect(setPublishRecord('---\n- eine\n- liste\n---\n', 'a', record)).toBeNull();
  });

  const reads: [string, string, string | null, string[]][] = [
    ['nothing published', '---\ntitle: x\n---\n', null, []],
    ['malformed entry', '---\npublish:\n  a: kaputt\n---\n', null, []],
    ['id is a list', '---\npublish:\n  a: { id: [1] }\n---\n', null, []],
    ['opaque id of another engine', '---\npublish:\n  a: { id: post-zwölf }\n---\n', 'post-zwölf', []],
    ['media remembered before the post was created', '---\npublish:\n  a:\n    media:\n      f.jpg: { hash: h, id: 3, url: u }\n---\n', null, ['f.jpg']],
    ['complete', '---\npublish:\n  a:\n    id: 7\n    media:\n      f.jpg: { hash: h, id: 3, url: u }\n---\n', '7', ['f.jpg']],
  ];
  for (const [name, text, id, media] of reads) {
    it(`reads: ${name}`, () => {
      const state = readPublishState(text, 'a');
      expect(state.record?.id ?? null).toBe(id);
      expect(Object.keys(state.media)).toEqual(media);
    });
  }
});

describe('records written by earlier releases (numeric ids)', () => {
  const TODAY =
    '---\ntitle: Hallo\npublish:\n  mein-blog:\n    id: 123\n    link: https://example.org/hallo/\n    modified_gmt: 2025-03-01T10:00:00\n    online_hash: 9c0e\n' +
    '    media:\n      foto.jpg: { hash: 3b1f, id: 45, url: https://example.org/wp-content/uploads/foto.jpg }\n---\nText\n';

  it('read with their ids as opaque strings', () => {
    const state = readPublishState(TODAY, 'mein-blog');
    expect(state.record).toEqual({
      id: '123',
      link: 'https://example.org/hallo/',
      modified_gmt: '2025-03-01T10:00:00',
      online_hash: '9c0e',
      media: { 'foto.jpg': { hash: '3b1f', id: '45', url: 'https://example.org/wp-content/uploads/foto.jpg' } },
    });
  });

  it('are written back byte for byte as they were (digit ids stay YAML numbers)', () => {
    const state = readPublishState(TODAY, 'mein-blog');
    if (!state.record) throw new Error('not read');
    expect(setPublishRecord(TODAY, 'mein-blog', state.record)).toBe(TODAY);
  });

  it('keep an id of another engine as a string, quoted where YAML needs it', () => {
    const next = setPublishRecord('---\ntitle: x\n---\n', 'b', { ...record, id: '0042', media: { 'f.jpg': { hash: 'h', id: 'abc', url: 'u' } } }) ?? '';
    expect(next).toContain('    id: "0042"\n');
    expect(readPublishState(next, 'b').record).toMatchObject({ id: '0042', media: { 'f.jpg': { id: 'abc' } } });
  });
});
