// How `npm start` gets the Electron executable: the way the `electron` package intends it (requiring the package
// returns the executable's path and downloads the binary on first use, electron ≥ 45), plus what the package does
// not tell: why a download failed, in one German line with the command to try again.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The package's own installer (its `install-electron` bin): downloads the binary into node_modules/electron. */
export const RETRY_COMMAND = 'npx install-electron';

export const DOWNLOAD_LINE = 'Electron wird heruntergeladen (einmalig, gut 100 MB) …';

/** The platforms the package's install.js knows an executable name for; any other fails before downloading. */
const PLATFORMS = new Set(['darwin', 'mas', 'linux', 'freebsd', 'openbsd', 'win32']);

/** Errors that mean there is no way out: no name resolution, no route. */
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH', 'EHOSTDOWN']);

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

/**
 * The `electron` package's folder, as Node resolves it from this script. KLADDE_ELECTRON_PACKAGE points at another
 * folder instead; only the tests use it, to run this script against stand-in packages.
 * @param {NodeJS.ProcessEnv} env
 */
export function electronPackageDir(env) {
  if (env.KLADDE_ELECTRON_PACKAGE) return path.resolve(env.KLADDE_ELECTRON_PACKAGE);
  try {
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * Whether requiring the package will return at once, without a download: the executable named in its path.txt
 * exists, or ELECTRON_OVERRIDE_DIST_PATH says where it is (then the package never downloads).
 * @param {string} dir @param {NodeJS.ProcessEnv} env
 */
export function binaryPresent(dir, env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  try {
    return existsSync(path.join(dir, 'dist', readFileSync(path.join(dir, 'path.txt'), 'utf8')));
  } catch {
    return false;
  }
}

/** ELECTRON_SKIP_BINARY_DOWNLOAD=1 (any value but empty, 0, false) means "never download". @param {NodeJS.ProcessEnv} env */
export function skipDownload(env) {
  const value = (env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/** A download setting as @electron/get reads it (.npmrc `electron_mirror`, or ELECTRON_MIRROR, …). */
function setting(/** @type {NodeJS.ProcessEnv} */ env, /** @type {string} */ snake) {
  return env[`npm_config_electron_${snake}`] || env[`NPM_CONFIG_ELECTRON_${snake.toUpperCase()}`] || env[`ELECTRON_${snake.toUpperCase()}`] || '';
}

/**
 * What the package's installer would download, worked out the way install.js and @electron/get do it.
 * @param {NodeJS.ProcessEnv} env @param {string} version
 */
export function downloadTarget(env, version) {
  const platform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform;
  const arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch;
  const mirror = setting(env, 'mirror') || DEFAULT_MIRROR;
  const folder = (setting(env, 'custom_dir') || `v${version}`).replace('{{ version }}', version);
  const file = setting(env, 'custom_filename') || `electron-v${version}-${platform}-${arch}.zip`;
  return { platform, arch, supported: PLATFORMS.has(platform), url: `${mirror}${folder}/${file}` };
}

/**
 * One HEAD request to the download address, to tell "offline" from "blocked" from "not published": the package
 * only says that its installer failed.
 * @param {string} url @param {number} timeoutMs
 * @returns {Promise<{ status: number } | { code: string }>}
 */
export function probe(url, timeoutMs = 8000) {
  return new Promise((resolve) => {
    try {
      const client = url.startsWith('http:') ? http : https;
      const request = client.request(url, { method: 'HEAD', timeout: timeoutMs }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0 });
      });
      request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      request.on('error', (/** @type {NodeJS.ErrnoException} */ error) => resolve({ code: error.code ?? 'EUNBEKANNT' }));
      request.end();
    } catch {
      resolve({ code: 'ERR_INVALID_URL' });
    }
  });
}

/** @param {string} url */
function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Why the download failed, in German, from the target and what the probe found.
 * @param {{ platform: string, arch: string, supported: boolean, url: string }} target
 * @param {{ status: number } | { code: string } | null} found null when no probe was needed
 */
export function failureReason(target, found) {
  if (!target.supported || !found) return `für das Betriebssystem „${target.platform}“ gibt es kein Electron`;
  const host = hostOf(target.url);
  if ('code' in found) {
    if (OFFLINE_CODES.has(found.code)) return `offline – ${host} ist nicht erreichbar (${found.code})`;
    return `der Download von ${host} wird blockiert (${found.code}; Firewall oder Proxy?)`;
  }
  if (found.status === 404) return `für ${target.platform}/${target.arch} gibt es dieses Electron nicht (${host} antwortet 404)`;
  if (found.status >= 400) return `der Download von ${host} wird blockiert (Antwort ${found.status})`;
  return `der Download von ${host} ist erreichbar, die Installation schlug trotzdem fehl (Meldung darüber)`;
}

/**
 * "; Electron verlangt Node ≥ X, hier läuft Y" when the package's `engines` says so, else "".
 * @param {string | undefined} range @param {string} running
 */
export function nodeNote(range, running = process.versions.node) {
  const wanted = /^\s*>=\s*(\d+)\.(\d+)\.(\d+)\s*$/.exec(range ?? '');
  if (!wanted) return '';
  const have = running.split('.').map(Number);
  const need = wanted.slice(1).map(Number);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > (need[i] ?? 0)) return '';
    if ((have[i] ?? 0) < (need[i] ?? 0)) return `; Electron verlangt Node ≥ ${need.join('.')}, hier läuft ${running}`;
  }
  return '';
}

/** The one line before the web host starts. @param {string} reason @param {string} retry */
export function fallbackLine(reason, retry = RETRY_COMMAND) {
  return `Kein Electron-Fenster: ${reason}. Kladde startet stattdessen im Browser; erneut versuchen mit „${retry}“.`;
}

/**
 * The Electron executable, downloaded first if need be (announced in one line; the package shows its own
 * progress), or the reason there is none.
 * @param {NodeJS.ProcessEnv} env @param {(line: string) => void} say
 * @returns {Promise<{ executable: string } | { reason: string, retry: string }>}
 */
export async function resolveElectron(env, say) {
  const dir = electronPackageDir(env);
  if (!dir) return { reason: 'das npm-Paket „electron“ fehlt', retry: 'npm install' };
  const present = binaryPresent(dir, env);
  if (!present && skipDownload(env)) {
    return { reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD ist gesetzt, also wird nichts heruntergeladen', retry: RETRY_COMMAND };
  }
  if (!present) say(DOWNLOAD_LINE);
  try {
    // The package's main module is the executable's path; it runs the package's installer when the binary is missing.
    const executable = createRequire(import.meta.url)(dir);
    if (typeof executable === 'string' && existsSync(executable)) return { executable };
    return { reason: `das Electron-Programm fehlt (${String(executable)})`, retry: RETRY_COMMAND };
  } catch {
    return { reason: await diagnose(dir, env), retry: RETRY_COMMAND };
  }
}

/** @param {string} dir @param {NodeJS.ProcessEnv} env */
async function diagnose(dir, env) {
  /** @type {{ version?: string, engines?: { node?: string } }} */
  let pkg = {};
  try {
    pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    // A package without a readable package.json: the probe below still says something useful.
  }
  const target = downloadTarget(env, pkg.version ?? '0.0.0');
  const found = target.supported ? await probe(target.url) : null;
  return failureReason(target, found) + nodeNote(pkg.engines?.node);
}
