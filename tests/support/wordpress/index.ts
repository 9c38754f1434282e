/**
 * A real WordPress for integration tests: `startWordPress()` gives a fresh, German WordPress 6.1 on 127.0.0.1
 * with an administrator and an application password. See server.ts for the details.
 */
export { startWordPress, stopKeptWordPressServers, type StartWordPressOptions, type WordPressServer } from './server.js';
export { WordPressUnavailableError } from './requirements.js';
