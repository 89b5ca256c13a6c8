// @ts-check
// Runs the stages of `npm test` side by side where they do not depend on each other (README
// "Testing"): each stage is a child process whose output is held and printed as one block when
// it ends, so two stages never interleave their lines, and a failed stage fails the run.
import { spawn } from 'node:child_process';

/**
 * @typedef {object} Stage
 * @property {string} name
 * @property {string} command the executable
 * @property {readonly string[]} args
 * @property {readonly string[]} [after] stages that must pass first
 */

/**
 * @typedef {object} StageResult
 * @property {string} name
 * @property {'passed' | 'failed' | 'not run'} status
 * @property {number} ms wall time (0 when not run)
 * @property {string} [reason] why it failed or did not run
 */

/**
 * Stages in the order given (that order is the priority when more are ready than may run), at
 * most `concurrency` at once; a stage runs once every stage it waits for has passed, and is
 * `not run` when one of them did not pass.
 * @param {readonly Stage[]} stages
 * @param {{ concurrency: number, env?: NodeJS.ProcessEnv, cwd?: string,
 *   print: (text: string) => void, now?: () => number }} options
 * @returns {Promise<StageResult[]>} in the order of `stages`
 */
export function runStages(stages, options) {
  const known = new Set(stages.map((stage) => stage.name));
  for (const stage of stages)
    for (const dependency of stage.after ?? [])
      if (!known.has(dependency))
        throw new Error(`stage "${stage.name}" waits for unknown stage "${dependency}"`);

  const now = options.now ?? (() => performance.now());
  /** @type {Map<string, StageResult>} */
  const results = new Map();
  const running = new Set();

  return new Promise((resolveAll) => {
    const settle = () => {
      for (const stage of stages) {
        if (results.has(stage.name) || running.has(stage.name)) continue;
        const waits = stage.after ?? [];
        const blocked = waits.find((name) => {
          const result = results.get(name);
          return result !== undefined && result.status !== 'passed';
        });
        if (blocked !== undefined) {
          results.set(stage.name, {
            name: stage.name,
            status: 'not run',
            ms: 0,
            reason: `${blocked} did not pass`,
          });
          options.print(`── ${stage.name}: not run (${blocked} did not pass)\n`);
          continue;
        }
        const ready = waits.every((name) => results.get(name)?.status === 'passed');
        if (!ready || running.size >= options.concurrency) continue;
        start(stage);
      }
      if (results.size === stages.length)
        resolveAll(stages.map((stage) => /** @type {StageResult} */ (results.get(stage.name))));
    };

    /** @param {Stage} stage */
    const start = (stage) => {
      running.add(stage.name);
      const began = now();
      options.print(`── ${stage.name}: started\n`);
      /** @type {Buffer[]} */
      const output = [];
      const child = spawn(stage.command, [...stage.args], {
        cwd: options.cwd,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
      /** @param {'passed' | 'failed'} status @param {string} [reason] */
      const finish = (status, reason) => {
        if (!running.delete(stage.name)) return;
        const ms = now() - began;
        const result = {
          name: stage.name,
          status,
          ms,
          ...(reason === undefined ? {} : { reason }),
        };
        results.set(stage.name, result);
        const text = Buffer.concat(output).toString('utf8');
        const heading = `── ${stage.name}: ${status}${reason === undefined ? '' : ` (${reason})`}, ${formatSeconds(ms)}`;
        options.print(`${heading}\n${text}${text === '' || text.endsWith('\n') ? '' : '\n'}`);
        settle();
      };
      child.once('error', (error) => finish('failed', error.message));
      child.once('close', (code, signal) => {
        if (code === 0) finish('passed');
        else finish('failed', signal === null ? `exit ${String(code)}` : `signal ${signal}`);
      });
    };

    settle();
  });
}

/** @param {number} ms */
export function formatSeconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * One line per stage, for the end of the run.
 * @param {readonly StageResult[]} results
 * @param {number} totalMs
 */
export function formatSummary(results, totalMs) {
  const width = Math.max(...results.map((result) => result.name.length));
  const lines = results.map((result) =>
    `  ${result.name.padEnd(width)}  ${result.status.padEnd(7)}  ${
      result.status === 'not run' ? '' : formatSeconds(result.ms)
    }`.trimEnd(),
  );
  return `${lines.join('\n')}\n  ${'total'.padEnd(width)}  ${''.padEnd(7)}  ${formatSeconds(totalMs)}\n`;
}
