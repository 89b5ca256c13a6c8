import { buildProgram, runProgram } from './program';
import { commandsFor } from './commands';

const argv = process.argv.slice(2);
// This file is the bundle's entry (out/main/cli.js): the worker entry is built beside it.
const program = buildProgram(
  await commandsFor(argv, { fuzzWorker: new URL('./fuzz-worker.js', import.meta.url) }),
);
const code = await runProgram(program, argv);
process.exitCode = code;
