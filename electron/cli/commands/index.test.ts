import { describe, expect, it } from 'vitest';
import { buildProgram } from '../program';
import { commands, commandsFor } from './index';

/** Where the bundle's entry would say its neighbours are; nothing here runs them. */
const context = { fuzzWorker: new URL('file:///nowhere/fuzz-worker.js'), rendererDir: '/nowhere' };

const names = async (argv: string[]) =>
  buildProgram(await commandsFor(argv, context)).commands.map((command) => command.name());

describe('commandsFor', () => {
  it('loads only the command a command line names', async () => {
    expect(await names(['check', 'trace.jsonl'])).toEqual(['check']);
    expect(await names(['fuzz', '--runs', '10'])).toEqual(['fuzz']);
  });

  it('loads every command, in help order, when none is named (help, version, a typo)', async () => {
    const all = commands.map((command) => command.name);
    expect(await names([])).toEqual(all);
    expect(await names(['--help'])).toEqual(all);
    expect(await names(['chek'])).toEqual(all);
  });

  it('names each command as the command registers itself', async () => {
    for (const command of commands)
      expect(await names([command.name]), command.name).toEqual([command.name]);
  });
});
