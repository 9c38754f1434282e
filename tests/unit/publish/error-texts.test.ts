import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOG_KINDS, PUBLISH_ERROR_CODES, type BlogKind, type PublishErrorCode } from '../../../electron/common/model/blog.js';
import type { AppError } from '../../../electron/common/result.js';
import { HttpError } from '../../../electron/main/http/http-client.js';
import { errorResult } from '../../../electron/main/ipc/dispatch.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';
import { micropubFailure } from '../../../electron/main/publish/micropub/micropub-errors.js';
import { NEXT_STEPS_DE, PublishFailure, publishFailure } from '../../../electron/main/publish/publish-errors.js';
import type { DiscoveredBlog, Publisher } from '../../../electron/main/publish/publisher.js';
import { Publishing } from '../../../electron/main/publish/publishing.js';
import { PublisherRegistry } from '../../../electron/main/publish/registry.js';
import { wordpressFailure } from '../../../electron/main/publish/wordpress-errors.js';
import { XmlRpcFault } from '../../../electron/main/publish/xmlrpc/xmlrpc-codec.js';
import { xmlRpcFailure } from '../../../electron/main/publish/xmlrpc/xmlrpc-errors.js';
import { de } from '../../../renderer/i18n/de.js';
import { translator, type UiLanguage } from '../../../renderer/i18n/i18n.js';
import { addBlogErrorText, ADD_BLOG_CAUSES, publishErrorWords, queuedText } from '../../../renderer/lib/error-texts.js';

/**
 * Every error text against its cause: each publish failure code and each way adding a blog fails, in German and
 * English, as the UI shows it. Each text says what happened once (no sentence twice) and ends with what to do
 * next; adding a blog never speaks of the outbox, where nothing waits then.
 */

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+(?=[„“"A-ZÄÖÜ0-9])/u)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');

function expectNoRepeatedSentence(text: string): void {
  const list = sentences(text);
  expect(new Set(list).size, text).toBe(list.length);
}

/** Words that make a sentence an instruction — the next step. */
const NEXT_STEP_WORDS: Record<UiLanguage, RegExp> = {
  de: /(prüfen|versuch|wählen|eingeben|eintragen|auswählen|nachfragen|einschalten|anmelden|beheben|abbrechen|überschreiben|neu starten|sendet|senden|legt ihn neu an|hinzufügen|nachsehen)/u,
  en: /\b(check|try|choose|enter|select|ask|switch|sign in|fix|cancel|overwrite|restart|sends?|creates it again|add|look at|have)\b/i,
};

/** After saying what happened, the text gives an instruction. */
function expectNextStep(text: string, language: UiLanguage): void {
  const list = sentences(text);
  expect(list.length, text).toBeGreaterThanOrEqual(2);
  expect(list.slice(1).some((s) => NEXT_STEP_WORDS[language].test(s)), text).toBe(true);
}

const http = (status: number, code?: string) => new HttpError('http', `x: ${status}`, { status, ...(code ? { code } : {}) });

/** One real cause per code, made by the same functions the publishers use. */
const CAUSES: Record<PublishErrorCode, [string, () => PublishFailure][]> = {
  auth: [
    ['REST 401 (revoked application password)', () => wordpressFailure(http(401, 'rest_not_logged_in'), 'create')],
    ['XML-RPC fault 403', () => xmlRpcFailure(new XmlRpcFault(403, 'Falscher Benutzername'), 'create')],
    ['Micropub 403 (revoked token)', () => micropubFailure(http(403, 'forbidden'), 'create')],
  ],
  forbidden: [
    ['403 on upload', () => wordpressFailure(http(403, 'rest_cannot_create'), 'media')],
    ['Micropub insufficient_scope', () => micropubFailure(http(401, 'insufficient_scope'), 'media')],
  ],
  'deleted-online': [['404 on update', () => wordpressFailure(http(404, 'rest_post_invalid_id'), 'update')]],
  'not-found': [['404 on terms', () => publishFailure(http(404), 'terms')]],
  'rest-disabled': [['rest_no_route', () => wordpressFailure(http(404, 'rest_no_route'), 'media')]],
  tls: [['expired certificate', () => publishFailure(new HttpError('tls', 'x', { cause: 'CERT_HAS_EXPIRED' }), 'create')]],
  timeout: [['no answer in time', () => publishFailure(new HttpError('timeout', 'x'), 'create')]],
  server: [
    ['500', () => wordpressFailure(http(500), 'create')],
    ['429', () => publishFailure(http(429), 'media')],
  ],
  offline: [['connection refused', () => publishFailure(new HttpError('offline', 'x', { cause: 'ECONNREFUSED' }), 'create')]],
  'bad-request': [
    ['400', () => wordpressFailure(http(400, 'rest_invalid_param'), 'create')],
    ['image type refused', () => wordpressFailure(http(500, 'rest_upload_sideload_error'), 'media')],
  ],
  'invalid-response': [['not JSON', () => wordpressFailure(new HttpError('invalid-response', 'x'), 'create')]],
  conflict: [['changed online', () => new PublishFailure('conflict', 'Der Beitrag wurde im Blog geändert, seit Kladde ihn zuletzt veröffentlicht hat.', false)]],
  problems: [['checks failed', () => new PublishFailure('problems', 'Der Beitrag hat noch Mängel.', false)]],
  'no-credentials': [['no password', () => new PublishFailure('no-credentials', 'Für diesen Blog ist kein Passwort hinterlegt.', false)]],
  cancelled: [['aborted', () => publishFailure(new HttpError('aborted', 'x'), 'create')]],
  internal: [['unexpected', () => publishFailure(new TypeError('boom'), 'create')]],
  'api-disabled': [['XML-RPC switched off', () => xmlRpcFailure(new XmlRpcFault(405, 'XML-RPC services are disabled'), 'create')]],
};

describe('publish failures: every code, German and English', () => {
  for (const code of PUBLISH_ERROR_CODES) {
    for (const [cause, make] of CAUSES[code]) {
      for (const language of ['de', 'en'] as const) {
        it(`${code} (${cause}) in ${language}`, () => {
          const failure = make();
          expect(failure.code).toBe(code);
          const words = publishErrorWords(translator(language), language, failure.toData());
          expect(words.next, words.text).not.toBe('');
          expect(words.text.endsWith(words.next)).toBe(true);
          expect(words.reason).not.toContain(words.next);
          expect(words.next).toMatch(NEXT_STEP_WORDS[language]);
          expectNoRepeatedSentence(words.text);
          expectNextStep(words.text, language);
          if (language === 'de') expect(words.text).toBe(failure.message);
        });
      }
    }
  }

  it('the outbox message says the reason once and what happens next', () => {
    for (const language of ['de', 'en'] as const) {
      for (const make of [CAUSES.offline[0]?.[1], CAUSES.timeout[0]?.[1], CAUSES.server[0]?.[1]]) {
        const failure = make?.();
        if (!failure) throw new Error('cause missing');
        const text = queuedText(translator(language), language, failure.toData());
        expectNoRepeatedSentence(text);
        expectNextStep(text, language);
        expect(text.match(/Postausgang|outbox/gi)?.length, text).toBeLessThanOrEqual(2);
      }
    }
    expect(queuedText(translator('de'), 'de', CAUSES.offline[0]![1]().toData())).toBe(
      'Der Beitrag wartet im Postausgang. Keine Verbindung zum Blog. Kladde sendet von selbst, sobald der Blog wieder erreichbar ist; „Jetzt versuchen“ im Postausgang sendet sofort.',
    );
  });

  it('main’s next steps are the German UI’s', () => {
    for (const code of PUBLISH_ERROR_CODES) expect(de[`publishError.next.${code}`], code).toBe(NEXT_STEPS_DE[code]);
  });

  it('a job file from before next steps keeps its message', () => {
    const old = { code: 'auth' as const, message: 'Anmeldung fehlgeschlagen.', retriable: false };
    expect(publishErrorWords(translator('de'), 'de', old).text).toBe('Anmeldung fehlgeschlagen.');
  });
});

// ── Adding a blog ───────────────────────────────────────────────────────────────────────────────────────────

let root = '';
let publishing: Publishing;
/** What the fake blog's discovery and sign-in do next. */
let discovery: (url: string) => Promise<DiscoveredBlog>;
let verification: () => Promise<{ accountName: string }> = () => Promise.reject(new Error('not used'));
let requests = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kladde-error-texts-'));
  const never = () => Promise.reject(new Error('not used'));
  const publisher = (kind: BlogKind): Publisher => ({ kind, discover: (url) => discovery(url), verify: () => verification(), fetchTerms: never, publish: never, fetchOnline: never });
  const posts = new PostStore({ root: path.join(root, 'bibliothek') });
  await posts.ensureLibrary();
  publishing = new Publishing({
    configDir: path.join(root, 'config'),
    posts,
    registry: new PublisherRegistry(BLOG_KINDS.map(publisher)),
    fetch: () => {
      requests++;
      return Promise.reject(new Error('no network in this test'));
    },
  });
  await publishing.blogs.add({
    kind: 'wordpress',
    name: 'Kladde Testblog',
    url: 'http://127.0.0.1:44803/',
    apiRoot: 'http://127.0.0.1:44803/wp-json/',
    user: '',
    site: '',
    authorizeUrl: null,
    defaultStatus: 'draft',
    defaultCategory: '',
    output: 'blocks',
  });
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Adds a blog and returns the error the renderer gets, as the IPC wrapper makes it. */
async function addFails(url: string, found: () => Promise<DiscoveredBlog>): Promise<AppError> {
  discovery = found;
  try {
    await publishing.service.addBlog({ url });
  } catch (error) {
    const result = errorResult('addBlog', error, () => undefined);
    if (result.ok) throw new Error('not an error');
    return result.error;
  }
  throw new Error(`adding ${url} did not fail`);
}

const fail = (failure: PublishFailure) => () => Promise.reject(failure);
const blogAt = (url: string, apiRoot: string): (() => Promise<DiscoveredBlog>) => () => Promise.resolve({ name: 'Kladde Testblog', url, apiRoot, site: '', authorizeUrl: null });

const ADD_CASES: [string, string, () => Promise<DiscoveredBlog>, string, RegExp][] = [
  ['htp:// is no address', 'htp://127.0.0.1:44803/', fail(new PublishFailure('internal', 'not asked', false)), 'address', /keine Blog-Adresse.*http:\/\/ oder https:\/\//],
  ['unreachable', 'http://127.0.0.1:9/', fail(publishFailure(new HttpError('offline', 'x'), 'discover')), 'unreachable', /^Der Blog unter http:\/\/127\.0\.0\.1:9\/ ist nicht erreichbar\. Adresse prüfen oder später noch einmal versuchen\.$/],
  ['too slow', 'blog.example', fail(publishFailure(new HttpError('timeout', 'x'), 'discover')), 'timeout', /antwortet nicht rechtzeitig/],
  ['certificate', 'blog.example', fail(publishFailure(new HttpError('tls', 'x'), 'discover')), 'tls', /Zertifikat/],
  ['server error', 'blog.example', fail(publishFailure(http(500), 'discover')), 'server', /Server des Blogs/],
  ['interface refused', 'blog.example', fail(wordpressFailure(http(401), 'discover')), 'forbidden', /Schnittstelle nicht lesen/],
  ['no blog there', 'blog.example', fail(wordpressFailure(http(404, 'rest_no_route'), 'discover')), 'no-api', /keine Blog-Schnittstelle/],
  ['cancelled', 'blog.example', fail(publishFailure(new HttpError('aborted', 'x'), 'discover')), 'cancelled', /Abgebrochen/],
  ['the same blog again', 'http://127.0.0.1:44803/', blogAt('http://127.0.0.1:44803/', 'http://127.0.0.1:44803/wp-json/'), 'duplicate', /^Dieser Blog ist schon eingerichtet als „Kladde Testblog“\./],
  ['the same blog by a typo’d path', 'http://127.0.0.1:44803/blogg', blogAt('http://127.0.0.1:44803/', 'http://127.0.0.1:44803/wp-json/'), 'duplicate', /„Kladde Testblog“/],
  ['the same blog over https', 'https://127.0.0.1:44803', blogAt('https://127.0.0.1:44803/', 'https://127.0.0.1:44803/wp-json/'), 'duplicate', /„Kladde Testblog“/],
  ['the same API root under another home', 'http://127.0.0.1:44803/alt/', blogAt('http://127.0.0.1:44803/alt/', 'http://127.0.0.1:44803/wp-json/'), 'duplicate', /„Kladde Testblog“/],
];

describe('adding a blog: every failure, German and English', () => {
  it('covers every cause the renderer words', () => {
    expect([...new Set(ADD_CASES.map((c) => c[3]))].sort()).toEqual([...ADD_BLOG_CAUSES].sort());
  });

  for (const [name, url, found, cause, german] of ADD_CASES) {
    it(name, async () => {
      const before = requests;
      const error = await addFails(url, found);
      expect(error.params?.['cause']).toBe(cause);
      // Nothing is sent for an address that is none.
      if (cause === 'address') expect(requests).toBe(before);
      const deText = addBlogErrorText(translator('de'), error);
      const enText = addBlogErrorText(translator('en'), error);
      expect(deText).toMatch(german);
      // Main says the same as the German UI (logs, other transports).
      expect(deText).toBe(error.message);
      for (const [text, language] of [[deText, 'de'], [enText, 'en']] as const) {
        expect(text).not.toMatch(/Postausgang|outbox|Beitrag wartet|post waits/i);
        expectNoRepeatedSentence(text);
        expectNextStep(text, language);
      }
    });
  }

  it('a refused duplicate adds nothing', async () => {
    expect((await publishing.blogs.list()).map((b) => b.name)).toEqual(['Kladde Testblog']);
  });
});

describe('signing in: texts about the sign-in, not the outbox', () => {
  it('a refused password says to check the form, not „Neu anmelden“', async () => {
    const [entry] = await publishing.blogs.list();
    if (!entry) throw new Error('no blog');
    verification = () => Promise.reject(wordpressFailure(http(401, 'incorrect_password'), 'sign-in'));
    const refused = await publishing.service.setCredentials(entry.id, { user: 'rike', secret: 'falsch' }).catch((error: unknown) => error);
    const error = errorResult('setBlogCredentials', refused, () => undefined);
    if (error.ok) throw new Error('not refused');
    expect(error.error.message).toMatch(/^Anmeldung fehlgeschlagen \(401\).* Benutzername und Passwort prüfen und noch einmal anmelden\./);
    expect(error.error.message).not.toMatch(/Neu anmelden|Postausgang/);
    expectNoRepeatedSentence(error.error.message);

    verification = () => Promise.reject(publishFailure(new HttpError('offline', 'x'), 'sign-in'));
    const unverified = await publishing.service.setCredentials(entry.id, { user: 'rike', secret: 'geheim' });
    expect(unverified).toEqual({ verified: false, accountName: null, message: 'Keine Verbindung zum Blog.' });
  });
});
