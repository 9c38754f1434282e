import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from '../common/ipc/contract.js';
import { BlogThemeStore } from './blog-theme/theme-store.js';
import { countText } from '../common/text/counts.js';
import { EventHub } from './events/event-sink.js';
import { PostHistory } from './history/post-history.js';
import { ExportService, type SaveTargetRequest } from './export/export-service.js';
import { ImportService } from './import/import-service.js';
import type { Handlers } from './ipc/dispatch.js';
import { ImageService } from './images/image-service.js';
import { LibraryWatcher } from './posts/library-watcher.js';
import type { SecretBox } from './credentials/secret-box.js';
import type { FetchLike } from './http/http-client.js';
import { Publishing, publishingHandlers } from './publish/publishing.js';
import { PostStore } from './posts/post-store.js';
import { RecoveryJournal } from './recovery/recovery-journal.js';
import { SearchService } from './search/search-service.js';
import { SettingsStore } from './settings/settings-store.js';
import { createSpellService } from './spell/create-spell-service.js';
import type { SpellService } from './spell/spell-service.js';
import { CloseHandshake } from './window/close-handshake.js';

export interface ServiceOptions {
  /** Folder for settings and other per-user state (Electron's userData, or a folder of the web host). */
  configDir: string;
  /** Overrides the library folder from the settings (tests, `npm run web -- --library`). */
  libraryPath?: string;
  transport: AppInfo['transport'];
  version: string;
  systemLanguage: string;
  log?: (message: string) => void;
  /** Encrypts blog secrets: Electron's safeStorage in the app; a key file in configDir when not given. */
  secretBox?: SecretBox;
  /** The network for publishing; the platform's fetch when not given (tests wrap it to count requests). */
  fetch?: FetchLike;
  /** Electron's open dialog for a WordPress export (a path, or null when cancelled); absent in the web host. */
  chooseImportFile?: () => Promise<string | null>;
  /** Electron's save dialog for an export (a path, or null when cancelled); absent in the web host (downloads). */
  chooseExportTarget?: (request: SaveTargetRequest) => Promise<string | null>;
  /** Electron's printToPDF on a hidden window; absent in the web host (the browser prints the page itself). */
  printToPdf?: (html: string) => Promise<Uint8Array>;
}

export function defaultLibraryPath(): string {
  return path.join(os.homedir(), 'Kladde');
}

/** Everything main offers, built in a fixed order from explicit dependencies; no `electron` in here. */
export class Services {
  readonly events = new EventHub();
  readonly settings: SettingsStore;
  posts!: PostStore;
  private watcher: LibraryWatcher | null = null;
  spell!: SpellService;
  images!: ImageService;
  publishing!: Publishing;
  recovery!: RecoveryJournal;
  /** „Beiträge holen“; `imports.run(request, onProgress, signal)` is the command line's way in. */
  imports!: ImportService;
  search!: SearchService;
  /** Each blog's captured look for the preview „Wie im Blog“ (`.kladde/themes/`). */
  themes!: BlogThemeStore;
  /** Earlier versions of every post (`.kladde/verlauf/`). */
  history!: PostHistory;
  /** Export of a post (HTML, PDF) and of the library (ZIP); the web host serves its downloads. */
  exports!: ExportService;
  /** Closing the Electron window waits for the renderer's last save; the web host never asks (nothing to close). */
  readonly closeHandshake = new CloseHandshake({ send: (requestId) => this.events.emit('flushRequest', { requestId }) });

  constructor(private readonly options: ServiceOptions) {
    this.settings = new SettingsStore(path.join(options.configDir, 'settings.json'));
  }

  async start(): Promise<void> {
    const settings = await this.settings.get();
    const root = this.options.libraryPath ?? (settings.libraryPath || defaultLibraryPath());
    // A new post gets the language the settings name, read at the moment it is created.
    this.posts = new PostStore({ root, defaultLanguage: async () => (await this.settings.get()).defaultLanguage });
    await this.posts.ensureLibrary();
    this.recovery = new RecoveryJournal({
      root: this.posts.root,
      readPost: (id) => this.posts.peek(id).catch(() => null),
      ownVersion: (id) => this.posts.knownVersion(id),
    });
    await this.posts.removeStaleTempFiles();
    this.history = new PostHistory({
      root: this.posts.root,
      readPost: (id) => this.posts.peek(id),
      savePost: (id, text, baseVersion, force) => this.posts.save(id, text, baseVersion, force),
      countWords: (text) => countText(text).words,
      ...(this.options.log ? { log: this.options.log } : {}),
    });
    this.spell = createSpellService(this.posts.root, this.options.log);
    this.images = new ImageService(this.posts.paths);
    this.watcher = new LibraryWatcher(this.posts, this.events, this.options.log);
    await this.watcher.start();
    this.publishing = new Publishing({
      configDir: this.options.configDir,
      posts: this.posts,
      events: this.events,
      ...(this.options.secretBox ? { secretBox: this.options.secretBox } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.log ? { log: this.options.log } : {}),
      // Published credits read like the preview's: the same templates and featured-credit placement.
      renderOptions: async () => {
        const s = await this.settings.get();
        return { creditTexts: s.creditTexts, featuredCredit: s.featuredCredit, privateEmbeds: s.privateEmbeds };
      },
    });
    await this.publishing.start();
    this.themes = new BlogThemeStore({
      root: this.posts.root,
      http: this.publishing.http,
      blogUrl: async (blogId) => (await this.publishing.blogs.get(blogId)).url,
      ...(this.options.log ? { log: this.options.log } : {}),
    });
    this.imports = new ImportService({
      posts: this.posts,
      http: this.publishing.http,
      configDir: this.options.configDir,
      sources: (blogId, signal) => this.publishing.service.importSource(blogId, signal),
      beforeOverwrite: async (postId, text) => void (await this.history.snapshot(postId, text, 'import').catch(() => null)),
      events: this.events,
      ...(this.options.chooseImportFile ? { chooseFile: this.options.chooseImportFile } : {}),
    });
    await this.imports.start();
    // The search index follows every change the library watcher reports.
    this.search = new SearchService({ posts: this.posts, ...(this.options.log ? { log: this.options.log } : {}) });
    this.events.add(this.search.sink);
    this.exports = new ExportService({
      posts: this.posts,
      images: this.images,
      downloadsDir: path.join(this.options.configDir, 'export-files'),
      events: this.events,
      renderOptions: async () => {
        const s = await this.settings.get();
        return { creditTexts: s.creditTexts, featuredCredit: s.featuredCredit };
      },
      ...(this.options.chooseExportTarget ? { chooseTarget: this.options.chooseExportTarget } : {}),
      ...(this.options.printToPdf ? { printToPdf: this.options.printToPdf } : {}),
    });
    await this.exports.start();
  }

  /** Removing a blog removes its captured look too. */
  private themeOnRemove(handlers: ReturnType<typeof publishingHandlers>): Pick<Handlers, 'removeBlog'> {
    return {
      removeBlog: async (blogId) => {
        const removed = await handlers.removeBlog(blogId);
        await this.themes.remove(blogId).catch(() => undefined);
        return removed;
      },
    };
  }

  async stop(): Promise<void> {
    await this.history?.flush().catch(() => undefined);
    await this.imports?.stop();
    await this.search?.stop();
    await this.watcher?.stop();
    await this.spell?.stop();
    await this.publishing?.stop();
  }

  handlers(): Handlers {
    const posts = () => this.posts;
    return {
      appInfo: async () => ({
        version: this.options.version,
        platform: process.platform,
        transport: this.options.transport,
        systemLanguage: this.options.systemLanguage,
        libraryPath: this.posts.root,
      }),
      listPosts: () => posts().list(),
      openPost: async (id) => {
        const opened = await posts().open(id);
        this.history.noteOpened(id, opened.text);
        return opened;
      },
      createPost: ({ title }) => posts().create(title),
      savePost: async (id, { text, baseVersion, force }) => {
        const result = await posts().save(id, text, baseVersion, force);
        // The editor saves its whole current text, so every entry journaled before this save is older than what is
        // on disk now — even one taken halfway through a word. It goes; what is typed after the save is journaled
        // again by the editor (with the new version) while it stays unsaved.
        if (result.status === 'saved') await this.recovery.discard(id).catch(() => undefined);
        // Queued only: the version is written after this answer is on its way (never on the save path).
        if (result.status === 'saved') this.history.noteSaved(result.id, text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
        return result;
      },
      renamePost: async (id, slug) => {
        if (slug !== id) await this.history.snapshotDisk(id, 'rename').catch(() => null);
        const renamed = await posts().rename(id, slug);
        if (renamed.id !== id) await this.history.renamed(id, renamed.id).catch(() => undefined);
        // The editor journals its text under the new id from now on.
        if (renamed.id !== id) await this.recovery.moveAway(id);
        // An imported post is found again by the import index under its new name.
        if (renamed.id !== id) await this.imports.postRenamed(id, renamed.id).catch(() => undefined);
        return renamed;
      },
      convertPostToUtf8: (id) => posts().convertToUtf8(id),
      duplicatePost: (id) => posts().duplicate(id),
      deletePost: async (id) => {
        const entry = await posts().delete(id);
        await this.recovery.moveAway(id);
        await this.history.trashed(id, entry.trashId).catch(() => undefined);
        return entry;
      },
      listTrash: () => posts().listTrash(),
      restorePost: async (trashId) => {
        const restored = await posts().restore(trashId);
        await this.history.untrashed(trashId, restored.id).catch(() => undefined);
        return restored;
      },
      getSettings: () => this.settings.get(),
      setSettings: (patch) => this.settings.update(patch),
      spellCheck: (request) => this.spell.check(request),
      spellSuggest: (request) => this.spell.suggest(request),
      spellAddWord: (word) => this.spell.addWord(word),
      spellIgnoreWord: (word) => this.spell.ignoreWord(word),
      importImage: (id, { fileName, bytes }) =>
        this.images.importFromBytes(id, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName),
      imageMetadata: (id, fileName) => this.images.metadata(id, fileName),
      listPostImages: (id) => this.images.list(id),
      postProblems: (id) => this.images.problems(id),
      ...publishingHandlers(() => this.publishing, posts),
      publishPost: async (postId, blogId, options) => {
        // What goes out is kept as a version first, so what a blog got can always be found again.
        await this.history.snapshotDisk(postId, 'publish').catch(() => null);
        return publishingHandlers(() => this.publishing, posts).publishPost(postId, blogId, options);
      },
      writeRecovery: (id, entry) => this.recovery.write(id, entry),
      patchRecovery: (id, patch) => this.recovery.patch(id, patch),
      listRecovery: () => this.recovery.list(),
      discardRecovery: (id) => this.recovery.discard(id),
      ...ImportService.handlers(() => this.imports),
      flushDone: async (requestId, result) => ({ accepted: this.closeHandshake.answer(requestId, result) }),
      searchLibrary: (request) => this.search.search(request),
      getBlogTheme: (blogId) => this.themes.get(blogId),
      refreshBlogTheme: (blogId) => this.themes.refresh(blogId),
      ...this.themeOnRemove(publishingHandlers(() => this.publishing, posts)),
      listPostVersions: (id) => this.history.list(id),
      readPostVersion: async (id, versionId) => ({ text: await this.history.read(id, versionId) }),
      restorePostVersion: (id, versionId, { baseVersion }) => this.history.restore(id, versionId, baseVersion),
      snapshotPost: async (id, { text, reason }) => ({ version: await this.history.snapshot(id, text, reason) }),
      ...ExportService.handlers(() => this.exports),
    };
  }
}
