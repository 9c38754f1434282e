import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../electron/common/model/import.js';
import { translator } from '../../../renderer/i18n/i18n.js';
import { isNewerJobState, remoteStatusWord } from '../../../renderer/lib/import-wording.js';

const de = translator('de');
const en = translator('en');

describe('counts in words for „Beiträge holen“', () => {
  it.each([
    [0, '0 Beiträge', '0 posts'],
    [1, '1 Beitrag', '1 post'],
    [2, '2 Beiträge', '2 posts'],
    [1000, '1.000 Beiträge', '1,000 posts'],
  ])('%i', (count, german, english) => {
    expect(de('import.count', { count })).toBe(german);
    expect(en('import.count', { count })).toBe(english);
  });

  it('takes the noun form from the total in „n von m“', () => {
    expect(de('import.progress', { done: 12, total: 40 })).toBe('12 von 40 Beiträgen');
    expect(de('import.progress', { done: 0, total: 1 })).toBe('0 von 1 Beitrag');
    expect(de('import.imagesMissing', { count: 1 })).toBe('1 Bild liegt noch im Blog.');
    expect(de('import.imagesMissing', { count: 3 })).toBe('3 Bilder liegen noch im Blog.');
  });

  it('says the blog’s status words in the UI language and keeps unknown ones', () => {
    expect(remoteStatusWord(de, 'publish')).toBe('veröffentlicht');
    expect(remoteStatusWord(de, 'future')).toBe('geplant');
    expect(remoteStatusWord(en, 'pending')).toBe('pending review');
    expect(remoteStatusWord(de, 'inherit')).toBe('inherit');
  });
});

describe('which import state is the later one', () => {
  const job = (patch: Partial<ImportJob>): ImportJob => ({ jobId: 'j', state: 'running', done: 0, total: 3, current: null, results: [], message: null, ...patch });

  it('a finished job beats any running state, whatever arrives first', () => {
    expect(isNewerJobState(job({ state: 'done', done: 3 }), job({ done: 2 }))).toBe(true);
    expect(isNewerJobState(job({ done: 0 }), job({ state: 'cancelled', done: 1 }))).toBe(false);
  });

  it('among running states, more done or the next post is later; the same state is not', () => {
    expect(isNewerJobState(job({ done: 2 }), job({ done: 1 }))).toBe(true);
    expect(isNewerJobState(job({ done: 1, current: 'B' }), job({ done: 1, current: null }))).toBe(true);
    expect(isNewerJobState(job({ done: 1, current: null }), job({ done: 1, current: 'B' }))).toBe(false);
    expect(isNewerJobState(job({ done: 1 }), job({ done: 2 }))).toBe(false);
    expect(isNewerJobState(job({ done: 1, current: 'B' }), job({ done: 1, current: 'B' }))).toBe(false);
  });
});
