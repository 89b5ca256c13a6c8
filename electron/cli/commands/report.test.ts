import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractEmbeddedTrace } from '@shared/report';
import { runInProcess } from '../testing/in-process';
import { createReportCommand } from './report';

const traces = resolve(import.meta.dirname, '../../../resources/traces');
const reference = join(traces, 'reference-approve-then-drop.jsonl');
const blindResend = join(traces, 'foreign-pos-blind-resend.jsonl');

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'a2a-report-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
  process.exitCode = undefined;
});

function a2a(args: string[]) {
  return runInProcess(args, (io) => [createReportCommand(io)]);
}

describe('a2a report', () => {
  it('writes a report of a passing trace that embeds the file byte for byte (exit 0)', async () => {
    const out = join(folder, 'report.html');
    const { code, stdout, stderr } = await a2a(['report', reference, '-o', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/report\.html: \d+ events, every checker passes\n$/);
    const html = await readFile(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    const embedded = extractEmbeddedTrace(html);
    expect(embedded.ok && Buffer.from(embedded.value).equals(await readFile(reference))).toBe(true);
  });

  it('still writes the report of a failing trace, and exits 1 like a2a check', async () => {
    const out = join(folder, 'blind.html');
    const { code, stdout } = await a2a(['report', blindResend, '--output', out]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/blind\.html: \d+ events, 2 failing verdicts/);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('data-checker="no-double-charge" data-pass="false"');
  });

  it('writes beside the trace when no output is given', async () => {
    const copy = join(folder, 'run.jsonl');
    await writeFile(copy, await readFile(reference));
    const { code } = await a2a(['report', copy]);
    expect(code).toBe(0);
    expect(await readFile(join(folder, 'run.html'), 'utf8')).toContain('<svg class="diagram"');
  });

  it('exits 2 with one line for a missing file, a corrupt trace or an empty one', async () => {
    const missing = await a2a(['report', join(folder, 'nope.jsonl'), '-o', join(folder, 'x.html')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^a2a report: cannot read .*nope\.jsonl/);

    const corrupt = join(folder, 'corrupt.jsonl');
    const lines = (await readFile(reference, 'utf8')).split('\n');
    await writeFile(corrupt, [lines[0], lines[1], '{not json', lines[2], ''].join('\n'));
    const bad = await a2a(['report', corrupt, '-o', join(folder, 'x.html')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^a2a report: .*corrupt\.jsonl: line 3: not JSON/);

    const empty = join(folder, 'empty.jsonl');
    await writeFile(empty, `${lines[0]}\n`);
    const none = await a2a(['report', empty, '-o', join(folder, 'x.html')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(`a2a report: ${empty}: no events to report on`);
  });

  it('exits 2 when the report cannot be written', async () => {
    const { code, stderr } = await a2a([
      'report',
      reference,
      '-o',
      join(folder, 'missing', 'dir', 'r.html'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^a2a report: cannot write /);
  });
});
