import type { Channel, EventName } from './contract.js';

/**
 * The channel and event names, without their schemas, so the preload bundle stays tiny.
 * `satisfies` plus the test in tests/unit/ipc keep these lists equal to the contract's keys.
 */
export const CHANNELS = [
  'appInfo',
  'listPosts',
  'openPost',
  'createPost',
  'savePost',
  'renamePost',
  'duplicatePost',
  'deletePost',
  'listTrash',
  'restorePost',
  'convertPostToUtf8',
  'getSettings',
  'setSettings',
  'spellCheck',
  'spellSuggest',
  'spellAddWord',
  'spellIgnoreWord',
  'importImage',
  'imageMetadata',
  'listPostImages',
  'postProblems',
  'listBlogs',
  'addBlog',
  'updateBlog',
  'removeBlog',
  'setBlogCredentials',
  'hasBlogCredentials',
  'listBlogTerms',
  'refreshBlogTerms',
  'checkPublish',
  'publishPost',
  'downloadOnlineCopy',
  'listOutbox',
  'cancelJob',
  'retryJob',
  'writeRecovery',
  'listRecovery',
  'discardRecovery',
  'flushDone',
  'networkRestored',
  'listRemotePosts',
  'chooseImportFile',
  'uploadImportFile',
  'startImport',
  'cancelImport',
  'downloadImportedImages',
  'searchLibrary',
  'patchRecovery',
  'getBlogTheme',
  'refreshBlogTheme',
  'beginBlogSignIn',
  'finishBlogSignIn',
  'cancelBlogSignIn',
  'listPostVersions',
  'readPostVersion',
  'restorePostVersion',
  'snapshotPost',
  'listThirdParty',
  'exportPost',
  'exportLibrary',
] as const satisfies readonly Channel[];

export const EVENTS = ['postChangedOnDisk', 'libraryChanged', 'menuCommand', 'outboxChanged', 'flushRequest', 'importProgress', 'exportProgress'] as const satisfies readonly EventName[];

/** IPC channel strings are namespaced so they cannot collide with Electron's own. */
export const ipcChannel = (name: string): string => `kladde:${name}`;
export const ipcEvent = (name: string): string => `kladde-event:${name}`;
