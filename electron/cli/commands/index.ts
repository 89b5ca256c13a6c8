import type { RegisterCommand } from '../program';

/** Every `a2a` command, in the order `a2a --help` lists them. */
export const commands: readonly RegisterCommand[] = [];
