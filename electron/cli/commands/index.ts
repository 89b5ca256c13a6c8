import type { RegisterCommand } from '../program';
import { checkCommand } from './check';
import { decodeCommand } from './decode';
import { execCommand } from './exec';
import { fuzzCommand } from './fuzz';
import { proxyCommand } from './proxy';
import { reportCommand } from './report';
import { runCommand } from './run';
import { simulatorCommand } from './simulator';
import { webCommand } from './web';

/** Every `a2a` command, in the order `a2a --help` lists them. */
export const commands: readonly RegisterCommand[] = [
  webCommand,
  decodeCommand,
  simulatorCommand,
  proxyCommand,
  execCommand,
  checkCommand,
  reportCommand,
  runCommand,
  fuzzCommand,
];
