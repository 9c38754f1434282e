import { execFile } from 'node:child_process';
import { access, constants, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's wordpress package puts WordPress. */
export const DEBIAN_WORDPRESS = '/usr/share/wordpress';

/** The programs the test server runs, found on this machine. */
export interface WordPressTools {
  php: string;
  mariadbd: string;
  mariadbInstallDb: string;
  /** WordPress version from wp-includes/version.php, e.g. "6.1.9". */
  wordpressVersion: string;
}

/** One thing the test server needs and the Debian package that provides it. */
interface Missing {
  what: string;
  aptPackage: string;
}

/** PHP extensions WordPress needs here, by the name `get_loaded_extensions()` reports. */
const PHP_EXTENSIONS: readonly { extension: string; aptPackage: string }[] = [
  { extension: 'mysqli', aptPackage: 'php-mysql' },
  { extension: 'gd', aptPackage: 'php-gd' },
  { extension: 'dom', aptPackage: 'php-xml' },
  { extension: 'curl', aptPackage: 'php-curl' },
  { extension: 'mbstring', aptPackage: 'php-mbstring' },
  // Without intl WordPress skips Unicode normalisation in remove_accents(), so slugs would differ.
  { extension: 'intl', aptPackage: 'php-intl' },
];

/** Files that prove a package is installed; /usr/share/wordpress/wp-config.php alone would not. */
const WORDPRESS_FILES: readonly { file: string; aptPackage: string }[] = [
  { file: `${DEBIAN_WORDPRESS}/wp-settings.php`, aptPackage: 'wordpress' },
  { file: `${DEBIAN_WORDPRESS}/wp-content/languages/de_DE.mo`, aptPackage: 'wordpress-l10n' },
  { file: `${DEBIAN_WORDPRESS}/wp-content/themes/twentytwentythree/style.css`, aptPackage: 'wordpress-theme-twentytwentythree' },
];

/** Raised when the machine lacks what the real WordPress needs; the message says what to install. */
export class WordPressUnavailableError extends Error {
  constructor(readonly missing: readonly Missing[]) {
    const packages = [...new Set(missing.map((m) => m.aptPackage))];
    super(
      `The real WordPress test server cannot start: missing ${missing.map((m) => `${m.what} (apt package ${m.aptPackage})`).join(', ')}. ` +
        `Install with: apt-get install -y --no-install-recommends ${packages.join(' ')}`,
    );
    this.name = 'WordPressUnavailableError';
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function isReadable(file: string): Promise<boolean> {
  try {
    await access(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks a program up on PATH and in the sbin folders, which a non-root PATH often lacks (mariadbd lives there). */
async function findProgram(name: string): Promise<string | null> {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

async function loadedPhpExtensions(php: string): Promise<Set<string>> {
  const { stdout } = await run(php, ['-r', 'echo json_encode(array_map("strtolower", get_loaded_extensions()));']);
  const parsed: unknown = JSON.parse(stdout);
  return new Set(Array.isArray(parsed) ? parsed.filter((e): e is string => typeof e === 'string') : []);
}

async function wordpressVersion(): Promise<string> {
  const source = await readFile(`${DEBIAN_WORDPRESS}/wp-includes/version.php`, 'utf8');
  const match = /^\$wp_version\s*=\s*'([^']+)'/m.exec(source);
  if (!match?.[1]) throw new Error(`Cannot read the WordPress version from ${DEBIAN_WORDPRESS}/wp-includes/version.php`);
  return match[1];
}

/**
 * Finds PHP, MariaDB and Debian's WordPress, or throws {@link WordPressUnavailableError} naming every missing
 * piece at once, so one apt-get line fixes the machine.
 */
export async function findWordPressTools(): Promise<WordPressTools> {
  const missing: Missing[] = [];
  const php = await findProgram('php');
  if (php === null) missing.push({ what: 'the php command', aptPackage: 'php-cli' });
  const mariadbd = await findProgram('mariadbd');
  if (mariadbd === null) missing.push({ what: 'mariadbd', aptPackage: 'mariadb-server' });
  const mariadbInstallDb = await findProgram('mariadb-install-db');
  if (mariadbInstallDb === null) missing.push({ what: 'mariadb-install-db', aptPackage: 'mariadb-server' });
  if (php === null) {
    // Without PHP its extensions are surely missing too; name them now so one apt-get line is enough.
    for (const { extension, aptPackage } of PHP_EXTENSIONS) missing.push({ what: `the PHP extension ${extension}`, aptPackage });
  } else {
    const loaded = await loadedPhpExtensions(php);
    for (const { extension, aptPackage } of PHP_EXTENSIONS) {
      if (!loaded.has(extension)) missing.push({ what: `the PHP extension ${extension}`, aptPackage });
    }
  }
  for (const { file, aptPackage } of WORDPRESS_FILES) {
    if (!(await isReadable(file))) missing.push({ what: file, aptPackage });
  }
  if (missing.length > 0 || php === null || mariadbd === null || mariadbInstallDb === null) {
    throw new WordPressUnavailableError(missing);
  }
  return { php, mariadbd, mariadbInstallDb, wordpressVersion: await wordpressVersion() };
}
