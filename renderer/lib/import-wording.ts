import type { ImportItemOutcome, ImportJob } from '../../electron/common/model/import';
import type { MessageKey } from '../i18n/de';
import type { Translate } from '../i18n/i18n';

const KNOWN_STATUSES = new Set(['publish', 'draft', 'future', 'pending', 'private']);

/** The blog's status word in the UI language; one Kladde does not know is shown as the blog says it. */
export function remoteStatusWord(t: Translate, status: string): string {
  return KNOWN_STATUSES.has(status) ? t(`import.remoteStatus.${status}` as MessageKey) : status;
}

/** The outcomes in the order the summary lists them: what needs the user first, then what went well. */
export const OUTCOME_ORDER: readonly ImportItemOutcome[] = ['failed', 'local-changes', 'created', 'updated', 'unchanged'];

/** The order of the summary's counts: what came in, then what did not. */
export const COUNT_ORDER: readonly ImportItemOutcome[] = ['created', 'updated', 'unchanged', 'local-changes', 'failed'];

/**
 * Whether `a` is a later state of the same import than `b` (events and the start's answer can arrive in any
 * order): a finished state beats a running one; among running states, more posts done, or the post now being fetched named where the other names none.
 */
export function isNewerJobState(a: ImportJob, b: ImportJob): boolean {
  if ((a.state === 'running') !== (b.state === 'running')) return a.state !== 'running';
  return a.done > b.done || (a.done === b.done && a.current !== null && b.current === null);
}
