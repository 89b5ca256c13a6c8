import { buildProgram, runProgram } from './program';
import { commands } from './commands';

const program = buildProgram(commands);
const code = await runProgram(program, process.argv.slice(2));
process.exitCode = code;
