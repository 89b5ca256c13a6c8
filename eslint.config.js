// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinModules } from 'node:module';
import folderBoundaries from './scripts/lint/folder-boundaries.mjs';

/** Bare Node built-in names are matched exactly (as `paths`), so a local `./events` stays allowed. */
const bareBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

/**
 * Builds a `no-restricted-imports` rule that names why a folder may not import something;
 * `noNode` (the message) adds every Node built-in, bare or `node:`-prefixed.
 */
function forbid(
  /** @type {Array<{group: string[], message: string}>} */ patterns,
  /** @type {string | undefined} */ noNode = undefined,
) {
  const paths = noNode ? bareBuiltins.map((name) => ({ name, message: noNode })) : [];
  const nodePatterns = noNode ? [{ group: ['node:*'], message: noNode }] : [];
  return {
    'no-restricted-imports': ['error', { paths, patterns: [...nodePatterns, ...patterns] }],
  };
}

/**
 * Builds the `folder-boundaries/allowed-folders` rule: the repository folders (or files) a zone's
 * shipped code may import from, judged by where each import resolves.
 */
function onlyFrom(/** @type {string[]} */ allow, /** @type {string} */ message) {
  return { 'folder-boundaries/allowed-folders': ['error', { allow, message }] };
}

/** Tests beside the code may reach real parts across a boundary; what ships may not. */
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

/** Globals of Node and the DOM that environment-neutral code must not touch. */
const HOST_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'process',
  'Buffer',
  'global',
  'require',
  'module',
  '__dirname',
  '__filename',
].map((name) => ({ name, message: `shared/ is environment-neutral: no ${name}.` }));

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tmp/**',
      'examples/*/node_modules/**',
      'examples/*/test-results/**',
      // A config bundled for the moment it loads (electron-vite's and vite's own loaders write it
      // beside the config and delete it): under `npm test` the build runs beside this lint,
      // which would otherwise list the file and then find it gone.
      '**/*.config.ts.*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.test.json',
          './tsconfig.node.json',
          './tsconfig.web.json',
          './tsconfig.scripts.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  { plugins: { 'folder-boundaries': folderBoundaries } },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'examples/**/*.ts'],
    rules: {
      // Tests assert on values whose types are loose by design (parsed JSON, DOM nodes).
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The Node scripts and the `a2a` launcher: JavaScript checked by tsc through JSDoc
    // (tsconfig.scripts.json). Values from JSON.parse, child-process output and dynamic imports
    // are `any` in JavaScript, so the no-unsafe family would only ask for a cast at each of them;
    // the typed code around them is what tsc checks.
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Scripts that drive the real page pass functions that run in it.
    files: ['scripts/screenshots.mjs', 'scripts/bench/cases/ui-trace-open.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // Folders are boundaries (DESIGN §3, STYLE "Folders are boundaries"): the arrows are enforced
  // here, not hoped for, and scripts/lint/boundaries.test.ts breaks each one on purpose.
  {
    files: ['shared/**/*.ts'],
    ignores: TESTS,
    languageOptions: { globals: {} },
    rules: {
      ...forbid(
        [
          {
            group: ['electron', 'electron/*'],
            message: 'shared/ is environment-neutral: no Electron.',
          },
          {
            group: ['ws', 'react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
            message: 'shared/ is pure: no transport or UI libraries.',
          },
        ],
        'shared/ is environment-neutral: no Node built-ins.',
      ),
      ...onlyFrom(['shared'], 'shared/ imports nothing from the other folders.'),
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        [
          {
            group: ['electron', 'electron/*'],
            message: 'The renderer talks to the core only through HarnessApi.',
          },
          { group: ['ws'], message: 'The renderer never opens a socket to the payment app.' },
          {
            group: ['**/electron/**'],
            message: 'The renderer talks to the core only through HarnessApi.',
          },
        ],
        'The renderer has no Node.',
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: TESTS,
    rules: onlyFrom(
      ['renderer', 'shared'],
      'The renderer talks to the core only through HarnessApi.',
    ),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: forbid([
      {
        group: ['electron', 'electron/*'],
        message: 'The harness core is Electron-free: it runs in the CLI, the web host and tests.',
      },
      { group: ['**/renderer/**'], message: 'The core never imports the renderer.' },
    ]),
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: TESTS,
    rules: onlyFrom(
      ['electron/core', 'shared', 'package.json'],
      'The harness core runs inside main, the web host and the CLI: it imports none of them.',
    ),
  },
  {
    files: ['electron/web/**/*.ts'],
    ignores: TESTS,
    rules: onlyFrom(
      ['electron/web', 'electron/core', 'shared', 'package.json'],
      'The browser-mode host runs without Electron and without the CLI around it.',
    ),
  },
  {
    files: ['electron/cli/**/*.ts'],
    ignores: TESTS,
    rules: onlyFrom(
      ['electron/cli', 'electron/web', 'electron/core', 'shared', 'package.json'],
      'The CLI runs without Electron: it never imports the main process.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // The one zod-free entry: `@shared/ipc/schemas` and `/wire` would pull zod into the
              // sandboxed preload (the built bundle is checked too, in the main-process test).
              regex: '^(?!electron$|@shared/ipc$)',
              message: 'The preload imports only electron and the @shared/ipc entry.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', '*.config.ts', 'e2e/**/*.ts', 'examples/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
