import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the built-in packs sit inside the repository and inside an installed app. */
const PACKS = join('resources', 'scenarios');

/** How far up from a module the search goes (`out/main/chunks/x.js` is three levels below). */
const MAX_LEVELS = 6;

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The folder of the built-in scenario packs (`resources/scenarios`), found from where this code
 * runs: the bundled CLI and web host (`out/main/cli.js` → `../../resources/scenarios`), the
 * Electron main bundle (`out/main/index.js` or a chunk under it), and the sources under tests
 * (`electron/core/scenarios/…` → `../../../resources/scenarios`) all find it by walking up from
 * their own file. A packaged Electron app that ships the packs as extra resources has them under
 * `process.resourcesPath/scenarios`, tried last. Undefined when there is none.
 */
export function findBuiltInScenariosDir(from: string = import.meta.url): string | undefined {
  let dir = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (let level = 0; level <= MAX_LEVELS; level++) {
    const candidate = join(dir, PACKS);
    if (isFolder(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Electron adds `resourcesPath` to `process`; plain Node has no such field.
  const resources = (process as { resourcesPath?: unknown }).resourcesPath;
  if (typeof resources === 'string') {
    const candidate = join(resources, 'scenarios');
    if (isFolder(candidate)) return candidate;
  }
  return undefined;
}
