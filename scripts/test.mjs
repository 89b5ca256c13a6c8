#!/usr/bin/env node
// @ts-check
// `npm test`: typecheck, lint, the unit suite, the build, the end-to-end suite and the
// integrator example. Stages that do not need each other run side by side, two at a time by
// default (`A2A_TEST_JOBS=N` changes it; 1 runs them one after the other), and each stage's
// output is printed whole when it ends (README "Testing").
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { formatSummary, runStages } from './test/stages.mjs';

const ROOT = resolve(import.meta.dirname, '..');

/** @param {string} message @returns {never} */
function fail(message) {
  process.stderr.write(`test: ${message}\n`);
  process.exit(2);
}

function jobs() {
  const fromEnv = process.env.A2A_TEST_JOBS;
  if (fromEnv === undefined || fromEnv === '') return Math.max(2, availableParallelism());
  const count = Number(fromEnv);
  if (!Number.isInteger(count) || count < 1)
    fail(`A2A_TEST_JOBS must be a whole number from 1, not "${fromEnv}"`);
  return count;
}

// npm sets npm_execpath to its own CLI when it runs a script; outside npm, `npm` on the PATH.
const npmCli = process.env.npm_execpath;
/** @param {string} script */
const npmRun = (script) =>
  npmCli !== undefined && npmCli.endsWith('.js')
    ? { command: process.execPath, args: [npmCli, 'run', '--silent', script] }
    : { command: 'npm', args: ['run', '--silent', script] };

/**
 * In priority order: the build, then the end-to-end suite that waits for it (the longest chain),
 * then the stages that need nothing; the example is short and goes last.
 * @type {import('./test/stages.mjs').Stage[]}
 */
const STAGES = [
  { name: 'build', ...npmRun('build') },
  { name: 'e2e', ...npmRun('test:e2e'), after: ['build'] },
  { name: 'lint', ...npmRun('lint') },
  { name: 'typecheck', ...npmRun('typecheck') },
  { name: 'unit', ...npmRun('test:unit') },
  { name: 'example', ...npmRun('test:example'), after: ['build'] },
];

const began = performance.now();
const results = await runStages(STAGES, {
  concurrency: jobs(),
  cwd: ROOT,
  // Children write to pipes, not the terminal: keep their colours when ours is a terminal.
  env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
  print: (text) => void process.stdout.write(text),
});
process.stdout.write(`\nnpm test:\n${formatSummary(results, performance.now() - began)}`);
process.exitCode = results.every((result) => result.status === 'passed') ? 0 : 1;
