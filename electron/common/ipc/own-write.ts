import { setPublishRecord } from '../markdown/front-matter-publish.js';
import type { OwnPostWrite } from './contract.js';

/** What the open post's document does with a `postChangedOnDisk` that carries `byKladde` (main's own write). */
export type OwnWriteAdoption =
  /** The text is already the same: only the disk version is new. */
  | { kind: 'version'; version: string }
  /** No unsaved changes: take main's text and version, without a „changed outside“ notice. */
  | { kind: 'take'; text: string; version: string }
  /** Unsaved typing: the same change applied to the document's own text, based on the new version (save it). */
  | { kind: 'rebase'; text: string; version: string }
  /** The change cannot be applied to the unsaved text (its front matter is broken): treat it as a conflict. */
  | { kind: 'conflict' };

/**
 * Decides how the renderer adopts a write main made itself (today: the publish record after publishing), so
 * Kladde never reports its own write as an outside change and unsaved typing is never lost.
 * `local.text` is the document's text now, `local.savedText` the text of the version it is based on.
 */
export function adoptOwnWrite(version: string, own: OwnPostWrite, local: { text: string; savedText: string }): OwnWriteAdoption {
  if (local.text === own.text) return { kind: 'version', version };
  if (local.text === local.savedText) return { kind: 'take', text: own.text, version };
  const change = own.change;
  const rebased = setPublishRecord(local.text, change.blogId, change.record);
  if (rebased === null) return { kind: 'conflict' };
  return rebased === own.text ? { kind: 'version', version } : { kind: 'rebase', text: rebased, version };
}
