import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { frontMatterRange } from '../../../renderer/editor/front-matter-fold.js';

const range = (doc: string) => {
  const r = frontMatterRange(EditorState.create({ doc }));
  return r ? doc.slice(r.from, r.to) : null;
};

describe('the front matter fold range', () => {
  it.each([
    ['---\ntitle: A\ntags: [x]\n---\n\nText', '\ntitle: A\ntags: [x]'],
    ['---\ntitle: A\n...\nText', '\ntitle: A'],
    ['---  \ntitle: A\n---\n', '\ntitle: A'],
    ['---\n---\nText', null],
    ['---\ntitle: A\nnie geschlossen', null],
    ['Text\n---\ntitle: A\n---', null],
    ['', null],
  ])('%j → %j', (doc, expected) => {
    expect(range(doc)).toBe(expected);
  });
});
