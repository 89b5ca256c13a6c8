import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKER_NAMES } from '@shared/trace/checkers';
import { runInProcess } from '../testing/in-process';
import { createCheckCommand, type CheckReport } from './check';

const traces = resolve(import.meta.dirname, '../../../resources/traces');
const reference = join(traces, 'reference-approve-then-drop.jsonl');
const blindResend = join(traces, 'foreign-pos-blind-resend.jsonl');
const statusFirst = join(traces, 'foreign-pos-status-first.jsonl');

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'a2a-check-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
  process.exitCode = undefined;
});

/** Runs `a2a <args>` in-process with captured output. */
function run(args: string[]) {
  return runInProcess(args, (io) => [createCheckCommand(io)]);
}

describe('a2a check', () => {
  it('refuses a trace with a header and no events (exit 2, "no events to judge")', async () => {
    const header = (await readFile(reference, 'utf8')).split('\n')[0] ?? '';
    const empty = join(folder, 'empty.jsonl');
    await writeFile(empty, `${header}\n`);
    const { code, stdout, stderr } = await run(['check', empty]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`a2a check: ${empty}: no events to judge`);
  });

  it('passes a reference-client trace and lists every checker', async () => {
    const { code, stdout, stderr } = await run(['check', reference]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /reference-approve-then-drop\.jsonl: cli role, profile app2app, \d+ events/,
    );
    expect(lines[1]).toMatch(/^CHECKER +RESULT +EVENTS +MESSAGE$/);
    for (const name of CHECKER_NAMES) expect(stdout).toMatch(new RegExp(`^${name} +pass `, 'm'));
    expect(lines.at(-1)).toBe('all 8 checkers pass');
  });

  it('passes a foreign POS that asked TransactionStatus before doing anything else', async () => {
    const { code, stdout } = await run(['check', statusFirst]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/terminal role/);
  });

  it('names no-double-charge and status-before-payment-retry for a POS that resent a lost payment', async () => {
    const { code, stdout } = await run(['check', blindResend]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^status-before-payment-retry +FAIL +8,17 +Payment 1003 \(seq 17\)/m);
    expect(stdout).toMatch(
      /^no-double-charge +FAIL +13,22 +sale ORDER4711 of SaleID SHOP-7 was charged 2 times/m,
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      '2 of 8 checkers fail: status-before-payment-retry, no-double-charge',
    );
  });

  it('prints one JSON document with --json', async () => {
    const { code, stdout } = await run(['check', blindResend, '--json']);
    expect(code).toBe(1);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report).toMatchObject({
      trace: blindResend,
      pass: false,
      role: 'terminal',
      profile: 'app2app',
    });
    expect(report.checkers.map((c) => c.name)).toEqual([...CHECKER_NAMES]);
    expect(report.checkers.filter((c) => !c.pass).map((c) => c.name)).toEqual([
      'status-before-payment-retry',
      'no-double-charge',
    ]);
    const charge = report.verdicts.find((v) => v.checker === 'no-double-charge');
    expect(charge).toMatchObject({ pass: false, events: [13, 22] });
  });

  it('judges a trace with a torn last line and says so on stderr', async () => {
    const text = await readFile(reference, 'utf8');
    const torn = join(folder, 'torn.jsonl');
    await writeFile(torn, `${text}{"seq":999,"t":1,"at":"2026-`);
    const { code, stderr } = await run(['check', torn]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^a2a check: warning: line \d+: torn last line dropped/);
  });

  it('refuses a corrupt trace with its line number (exit 2)', async () => {
    const lines = (await readFile(reference, 'utf8')).split('\n');
    const corrupt = join(folder, 'corrupt.jsonl');
    await writeFile(corrupt, [...lines.slice(0, 3), ...lines.slice(4)].join('\n'));
    const { code, stdout, stderr } = await run(['check', corrupt]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`a2a check: ${corrupt}: line 4: seq gap: expected 3, found 4`);
  });

  it('refuses a file that is not a trace, a missing file and a folder (exit 2, one line)', async () => {
    const foreign = join(folder, 'foreign.json');
    await writeFile(foreign, '{"hello":"world"}\n');
    for (const path of [foreign, join(folder, 'missing.jsonl'), folder]) {
      const { code, stderr } = await run(['check', path]);
      expect(code).toBe(2);
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^a2a check: /);
      expect(stderr).toContain(path);
    }
  });

  it('exits 2 without a trace argument', async () => {
    const { code, usage } = await run(['check']);
    expect(code).toBe(2);
    expect(usage).toMatch(/missing required argument 'trace'/);
  });
});
