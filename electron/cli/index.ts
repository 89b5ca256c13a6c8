import { fileURLToPath } from 'node:url';
import { buildProgram, runProgram } from './program';
import { commandsFor } from './commands';

const argv = process.argv.slice(2);
// This file is the bundle's entry (out/main/cli.js): the fuzz worker is built beside it and the
// renderer one folder up (out/renderer); the commands' own modules are chunks elsewhere.
const program = buildProgram(
  await commandsFor(argv, {
    fuzzWorker: new URL('./fuzz-worker.js', import.meta.url),
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  }),
);
const code = await runProgram(program, argv);
process.exitCode = code;
