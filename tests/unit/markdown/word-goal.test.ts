import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { setWordGoal, wordGoalOf, wordGoalPercent } from '../../../electron/common/markdown/word-goal.js';

describe('word goal', () => {
  it.each([
    ['---\nword_goal: 1200\n---\n', 1200],
    ["---\nword_goal: '800'\n---\n", 800],
    ['---\nword_goal: 0\n---\n', null],
    ['---\nword_goal: 12.5\n---\n', null],
    ['---\nword_goal: viele\n---\n', null],
    ['---\ntitle: x\n---\n', null],
    ['---\nword_goal: [\n---\n', null],
    ['Kein Front Matter', null],
  ])('%j → %j', (text, goal) => {
    expect(wordGoalOf(parseFrontMatter(text))).toBe(goal);
  });

  it('writes only its own line and keeps every other byte', () => {
    const text = '---\r\ntitle: „Hafen“ # Kommentar\r\ntags: [a, b]\r\n---\r\n\r\nText\r\n';
    const set = setWordGoal(text, 1200);
    expect(set.ok && set.text).toBe('---\r\ntitle: „Hafen“ # Kommentar\r\ntags: [a, b]\r\nword_goal: 1200\r\n---\r\n\r\nText\r\n');
    const changed = set.ok ? setWordGoal(set.text, 900) : set;
    expect(changed.ok && changed.text).toContain('word_goal: 900\r\n');
    const removed = changed.ok ? setWordGoal(changed.text, null) : changed;
    expect(removed.ok && removed.text).toBe(text);
  });

  it('adds a front matter to a post without one, and refuses broken YAML', () => {
    const set = setWordGoal('Nur Text\n', 500);
    expect(set.ok && set.text).toBe('---\nword_goal: 500\n---\n\nNur Text\n');
    expect(setWordGoal('---\ntitle: [\n---\nText', 500).ok).toBe(false);
  });

  it('counts the progress in whole percent', () => {
    expect(wordGoalPercent(850, 1200)).toBe(70);
    expect(wordGoalPercent(1300, 1200)).toBe(108);
  });
});
