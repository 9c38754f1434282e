// Starts the packaged main process (argv[2]: the extracted app.asar) against electron-stand-in.mjs and does what
// the window would do first: load the preload, the renderer over app://, spell-check over IPC, an image over
// kladde-media://. Prints one JSON object with what it found, then ends.
import fs, { existsSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const appDir = path.resolve(process.argv[2] ?? '');

// Every file main reads by path (preload, renderer, spell worker, dictionaries, settings, posts) is recorded;
// module loads are recorded by record-loads.mjs.
const reads = new Set();
const record = (file) => {
  if (typeof file === 'string') reads.add(path.resolve(file));
  else if (file instanceof URL) reads.add(fileURLToPath(file));
};
for (const [target, name] of [[fs, 'readFileSync'], [fs, 'readFile'], [fsPromises, 'readFile']]) {
  const original = target[name];
  target[name] = function (file, ...rest) {
    record(file);
    return original.call(this, file, ...rest);
  };
}
syncBuiltinESMExports();
await import(pathToFileURL(path.join(appDir, 'dist/main/index.js')).href);
const electron = globalThis.kladdeElectron;
const win = await electron.windowCreated;

async function fetchVia(scheme, url) {
  const handler = electron.protocols.get(scheme);
  if (!handler) return { status: 0, type: null, size: 0 };
  const response = await handler(new Request(url));
  const body = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get('content-type'), size: body.length, text: new TextDecoder().decode(body) };
}

// The renderer page and every file it links, as Chromium would request them from app://kladde/.
const page = await fetchVia('app', win.url);
const linked = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1], win.url).href);
const assets = {};
for (const url of linked) assets[url] = (await fetchVia('app', url)).status;

// IPC as the preload would call it: from the main frame of app://kladde.
const frame = { url: win.url };
const event = { senderFrame: frame, sender: { mainFrame: frame } };
const call = (channel, ...args) => electron.ipc.get(`kladde:${channel}`)(event, ...args);
const spell = await call('spellCheck', { lang: 'de', text: 'Die Datenschutzerklärung hat einen Fehlr.' });
const posts = await call('listPosts');
const postId = posts.ok ? posts.value[0]?.id : undefined;
const images = postId ? await call('listPostImages', postId) : null;
const imageName = images?.ok ? images.value[0]?.name : undefined;
const media = imageName ? await fetchVia('kladde-media', `kladde-media://post/${postId}/${encodeURIComponent(imageName)}`) : null;

const preload = win.options.webPreferences.preload;
process.stdout.write(
  JSON.stringify({
    schemes: electron.privileged.map((s) => s.scheme),
    preload: { path: preload, exists: existsSync(preload) },
    startUrl: win.url,
    page: { status: page.status, type: page.type },
    assets,
    channels: electron.ipc.size,
    spell: spell.ok ? { available: spell.value.available, words: spell.value.misspelled.map((m) => m.word) } : spell,
    reads: [...reads],
    media: media ? { postId, imageName, status: media.status, type: media.type, size: media.size } : { posts, images },
  }) + '\n',
);
// Electron hands every app event an Event; the close handshake may call preventDefault() on it.
electron.appEvents.emit('before-quit', { preventDefault: () => undefined });
setTimeout(() => process.exit(0), 200);
