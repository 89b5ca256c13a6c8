import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallChannel, CallRequest } from '@shared/ipc';
import { callSchemas } from '@shared/ipc/schemas';
import { extractEmbeddedTrace } from '@shared/report';
import { createHarnessCore, type HarnessCore } from '../harness';
import { dispatchCall } from './dispatch';
import { recordEvents, type EventLog } from './testing/event-log';

const TRACES = resolve(import.meta.dirname, '../../../resources/traces');

let dataDir: string;
const cores: HarnessCore[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-report-domain-'));
});

afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function startCore(): { core: HarnessCore; log: EventLog } {
  const core = createHarnessCore({
    mode: 'browser',
    dataDir: join(dataDir, 'core'),
    batchWindowMs: 5,
    initial: { role: 'client', peer: 'embedded', settings: { initMs: 0 } },
  });
  cores.push(core);
  return { core, log: recordEvents(core) };
}

/** One call as a renderer makes it: payload validated, answer checked against its schema. */
async function call<C extends CallChannel>(core: HarnessCore, channel: C, payload: CallRequest<C>) {
  const result = await dispatchCall(core.calls, channel, payload, (ch, error) => {
    throw new Error(`bug in ${ch}: ${String(error)}`);
  });
  return result.ok
    ? { ok: true as const, value: callSchemas[channel].response.parse(result.value) }
    : result;
}

describe('report:export', () => {
  it('renders the current run, embedding exactly the trace trace:save gives', async () => {
    const { core, log } = startCore();
    await log.sessionState('ready');
    const report = await call(core, 'report:export', { kind: 'run' });
    const saved = await call(core, 'trace:save', undefined);
    if (!report.ok || !saved.ok) throw new Error('export failed');
    expect(report.value.fileName).toMatch(/^a2a-.*-client\.html$/);
    expect(report.value.text).toContain('<dt>Role</dt><dd>client</dd>');
    const embedded = extractEmbeddedTrace(report.value.text);
    // The run may have grown between the two calls: the report's trace is a prefix of the later one.
    expect(embedded.ok && saved.value.text.startsWith(embedded.value)).toBe(true);
  });

  it('renders an opened trace as it was given, and names the line of a corrupt one', async () => {
    const { core } = startCore();
    const text = await readFile(join(TRACES, 'foreign-pos-blind-resend.jsonl'), 'utf8');
    const report = await call(core, 'report:export', { kind: 'trace', text, fileName: 'b.jsonl' });
    expect(report.ok && report.value.fileName).toBe('b.html');
    expect(report.ok && extractEmbeddedTrace(report.value.text)).toEqual({ ok: true, value: text });

    const corrupt = await call(core, 'report:export', {
      kind: 'trace',
      text: `${text.split('\n')[0]}\n{oops\n`,
      fileName: 'c.jsonl',
    });
    expect(corrupt).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringMatching(/^c\.jsonl line 2: not JSON/) },
    });
  });

  it('exports the last scenario batch as JUnit XML and as one HTML file', async () => {
    const { core } = startCore();
    const names = ['login-first', 'busy-at-start'];
    const batch = await call(core, 'scenarios:run', { names });
    if (!batch.ok) throw new Error(batch.error.message);
    const { batchId } = batch.value;

    const junit = await call(core, 'report:export', {
      kind: 'scenarios',
      batchId,
      format: 'junit',
    });
    if (!junit.ok) throw new Error(junit.error.message);
    expect(junit.value.fileName).toMatch(/\.xml$/);
    expect(junit.value.text.match(/<testcase /g)).toHaveLength(2);
    for (const name of names) expect(junit.value.text).toContain(`name="${name}"`);

    const html = await call(core, 'report:export', { kind: 'scenarios', batchId, format: 'html' });
    if (!html.ok) throw new Error(html.error.message);
    expect(html.value.fileName).toMatch(/\.html$/);
    expect(html.value.text.match(/<article /g)).toHaveLength(2);
    for (const [index] of names.entries())
      expect(extractEmbeddedTrace(html.value.text, `s${index}-a2a-trace`).ok).toBe(true);

    const stale = await call(core, 'report:export', {
      kind: 'scenarios',
      batchId: 'not-this-one',
      format: 'html',
    });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });

  it('leaves the save dialog to the desktop app', async () => {
    const { core } = startCore();
    expect(await call(core, 'report:saveAs', { kind: 'run' })).toMatchObject({
      ok: false,
      error: { kind: 'unavailable' },
    });
  });
});
