/**
 * The PHP files the test server writes. The shared ones are constant text (their hash names the cache folder, so
 * changing them here rebuilds the cache); only wp-instance.php differs per running server.
 */

/** A PHP single-quoted string literal. */
export function phpString(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}

/**
 * wp-config.php of the shared WordPress copy. Everything that differs between servers running at the same time
 * (database socket, port, uploads folder) comes from the instance folder named in KLADDE_WP_INSTANCE.
 */
export const WP_CONFIG_PHP = `<?php
// Written by Kladde's test support (tests/support/wordpress); rebuilt with the cache.
$kladde_instance = getenv('KLADDE_WP_INSTANCE');
if (!is_string($kladde_instance) || !is_file($kladde_instance . '/wp-instance.php')) {
    header('HTTP/1.1 500 Internal Server Error');
    exit("KLADDE_WP_INSTANCE does not name a Kladde WordPress test instance\\n");
}
require $kladde_instance . '/wp-instance.php';
require __DIR__ . '/wp-salts.php';

define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');

// Application Passwords are offered over plain HTTP only in a local environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('FS_METHOD', 'direct');
define('WP_DEBUG', false);

$table_prefix = 'wp_';

if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
`;

/**
 * Router for \`php -S\`: real files (and folders with an index.php) are served by the built-in server, every
 * other path goes to WordPress's front controller, which makes /wp-json/ and pretty permalinks work.
 */
export const ROUTER_PHP = `<?php
$kladde_path = rawurldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if ($kladde_path !== '/' && file_exists($_SERVER['DOCUMENT_ROOT'] . $kladde_path)) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
chdir($_SERVER['DOCUMENT_ROOT']);
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
`;

/**
 * Non-interactive install: creates the database, runs wp_install() in German, sets the Berlin time zone and
 * /%postname%/ permalinks, and creates an application password. Reads its settings as JSON from argv[1] and
 * prints the result as JSON on the last line.
 */
export const INSTALL_PHP = `<?php
$kladde = json_decode($argv[1], true);

$kladde_db = new mysqli('localhost', 'root', '', '', 0, $kladde['socket']);
$kladde_db->query('CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci');
$kladde_db->close();

define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = parse_url($kladde['home'], PHP_URL_HOST) . ':' . parse_url($kladde['home'], PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

// Pluggable: nobody needs the "your new site" e-mail, and there is no mail server.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}

require $kladde['abspath'] . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// Install in German from the start, so default content (category "Allgemein", post "Hallo Welt!") is German too.
$GLOBALS['locale'] = 'de_DE';
load_default_textdomain('de_DE');
$GLOBALS['wp_locale'] = new WP_Locale();

$kladde_result = wp_install('Kladde Testblog', $kladde['user'], $kladde['email'], true, '', $kladde['password'], 'de_DE');
if (is_wp_error($kladde_result)) {
    fwrite(STDERR, 'wp_install failed: ' . $kladde_result->get_error_message() . "\\n");
    exit(1);
}
$kladde_user_id = (int) $kladde_result['user_id'];

update_option('WPLANG', 'de_DE');
// de_DE ships a fixed +2 offset as default; a real German blog uses the named zone with daylight saving time.
update_option('timezone_string', 'Europe/Berlin');
update_option('gmt_offset', '');
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
flush_rewrite_rules(false);

$kladde_created = WP_Application_Passwords::create_new_application_password($kladde_user_id, array('name' => 'Kladde Tests'));
if (is_wp_error($kladde_created)) {
    fwrite(STDERR, 'application password failed: ' . $kladde_created->get_error_message() . "\\n");
    exit(1);
}
echo "\\n" . json_encode(array('userId' => $kladde_user_id, 'appPassword' => $kladde_created[0])) . "\\n";
`;

/** The per-server part of the configuration; WP_HOME and WP_SITEURL follow the port of each start. */
export function instanceConfigPhp(options: { socket: string; port: number; uploads: string }): string {
  const home = `http://127.0.0.1:${options.port}`;
  return `<?php
define('DB_HOST', ${phpString(`localhost:${options.socket}`)});
define('WP_HOME', ${phpString(home)});
define('WP_SITEURL', ${phpString(home)});
define('UPLOADS', ${phpString(options.uploads)});
`;
}

/** The authentication keys and salts of one cache, random once per build. */
export function saltsPhp(random: (bytes: number) => string): string {
  const names = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
  return `<?php\n${names.map((name) => `define(${phpString(name)}, ${phpString(random(32))});`).join('\n')}\n`;
}

/**
 * A script that loads WordPress and then runs `code`. `$kladde_input` holds the decoded JSON input, so callers
 * pass data without quoting it into PHP source.
 */
export function runnerPhp(options: { abspath: string; port: number; inputFile: string; code: string }): string {
  return `<?php
$_SERVER['HTTP_HOST'] = ${phpString(`127.0.0.1:${options.port}`)};
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
require ${phpString(`${options.abspath}wp-load.php`)};
$kladde_input = json_decode(file_get_contents(${phpString(options.inputFile)}), true);
${options.code}
`;
}
