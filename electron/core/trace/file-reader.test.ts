import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { traceBuilder } from '@shared/trace/checkers/fixtures/trace-builder';
import type { TraceEvent, TraceHeader } from '@shared/trace/events';
import { parseTrace } from '@shared/trace/reader';
import { streamTraceFile } from './file-reader';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'a2a-stream-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A trace of a few MiB whose lines hold multi-byte characters, so chunks split them. */
function bigTraceText(count = 4500): string {
  const b = traceBuilder();
  b.linkOpened('L1');
  for (let i = 0; i < count; i++) {
    b.add({
      kind: 'lifecycle',
      from: 'ready',
      to: 'ready',
      reason: `é€😀 ${i} `.repeat(20),
      version: '1',
    });
  }
  b.login('L1', 'S1');
  return b.jsonl();
}

async function stream(text: string) {
  const path = join(dir, 'trace.jsonl');
  await writeFile(path, text);
  const headers: TraceHeader[] = [];
  const events: TraceEvent[] = [];
  const result = await streamTraceFile(
    path,
    (header) => headers.push(header),
    (event) => events.push(event),
  );
  return { result, headers, events };
}

describe('streamTraceFile', () => {
  it('hands over exactly what parseTrace reads, across chunk boundaries', async () => {
    const text = bigTraceText();
    // Over one of the reader's 1 MiB chunks.
    expect(Buffer.byteLength(text)).toBeGreaterThan(1 << 20);
    const parsed = parseTrace(text);
    if (!parsed.ok) throw new Error(parsed.error.reason);
    const { result, headers, events } = await stream(text);
    expect(headers).toEqual([parsed.value.header]);
    expect(events).toEqual(parsed.value.events);
    expect(result).toEqual({
      ok: true,
      value: { header: parsed.value.header, events: events.length, warnings: [] },
    });
  });

  it('drops a torn last line with a warning, and stops at the first corrupt line', async () => {
    const text = bigTraceText(3100);
    const torn = await stream(`${text}{"seq":`);
    expect(torn.result.ok && torn.result.value.warnings).toEqual([
      { line: text.split('\n').length, reason: 'torn last line dropped (incomplete write)' },
    ]);

    const lines = text.split('\n');
    lines.splice(3000, 1);
    const gap = await stream(lines.join('\n'));
    const whole = parseTrace(lines.join('\n'));
    expect(whole.ok).toBe(false);
    expect(gap.result).toEqual({
      ok: false,
      error: { kind: 'corrupt', line: 3001, reason: 'seq gap: expected 3000, found 3001' },
    });
    expect(!whole.ok && whole.error).toEqual(!gap.result.ok && gap.result.error);
    expect(gap.events).toHaveLength(2999);
  });

  it('tells an unreadable file and an empty one apart', async () => {
    const missing = await streamTraceFile(
      join(dir, 'missing.jsonl'),
      () => undefined,
      () => undefined,
    );
    expect(!missing.ok && missing.error.kind).toBe('unreadable');
    const empty = await stream('');
    expect(empty.result).toEqual({
      ok: false,
      error: { kind: 'corrupt', line: 1, reason: 'empty trace: the header line is missing' },
    });
  });
});
