import { describe, expect, it } from 'vitest';
import { publishedPostSchema, type PublishedPost } from '../../../electron/common/model/blog.js';
import { remoteOutcome } from '../../../electron/main/publish/wordpress.js';
import { translator, type UiLanguage } from '../../../renderer/i18n/i18n.js';
import { publishedWording } from '../../../renderer/lib/publish-wording.js';

const EDIT = 'https://blog.example/wp-admin/post.php?post=5&action=edit';
const post = (remoteStatus: PublishedPost['remoteStatus'], extra: Partial<PublishedPost> = {}): PublishedPost => ({
  remoteId: '5',
  link: 'https://blog.example/?p=5',
  remoteStatus,
  editUrl: EDIT,
  date: '2025-03-01T11:00:00',
  ...extra,
});

// status, UI language → the sentence, the link kind and where it leads. Only a public post shows its address.
const rows: [PublishedPost, UiLanguage, string, 'public' | 'edit' | 'none', string][] = [
  [post('publish', { link: 'https://blog.example/hallo/' }), 'de', 'Veröffentlicht:', 'public', 'https://blog.example/hallo/'],
  [post('publish', { link: 'https://blog.example/hallo/' }), 'en', 'Published:', 'public', 'https://blog.example/hallo/'],
  [post('draft'), 'de', 'Als Entwurf im Blog gespeichert.', 'edit', EDIT],
  [post('draft'), 'en', 'Saved as a draft on the blog.', 'edit', EDIT],
  [post('pending'), 'de', 'Zur Freigabe im Blog gespeichert.', 'edit', EDIT],
  [post('private'), 'de', 'Als privater Beitrag im Blog gespeichert.', 'edit', EDIT],
  [post('future'), 'de', 'Geplant für 01.03.2025, 11:00.', 'edit', EDIT],
  [post('future'), 'en', 'Scheduled for 01/03/2025, 11:00.', 'edit', EDIT],
  [post('draft', { editUrl: '' }), 'de', 'Als Entwurf im Blog gespeichert.', 'none', ''],
  [post('unknown', { editUrl: '' }), 'de', 'An den Blog gesendet.', 'public', 'https://blog.example/?p=5'],
  [post('unknown'), 'de', 'An den Blog gesendet.', 'edit', EDIT],
];

describe('publishedWording', () => {
  it.each(rows)('%o in %s → %s', (result, language, sentence, link, url) => {
    const w = publishedWording(result, language);
    expect(translator(language)(w.key, w.params)).toBe(sentence);
    expect({ link: w.link, url: w.url }).toEqual({ link, url });
  });

  it('never offers a draft’s public address', () => {
    for (const status of ['draft', 'pending', 'private', 'future'] as const) {
      expect(publishedWording(post(status), 'de').url).not.toContain('?p=');
    }
  });

  it('reads a job finished by an older Kladde (no status recorded) as unknown', () => {
    expect(publishedPostSchema.parse({ remoteId: 1, link: 'l' })).toEqual({ remoteId: '1', link: 'l', remoteStatus: 'unknown', editUrl: '', date: '' });
  });
});

describe('WordPress: what the blog made of the post', () => {
  it.each<[Parameters<typeof remoteOutcome>[0], string, string, string]>([
    [{ kind: 'wordpress', url: 'https://blog.example/', site: '' }, 'draft', 'draft', EDIT],
    [{ kind: 'wordpress', url: 'https://example.org/blog', site: '' }, 'publish', 'publish', 'https://example.org/blog/wp-admin/post.php?post=5&action=edit'],
    [{ kind: 'wordpress-com', url: 'https://rike.wordpress.com/', site: 'rike.wordpress.com' }, 'future', 'future', 'https://wordpress.com/post/rike.wordpress.com/5'],
    [{ kind: 'wordpress', url: 'https://blog.example/', site: '' }, 'trash', 'unknown', EDIT],
  ])('%o, %s', (blog, status, remoteStatus, editUrl) => {
    expect(remoteOutcome(blog, { id: 5, status, date: '2025-03-01T11:00:00' })).toEqual({ remoteStatus, editUrl, date: '2025-03-01T11:00:00' });
  });
});
