// @ts-check
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** The repository root: this file sits in `<root>/scripts/lint/`. */
const ROOT = resolve(import.meta.dirname, '..', '..');

/** Path aliases of the tsconfigs and the bundler config, as root-relative folders. */
const ALIASES = /** @type {const} */ ([['@shared', 'shared']]);

/**
 * Where an import lands, relative to the repository root (`/`-separated), or undefined for a
 * package import (a bare name: `no-restricted-imports` judges those by name).
 * @param {string} source the import's specifier
 * @param {string} importer absolute path of the importing file
 * @returns {string | undefined}
 */
function landing(source, importer) {
  let target;
  if (source.startsWith('.')) target = resolve(dirname(importer), source);
  else {
    const alias = ALIASES.find(([name]) => source === name || source.startsWith(`${name}/`));
    if (alias === undefined) return undefined;
    target = resolve(ROOT, alias[1], source.slice(alias[0].length + 1));
  }
  const inRoot = relative(ROOT, target);
  return isAbsolute(inRoot) ? target : inRoot.split(sep).join('/');
}

/**
 * @param {string} path root-relative
 * @param {readonly string[]} allowed root-relative folders or files
 */
function isAllowed(path, allowed) {
  return allowed.some((entry) => path === entry || path.startsWith(`${entry}/`));
}

/**
 * `folder-boundaries/allowed-folders`: a file may import only from the folders it is given, judged
 * by where the import resolves, not how it is spelled (DESIGN §3, STYLE "Folders are
 * boundaries"). A glob on the specifier cannot tell `../../main/ipc` written in
 * `electron/core/x/` (the main process) from the same text one folder deeper (still the core).
 * @type {import('eslint').Rule.RuleModule}
 */
const allowedFolders = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports may resolve only into the listed folders of the repository.' },
    schema: [
      {
        type: 'object',
        properties: {
          allow: { type: 'array', items: { type: 'string' }, minItems: 1 },
          message: { type: 'string' },
        },
        required: ['allow', 'message'],
        additionalProperties: false,
      },
    ],
    messages: { outside: "'{{source}}' resolves to {{target}}: {{message}}" },
  },
  create(context) {
    const { allow, message } = /** @type {{ allow: string[]; message: string }} */ (
      context.options[0]
    );
    /** @param {import('estree').Node | null | undefined} node */
    const check = (node) => {
      if (node?.type !== 'Literal' || typeof node.value !== 'string') return;
      const target = landing(node.value, context.filename);
      if (target === undefined || isAllowed(target, allow)) return;
      context.report({
        node,
        messageId: 'outside',
        data: { source: node.value, target, message },
      });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

/** The plugin that carries the rule (registered in eslint.config.js). */
export default { rules: { 'allowed-folders': allowedFolders } };
