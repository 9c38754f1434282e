import { editFrontMatter, type EditResult } from './front-matter-edit.js';
import type { FrontMatterParse } from './front-matter.js';

/** The front-matter key of a post's word goal: `word_goal: 1200`. */
export const WORD_GOAL_KEY = 'word_goal';
export const MAX_WORD_GOAL = 1_000_000;

/**
 * The post's word goal from its parsed front matter (the post document's, never a parse of its own): a whole
 * number from 1 to {@link MAX_WORD_GOAL}, written as a number or a numeric string. Anything else means no goal.
 */
export function wordGoalOf(frontMatter: FrontMatterParse): number | null {
  if (!frontMatter.ok) return null;
  const raw = frontMatter.data[WORD_GOAL_KEY];
  const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_WORD_GOAL ? value : null;
}

/** Sets (or with null removes) the word goal through the one front-matter editor; every other byte stays. */
export function setWordGoal(text: string, goal: number | null): EditResult {
  return editFrontMatter(text, [{ path: [WORD_GOAL_KEY], value: goal ?? undefined }]);
}

/** How far the words are towards the goal, in whole percent (over 100 once exceeded). */
export function wordGoalPercent(words: number, goal: number): number {
  return Math.floor((words / goal) * 100);
}
