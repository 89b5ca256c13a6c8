#!/usr/bin/env node
// `npm run bench`: bundles the harness core the benchmarks drive (vite, straight from the
// TypeScript sources, so nothing extra is installed), then runs the named cases and prints a
// table and one JSON line. Not part of `npm test`: speed is measured here, never asserted.
//
//   node scripts/bench.mjs [--case NAME]... [--budget MS] [--out FILE] [--list]
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { CASES } from './bench/cases/index.mjs';
import { formatTable, runCases, selectCases, toJson } from './bench/runner.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'out/bench');

/** What the cases get as `core`: the real modules, bundled as the CLI bundles them. */
const CORE_EXPORTS = {
  'electron/core/time/real-clock.ts': ['RealClock'],
  'shared/time/random.ts': ['seededRandom'],
  'electron/core/simulator/index.ts': ['createSimulator', 'freePortFor', 'addressOf'],
  'electron/core/session/index.ts': ['createSessionManager'],
  'electron/core/scenarios/index.ts': ['runSchedule', 'generateSchedule'],
  'electron/core/link/dial.ts': ['dialerFor', 'dialerForUrl'],
  'shared/link/endpoint.ts': ['parseEndpoint'],
  'electron/core/proxy/serve.ts': ['serveProxy'],
};

/** @param {string} message */
function usage(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exitCode = 2;
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        case: { type: 'string', multiple: true, default: [] },
        budget: { type: 'string', default: '2000' },
        out: { type: 'string' },
        list: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  if (args.list) {
    for (const c of CASES) process.stdout.write(`${c.name}\t${c.description}\n`);
    return;
  }
  const budgetMs = Number(args.budget);
  if (!Number.isInteger(budgetMs) || budgetMs < 100 || budgetMs > 600_000) {
    return usage('--budget must be whole milliseconds between 100 and 600000');
  }
  const selected = selectCases(CASES, args.case);
  if (!selected.ok) return usage(selected.error);

  const core = await buildCore();
  const log = (/** @type {string} */ line) => process.stderr.write(`bench: ${line}\n`);
  const results = await runCases(selected.value, { budgetMs, core, log });
  const json = toJson(results, {
    harnessVersion: process.env.npm_package_version ?? null,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    budgetMs,
    at: new Date().toISOString(),
  });
  process.stdout.write(formatTable(results) + '\n\n' + JSON.stringify(json) + '\n');
  if (args.out !== undefined) await writeFile(args.out, JSON.stringify(json, null, 2) + '\n');
  if (results.some((r) => r.error !== undefined)) process.exitCode = 1;
}

/** Bundles one ES module re-exporting CORE_EXPORTS and imports it. */
async function buildCore() {
  const entryId = '\0a2a-bench-core';
  const source = Object.entries(CORE_EXPORTS)
    .map(
      ([file, names]) =>
        `export { ${names.join(', ')} } from ${JSON.stringify(resolve(root, file))};`,
    )
    .join('\n');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { alias: { '@shared': resolve(root, 'shared') } },
    plugins: [
      {
        name: 'a2a-bench-core',
        resolveId: (id) => (id === 'a2a-bench-core' ? entryId : undefined),
        load: (id) => (id === entryId ? source : undefined),
      },
    ],
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: {
        input: { core: 'a2a-bench-core' },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  return import(pathToFileURL(resolve(outDir, 'core.mjs')).href);
}

await main();
