#!/usr/bin/env node
// `npm start`: build what is stale, then open the harness. In Electron when its runtime is
// installed; otherwise try Electron's own installer once and, when that fails (no network),
// say so in one line and start browser mode, which prints the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const INSTALL_TIMEOUT_MS = 120_000;

/** What the build reads, and what it writes. */
const SOURCES = [
  'electron',
  'shared',
  'renderer',
  'package.json',
  'electron.vite.config.ts',
  'tsconfig.base.json',
];
const OUTPUTS = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

/** Newest modification time under `path` (tests do not go into the bundles, so they do not count). */
/** @param {string} path */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isStale() {
  const outputs = OUTPUTS.map((p) => join(root, p));
  if (outputs.some((p) => !existsSync(p))) return true;
  const oldestOutput = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  return Math.max(...SOURCES.map((p) => newestMtime(join(root, p)))) > oldestOutput;
}

function build() {
  process.stdout.write('Building the harness (sources changed since the last build)…\n');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('start: the build failed (see above)\n');
    process.exit(result.status ?? 1);
  }
}

/** The Electron binary, found without `require('electron')` (which would try to download it). */
function electronBinary() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(
    root,
    'node_modules',
    'electron',
    'dist',
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(binary) ? binary : undefined;
}

/** Runs Electron's own installer quietly; resolves to why it failed, or undefined on success. */
function installElectron() {
  process.stdout.write('Electron runtime not installed: trying to download it…\n');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron', 'install.js')],
    {
      cwd: root,
      stdio: 'ignore',
      timeout: INSTALL_TIMEOUT_MS,
    },
  );
  if (/** @type {NodeJS.ErrnoException | undefined} */ (result.error)?.code === 'ETIMEDOUT')
    return 'download timed out';
  if (result.status !== 0) return 'download failed';
  return electronBinary() === undefined ? 'download left no binary' : undefined;
}

/** Runs a child in the foreground: signals go to it, and its exit code becomes ours. */
/**
 * @param {string} command
 * @param {string[]} args
 */
function foreground(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1);
  });
}

if (isStale()) build();

let binary = electronBinary();
let reason;
if (binary === undefined) {
  reason = installElectron();
  binary = electronBinary();
}
if (binary !== undefined) {
  foreground(binary, [root]);
} else {
  process.stdout.write(`Electron runtime unavailable (${reason}): starting browser mode\n`);
  foreground(process.execPath, [join(root, 'bin', 'a2a.mjs'), 'web']);
}
