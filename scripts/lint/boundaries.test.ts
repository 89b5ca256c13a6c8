import path, { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The folder arrows of eslint.config.js (DESIGN §3, STYLE "Folders are boundaries"), each broken
 * on purpose: a rule that silently stops matching (a renamed folder, a glob that no longer
 * fits) fails here instead of letting the import through. The snippets are linted as if they sat
 * at the given path, with the repository's own config; type information is switched off because
 * the files do not exist (the boundary rules do not need it).
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const BOUNDARY_RULES = ['no-restricted-imports', 'folder-boundaries/allowed-folders'];

let eslint: ESLint;

// Loading the config and its plugins is the slow part; it happens once, here, not in a test.
beforeAll(async () => {
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
  });
  await eslint.lintText('export {};\n', { filePath: resolve(ROOT, 'shared/warm-up.ts') });
}, 120_000);

interface Found {
  readonly rule: string | null;
  readonly message: string;
}

async function lint(path: string, code: string): Promise<Found[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message }));
}

/** One import of `source` that uses what it imports, so no other rule has a word to say. */
const importing = (source: string): string =>
  `import { thing } from '${source}';\nexport const used = thing;\n`;

interface Breach {
  readonly path: string;
  readonly code: string;
  /** A phrase of the message that names the broken arrow. */
  readonly says: string;
}

const at = (path: string, source: string, says: string): Breach => ({
  path,
  code: importing(source),
  says,
});

const SHARED = 'shared/protocol/boundary-fixture.ts';
const RENDERER = 'renderer/src/features/boundary-fixture.ts';
const CORE = 'electron/core/harness/boundary-fixture.ts';
const CORE_DEEP = 'electron/core/simulator/fronts/boundary-fixture.ts';
const WEB = 'electron/web/boundary-fixture.ts';

/** The relative specifier a fixture at `from` writes for the repository path `target`. */
const rel = (from: string, target: string): string =>
  path.posix.relative(path.posix.dirname(from), target);
const CLI = 'electron/cli/commands/boundary-fixture.ts';
const PRELOAD = 'electron/preload/boundary-fixture.ts';

const BREACHES: readonly Breach[] = [
  at(SHARED, 'node:fs', 'no Node built-ins'),
  at(SHARED, 'path', 'no Node built-ins'),
  at(SHARED, 'electron', 'no Electron'),
  at(SHARED, 'react', 'no transport or UI libraries'),
  at(SHARED, 'ws', 'no transport or UI libraries'),
  at(SHARED, '../../electron/core/harness', 'nothing from the other folders'),
  at(SHARED, '../../renderer/src/store', 'nothing from the other folders'),
  at(SHARED, '../../scripts/lint/folder-boundaries.mjs', 'nothing from the other folders'),
  {
    path: SHARED,
    code: 'export const width = (): number => window.innerWidth;\n',
    says: 'no window',
  },
  { path: SHARED, code: 'export const env = (): unknown => process.env;\n', says: 'no process' },
  {
    path: SHARED,
    code: "export const bytes = (): unknown => Buffer.from('x');\n",
    says: 'no Buffer',
  },
  {
    path: SHARED,
    code: 'export const doc = (): unknown => document.title;\n',
    says: 'no document',
  },
  at(RENDERER, 'node:path', 'no Node'),
  at(RENDERER, 'fs', 'no Node'),
  at(RENDERER, 'electron', 'only through HarnessApi'),
  at(RENDERER, 'electron/main', 'only through HarnessApi'),
  at(RENDERER, rel(RENDERER, 'electron/core/harness'), 'only through HarnessApi'),
  at(RENDERER, 'ws', 'never opens a socket'),
  at(CORE, 'electron', 'Electron-free'),
  at(CORE, '../../main/ipc', 'imports none of them'),
  at(CORE, '../../web/web-host', 'imports none of them'),
  at(CORE, '../../cli/program', 'imports none of them'),
  at(CORE_DEEP, rel(CORE_DEEP, 'electron/main/window'), 'imports none of them'),
  at(CORE, rel(CORE, 'renderer/src/store'), 'never imports the renderer'),
  at(WEB, 'electron', 'Electron-free'),
  at(WEB, '../main/ipc', 'without Electron and without the CLI'),
  at(WEB, '../cli/program', 'without Electron and without the CLI'),
  at(CLI, 'electron', 'Electron-free'),
  at(CLI, '../../main/index', 'never imports the main process'),
  at(PRELOAD, '@shared/ipc/schemas', 'only electron and the @shared/ipc entry'),
  at(PRELOAD, '@shared/ipc/wire', 'only electron and the @shared/ipc entry'),
  at(PRELOAD, '../../shared/ipc', 'only electron and the @shared/ipc entry'),
  at(PRELOAD, 'zod', 'only electron and the @shared/ipc entry'),
  at(PRELOAD, 'node:fs', 'only electron and the @shared/ipc entry'),
];

describe('the folder boundaries of eslint.config.js', () => {
  it.each(BREACHES.map((b) => [`${b.path}: ${b.code.split('\n')[0]!}`, b] as const))(
    'refuses %s',
    async (_name, breach) => {
      const found = await lint(breach.path, breach.code);
      const boundary = found.filter(
        (f) =>
          (f.rule !== null && BOUNDARY_RULES.includes(f.rule)) ||
          f.rule === 'no-restricted-globals',
      );
      expect(boundary.map((f) => f.message).join('\n')).toContain(breach.says);
    },
  );

  const CLEAN: readonly (readonly [string, string])[] = [
    [SHARED, "import { err } from '../result';\nexport const e = err;\n"],
    [SHARED, "import { ok } from '@shared/result';\nexport const o = ok;\n"],
    [
      RENDERER,
      "import { ok } from '@shared/result';\nimport { a } from '../store';\nexport const x = [ok, a];\n",
    ],
    [
      CORE,
      `import { readFileSync } from 'node:fs';\nimport { a } from '../session/journal';\nimport pkg from '${rel(CORE, 'package.json')}';\nimport { ok } from '@shared/result';\nexport const x = [readFileSync, a, pkg, ok];\n`,
    ],
    [
      WEB,
      "import { createServer } from 'node:http';\nimport { a } from '../core/harness';\nexport const x = [createServer, a];\n",
    ],
    [
      CLI,
      "import { a } from '../../web/web-host';\nimport { b } from '../../core/harness';\nexport const x = [a, b];\n",
    ],
    [
      PRELOAD,
      "import { contextBridge } from 'electron';\nimport { buildHarnessApi } from '@shared/ipc';\nexport const x = [contextBridge, buildHarnessApi];\n",
    ],
  ];

  it.each(CLEAN)('lets %s import what its zone may', async (path, code) => {
    expect(await lint(path, code)).toEqual([]);
  });
});

describe('what lint covers', () => {
  it.each([
    'scripts/e2e.mjs',
    'scripts/lib/web-harness.mjs',
    'bin/a2a.mjs',
    'examples/playwright-suite/tests/busy-at-start.spec.ts',
  ])('lints %s (not ignored)', async (path) => {
    expect(await eslint.isPathIgnored(resolve(ROOT, path))).toBe(false);
  });
});
