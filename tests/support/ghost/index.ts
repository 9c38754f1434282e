/**
 * A real Ghost 6 for integration tests: `startGhost()` gives a fresh Ghost on 127.0.0.1 with an owner and an Admin API
 * key. Installed once per machine by scripts/ci/install-ghost.mjs; see server.ts for the details.
 */
export { startGhost, type GhostServer } from './server.js';
export { GhostUnavailableError, findGhostInstall, ghostCacheDir } from './install.js';
