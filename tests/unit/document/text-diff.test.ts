import { describe, expect, it } from 'vitest';
import { diffText, mergeText } from '../../../renderer/document/text-diff.js';

describe('diffText', () => {
  it.each([
    ['abc', 'abc', null],
    ['abc', 'abXc', { from: 2, to: 2, insert: 'X' }],
    ['abc', 'ac', { from: 1, to: 2, insert: '' }],
    ['aaa', 'aaaa', { from: 3, to: 3, insert: 'a' }],
    ['', 'neu', { from: 0, to: 0, insert: 'neu' }],
  ])('%j → %j', (before, after, hunk) => {
    expect(diffText(before, after)).toEqual(hunk);
    if (hunk) expect(before.slice(0, hunk.from) + hunk.insert + before.slice(hunk.to)).toBe(after);
  });
});

describe('mergeText', () => {
  const base = '---\ntitle: A\n---\nText\n';
  it('brings a change in the front matter into text typed in the body', () => {
    expect(mergeText(base, base + 'mehr', base.replace('title: A', 'title: A\npublish: 1'))).toBe('---\ntitle: A\npublish: 1\n---\nText\nmehr');
  });
  it('brings a change after mine into mine', () => {
    expect(mergeText('a b c', 'aX b c', 'a b cY')).toBe('aX b cY');
  });
  it('refuses overlapping changes', () => {
    expect(mergeText('a b c', 'a X c', 'a Y c')).toBeNull();
    expect(mergeText('ab', 'aXb', 'aYb')).toBeNull();
  });
  it('takes theirs when mine did not change, and mine when theirs is the same', () => {
    expect(mergeText('a', 'a', 'b')).toBe('b');
    expect(mergeText('a', 'b', 'b')).toBe('b');
  });
});
