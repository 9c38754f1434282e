#!/usr/bin/env node
// `npx kladde …` from the repository (package.json "bin"): runs the built command line in this process, so
// Ctrl+C, stdin and exit codes are its own. The code lives in electron/cli and is bundled by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/kladde.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('Die Kommandozeile ist noch nicht gebaut (dist/cli/kladde.js fehlt): erst „npm run build“ ausführen.');
  console.error('The command line is not built yet (dist/cli/kladde.js is missing): run “npm run build” first.');
  process.exit(3);
}
await import(pathToFileURL(cli).href);
