import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { formatSummary, runStages, type Stage } from './stages.mjs';

/**
 * A stage that runs a Node script: real child processes, so the output and exit codes are the
 * ones a real stage gives.
 */
function node(name: string, script: string, after?: readonly string[]): Stage {
  return { name, command: process.execPath, args: ['-e', script], ...(after ? { after } : {}) };
}

function collect() {
  const printed: string[] = [];
  return { printed, print: (text: string) => void printed.push(text) };
}

describe('runStages', () => {
  it('runs a stage only after the stages it waits for, and prints each output as one block', async () => {
    const { printed, print } = collect();
    const results = await runStages(
      [
        node('build', 'for (const l of ["b1","b2","b3"]) process.stdout.write(l + "\\n")'),
        node('e2e', 'process.stdout.write("e1\\n"); process.stderr.write("e2\\n")', ['build']),
      ],
      { concurrency: 2, print },
    );
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['build', 'passed'],
      ['e2e', 'passed'],
    ]);
    const blocks = printed.filter((text) => !text.endsWith(': started\n'));
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(/^── build: passed, \d+\.\d s\nb1\nb2\nb3\n$/);
    expect(blocks[1]).toMatch(/^── e2e: passed, \d+\.\d s\ne1\ne2\n$/);
    expect(printed.indexOf('── e2e: started\n')).toBeGreaterThan(printed.indexOf(blocks[0]!));
  });

  it('runs independent stages at the same time, up to the concurrency', async () => {
    // Each stage connects to this server and waits for it to hang up, which it does only once
    // both are connected: run one after the other, the first would never end.
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      if (sockets.length === 2) for (const each of sockets) each.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const dial = `require('node:net').connect(${String(port)}, '127.0.0.1').resume()`;
    const { print } = collect();
    const results = await runStages([node('left', dial), node('right', dial)], {
      concurrency: 2,
      print,
    });
    server.close();
    expect(results.map((r) => r.status)).toEqual(['passed', 'passed']);
  });

  it('fails a stage that exits non-zero, runs what does not depend on it, and skips what does', async () => {
    const { printed, print } = collect();
    const results = await runStages(
      [
        node('lint', 'process.stderr.write("1 problem\\n"); process.exit(3)'),
        node('unit', ''),
        node('e2e', '', ['lint']),
      ],
      { concurrency: 1, print },
    );
    expect(results).toEqual([
      expect.objectContaining({ name: 'lint', status: 'failed', reason: 'exit 3' }),
      expect.objectContaining({ name: 'unit', status: 'passed' }),
      { name: 'e2e', status: 'not run', ms: 0, reason: 'lint did not pass' },
    ]);
    expect(printed).toContain('── e2e: not run (lint did not pass)\n');
    expect(printed.find((text) => text.startsWith('── lint: failed'))).toMatch(/1 problem\n$/);
  });

  it('reports a command that cannot start as a failed stage', async () => {
    const { print } = collect();
    const [result] = await runStages(
      [{ name: 'missing', command: '/nonexistent/a2a-no-such-command', args: [] }],
      { concurrency: 1, print },
    );
    expect(result).toMatchObject({ name: 'missing', status: 'failed' });
    expect(result?.reason).toMatch(/ENOENT/);
  });

  it('refuses a stage that waits for a stage that does not exist', () => {
    expect(() =>
      runStages([node('e2e', '', ['biuld'])], { concurrency: 1, print: () => undefined }),
    ).toThrow('stage "e2e" waits for unknown stage "biuld"');
  });

  it('summarises each stage and the total', () => {
    expect(
      formatSummary(
        [
          { name: 'typecheck', status: 'passed', ms: 61_234 },
          { name: 'e2e', status: 'not run', ms: 0, reason: 'build did not pass' },
        ],
        200_000,
      ),
    ).toBe('  typecheck  passed   61.2 s\n  e2e        not run\n  total               200.0 s\n');
  });
});
