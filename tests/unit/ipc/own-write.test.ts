import { describe, expect, it } from 'vitest';
import type { OwnPostWrite } from '../../../electron/common/ipc/contract.js';
import { ownPostWriteSchema } from '../../../electron/common/ipc/contract.js';
import { adoptOwnWrite, type OwnWriteAdoption } from '../../../electron/common/ipc/own-write.js';
import { setPublishRecord, type PublishRecord } from '../../../electron/common/markdown/front-matter-publish.js';

const record: PublishRecord = { id: '5', link: 'https://blog.example/?p=5', modified_gmt: '2025-03-01T10:00:00', online_hash: 'h', media: {} };
const SAVED = '---\ntitle: Hallo\n---\nText\n';
const WRITTEN = setPublishRecord(SAVED, 'blog', record) ?? '';
const own: OwnPostWrite = { text: WRITTEN, change: { kind: 'publish-record', blogId: 'blog', record } };
const TYPED = SAVED.replace('Text', 'Text und mehr');

// local text, local saved text → what the document does.
const rows: [string, { text: string; savedText: string }, OwnWriteAdoption][] = [
  ['same text already: only the version', { text: WRITTEN, savedText: SAVED }, { kind: 'version', version: 'v2' }],
  ['nothing unsaved: take main’s text silently', { text: SAVED, savedText: SAVED }, { kind: 'take', text: WRITTEN, version: 'v2' }],
  [
    'unsaved typing: the record goes into the typed text, on the new version',
    { text: TYPED, savedText: SAVED },
    { kind: 'rebase', text: setPublishRecord(TYPED, 'blog', record) ?? '', version: 'v2' },
  ],
  ['typed front matter broken: a conflict, nothing lost', { text: '---\ntitle: "offen\n---\nText\n', savedText: SAVED }, { kind: 'conflict' }],
];

describe('adoptOwnWrite', () => {
  it.each(rows)('%s', (_name, local, expected) => {
    expect(adoptOwnWrite('v2', own, local)).toEqual(expected);
  });

  it('the rebased text keeps every typed character', () => {
    const result = adoptOwnWrite('v2', own, { text: TYPED, savedText: SAVED });
    expect(result.kind === 'rebase' && result.text.endsWith('Text und mehr\n')).toBe(true);
  });

  it('the event payload survives the wire', () => {
    expect(ownPostWriteSchema.parse(JSON.parse(JSON.stringify(own)))).toEqual(own);
  });
});
