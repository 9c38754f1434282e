import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import type { OpenedPost } from '../../../electron/common/model/post.js';
import type { Result } from '../../../electron/common/result.js';
import { useTestServices } from '../../support/services.js';

/** The composed services: a new post's `lang:` follows the `defaultLanguage` setting, as the renderer reaches it. */
describe('language of a new post', () => {
  const t = useTestServices('new-lang');

  function value<T>(result: Result<T>): T {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }
  const langOf = (post: OpenedPost) => {
    const parsed = parseFrontMatter(post.text);
    return parsed.ok ? parsed.fields.lang : null;
  };

  it('is German by default and follows the setting after a change', async () => {
    const first = value(await t.dispatch('createPost', [{ title: 'Erster' }])) as OpenedPost;
    expect(langOf(first)).toBe('de');
    value(await t.dispatch('setSettings', [{ defaultLanguage: 'en' }]));
    const second = value(await t.dispatch('createPost', [{ title: 'Second' }])) as OpenedPost;
    expect(langOf(second)).toBe('en');
    value(await t.dispatch('setSettings', [{ defaultLanguage: 'de-CH' }]));
    const third = value(await t.dispatch('createPost', [{ title: 'Grüezi' }])) as OpenedPost;
    expect(langOf(third)).toBe('de-CH');
  });
});
