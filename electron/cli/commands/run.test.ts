import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractEmbeddedTrace } from '@shared/report';
import { runInProcess } from '../testing/in-process';
import { createCheckCommand } from './check';
import { createRunCommand } from './run';

const packs = resolve(import.meta.dirname, '../../../resources/scenarios');

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'a2a-run-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
  process.exitCode = undefined;
});

/** Runs `a2a <args>` in-process with captured output. */
function a2a(args: string[], isTTY = false) {
  return runInProcess(args, (io) => [createRunCommand({ ...io, isTTY }), createCheckCommand(io)]);
}

function scenarioFile(name: string, steps: unknown[]): string {
  return JSON.stringify({
    format: 'a2a-scenario',
    version: 1,
    name,
    title: `Scenario ${name}`,
    description: 'Made up by a test.',
    simulator: { initMs: 0, cardMs: 100, authMs: 100 },
    steps,
  });
}

const PASSING = [
  { kind: 'pay', id: 'p1', amount: '5.00' },
  { kind: 'expectOutcome', of: 'p1', outcome: 'approved' },
  { kind: 'expectVerdicts' },
];
const FAILING = [
  { kind: 'pay', id: 'p1', amount: '1.24' },
  { kind: 'expectOutcome', of: 'p1', outcome: 'approved' },
  { kind: 'expectVerdicts' },
];

async function pack(files: Record<string, string>): Promise<string> {
  const dir = join(folder, 'pack');
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('a2a run', () => {
  it('passes every built-in scenario in virtual time and writes JUnit XML and traces', async () => {
    const junit = join(folder, 'out.xml');
    const traces = join(folder, 'traces');
    const { code, stdout, stderr } = await a2a([
      'run',
      packs,
      '--virtual-time',
      '--junit',
      junit,
      '--trace-dir',
      traces,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const files = (await readdir(packs)).filter((f) => f.endsWith('.json'));
    expect(stdout).toMatch(
      new RegExp(
        `^${files.length} scenarios: ${files.length} passed, 0 failed \\(virtual time`,
        'm',
      ),
    );
    expect(stdout).toMatch(/^PASS approve-then-drop \(5500 ms scenario time, \d+ ms\)$/m);
    expect(stdout).toMatch(/^SCENARIO +RESULT +STEPS +SCENARIO TIME +WALL +FAILURE$/m);
    const xml = await readFile(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(files.length);
    expect(xml).toMatch(/<testsuites name="a2a run" tests="\d+" failures="0"/);
    expect(xml).not.toMatch(/<failure/);
    expect(xml).toContain(`trace: ${join(traces, 'busy-at-start.jsonl')}`);
    expect((await readdir(traces)).sort()).toEqual(files.map((f) => f.replace(/json$/, 'jsonl')));
  });

  it('exits 1 when a scenario fails, with the failure in the table and the JUnit XML', async () => {
    const dir = await pack({
      'a-pass.json': scenarioFile('a-pass', PASSING),
      'b-fail.json': scenarioFile('b-fail', FAILING),
    });
    const junit = join(folder, 'out.xml');
    const traces = join(folder, 'traces');
    const { code, stdout } = await a2a([
      'run',
      dir,
      '--virtual-time',
      '--junit',
      junit,
      '--trace-dir',
      traces,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^PASS a-pass /m);
    expect(stdout).toMatch(
      /^FAIL b-fail \(.*\): step 1 \(expect p1 approved\): p1 ended declined, expected approved$/m,
    );
    expect(stdout).toMatch(/^2 scenarios: 1 passed, 1 failed/m);
    expect(stdout).toMatch(/^ {2}skip {2}2 expect every checker to pass — skipped: step 1 failed/m);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/tests="2" failures="1"/);
    expect(xml).toContain(
      '<failure message="step 1 (expect p1 approved): p1 ended declined, expected approved" type="ScenarioFailure">',
    );
    expect(xml).toContain(`trace: ${join(traces, 'b-fail.jsonl')}`);

    // The failing run's trace is a valid trace that a2a check reads (its rules all pass).
    const check = await a2a(['check', join(traces, 'b-fail.jsonl')]);
    expect(check.code).toBe(0);
  });

  it('writes an HTML report per scenario and an index linking them with pass/fail', async () => {
    const dir = await pack({
      'a-pass.json': scenarioFile('a-pass', PASSING),
      'b-fail.json': scenarioFile('b-fail', FAILING),
    });
    const html = join(folder, 'reports');
    const traces = join(folder, 'traces');
    const { code } = await a2a([
      'run',
      dir,
      '--virtual-time',
      '--html',
      html,
      '--trace-dir',
      traces,
    ]);
    expect(code).toBe(1);
    expect((await readdir(html)).sort()).toEqual(['a-pass.html', 'b-fail.html', 'index.html']);
    const index = await readFile(join(html, 'index.html'), 'utf8');
    expect(index).toMatch(/<tr data-scenario="a-pass" data-pass="true"><td><a href="a-pass.html">/);
    expect(index).toMatch(
      /<tr data-scenario="b-fail" data-pass="false"><td><a href="b-fail.html">/,
    );
    expect(index).toContain('2 scenarios: 1 passed, 1 failed');
    const failed = await readFile(join(html, 'b-fail.html'), 'utf8');
    expect(failed).toContain('p1 ended declined, expected approved');
    // Each report carries its run's trace, the same bytes --trace-dir wrote.
    expect(extractEmbeddedTrace(failed)).toEqual({
      ok: true,
      value: await readFile(join(traces, 'b-fail.jsonl'), 'utf8'),
    });
  });

  it('exits 2 when the --html folder cannot be written, before running anything', async () => {
    const file = join(folder, 'plain-file');
    await writeFile(file, '');
    const { code, stderr, stdout } = await a2a(['run', packs, '--virtual-time', '--html', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^a2a run: cannot write --html /);
    expect(stdout).toBe('');
  });

  it('prints one JSON document with --json', async () => {
    const file = join(folder, 'one.json');
    await writeFile(file, scenarioFile('one', PASSING));
    const { code, stdout } = await a2a(['run', file, '--virtual-time', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      pass: true,
      total: 1,
      passed: 1,
      failed: 0,
      timeMode: 'virtual',
    });
    expect(report.scenarios).toEqual([
      expect.objectContaining({ file, name: 'one', pass: true, failures: [], trace: null }),
    ]);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('draws a progress bar on a terminal', async () => {
    const dir = await pack({
      'a.json': scenarioFile('a', PASSING),
      'b.json': scenarioFile('b', FAILING),
    });
    const { stdout } = await a2a(['run', dir, '--virtual-time'], true);
    expect(stdout).toContain('\r\u001b[2K[------------------------] 0/2 a');
    expect(stdout).toContain('\r\u001b[2K[############------------] 1/2 b');
    expect(stdout).not.toMatch(/^PASS a/m);
    expect(stdout).toMatch(/FAIL b /);
  });

  it('exits 2 for an invalid scenario, naming the file, the step index and the field', async () => {
    const dir = await pack({
      'good.json': scenarioFile('good', PASSING),
      'bad.json': scenarioFile('bad', [{ kind: 'login' }, { kind: 'pay', amount: 12.5 }]),
    });
    const { code, stderr, stdout } = await a2a(['run', dir, '--virtual-time']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `a2a run: ${join(dir, 'bad.json')}: steps[1].amount: expected a decimal string such as "12.50"`,
    );
    expect(stdout).toBe('');
  });

  it.each([
    [['run', 'no-such-file.json'], /^a2a run: no-such-file\.json: cannot read: /],
    [['run', '__EMPTY__'], /no \*\.json scenario files in this folder$/],
  ])('exits 2 for %j', async (args, message) => {
    const empty = join(folder, 'empty');
    await mkdir(empty);
    const { code, stderr } = await a2a(args.map((a) => (a === '__EMPTY__' ? empty : a)));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it.each([
    [['--endpoint', 'tcp://x'], 'error: --endpoint "tcp://x": a tcp:// endpoint needs a port\n'],
    [
      ['--endpoint', 'tcp://127.0.0.1:1', '--wire', 'tcp'],
      'error: --wire is for the embedded simulator; --endpoint names its own wire\n',
    ],
    [
      ['--wire', 'tcp', '--virtual-time'],
      'error: --wire needs real time: virtual time runs the simulator in memory\n',
    ],
    [
      ['--endpoint', 'ws://127.0.0.1:1/nexo', '--virtual-time'],
      'error: --virtual-time needs the embedded simulator; an external --endpoint runs in real time\n',
    ],
    [['--seed', '-1'], 'error: --seed "-1" is not a whole number between 0 and 4294967295\n'],
  ])('exits 2 with one line for bad flags %j', async (flags, message) => {
    const { code, usage } = await a2a(['run', packs, ...flags]);
    expect(code).toBe(2);
    expect(usage).toBe(message);
  });

  it('exits 2 when the JUnit file cannot be written, before running anything', async () => {
    const { code, stderr, stdout } = await a2a([
      'run',
      packs,
      '--virtual-time',
      '--junit',
      join(folder, 'missing', 'dir', 'out.xml'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^a2a run: cannot write --junit /);
    expect(stdout).toBe('');
  });
});
