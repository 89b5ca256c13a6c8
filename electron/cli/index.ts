import { buildProgram, runProgram } from './program';
import { commands } from './commands';
import { useFuzzWorkerEntry } from './commands/fuzz';

// This file is the bundle's entry (out/main/cli.js): the worker entry is built beside it.
useFuzzWorkerEntry(new URL('./fuzz-worker.js', import.meta.url));

const program = buildProgram(commands);
const code = await runProgram(program, process.argv.slice(2));
process.exitCode = code;
