import { describe, expect, it, vi } from 'vitest';
import { extractEmbeddedTrace } from '@shared/report';
import { buildTraceHeader, serialiseTrace } from '@shared/trace/format';
import { createFakeApi } from '../../testing/fake-api';
import { recoveryStory } from '../timeline/trace-fixtures';
import type { downloadText } from '../traces/download';
import { exportReplayReport, exportReport } from './commands';

const header = buildTraceHeader(
  { harnessVersion: '0.1.0', role: 'client', profile: 'app2app', policy: {} },
  Date.UTC(2026, 0, 1),
  true,
);
const events = recoveryStory().events;
const replay = { fileName: 'story.jsonl', header, events, warnings: [] };

describe('exportReport', () => {
  it('downloads what the core rendered in browser mode, typed by its extension', async () => {
    const fake = createFakeApi({
      'report:export': () => ({ ok: true, value: { fileName: 'a2a-run.html', text: '<html>' } }),
    });
    const download = vi.fn<typeof downloadText>();
    const result = await exportReport(fake.api, 'browser', { kind: 'run' }, download);
    expect(result).toEqual({ ok: true, value: 'Downloaded a2a-run.html' });
    expect(download).toHaveBeenCalledWith('a2a-run.html', '<html>', 'text/html');
    expect(fake.requests('report:export')).toEqual([{ kind: 'run' }]);
  });

  it('lets Electron’s main save through the native dialog, and says where', async () => {
    const fake = createFakeApi({
      'report:saveAs': () => ({ ok: true, value: { kind: 'saved', path: '/tmp/r.xml' } }),
    });
    const download = vi.fn<typeof downloadText>();
    const request = { kind: 'scenarios', batchId: 'b1', format: 'junit' } as const;
    expect(await exportReport(fake.api, 'electron', request, download)).toEqual({
      ok: true,
      value: 'Saved to /tmp/r.xml',
    });
    expect(fake.requests('report:saveAs')).toEqual([request]);
    expect(download).not.toHaveBeenCalled();
  });

  it('says why the core could not write it', async () => {
    const fake = createFakeApi({
      'report:export': () => ({
        ok: false,
        error: { kind: 'unavailable', message: 'this run has no events to report on yet' },
      }),
    });
    expect(await exportReport(fake.api, 'browser', { kind: 'run' }, vi.fn())).toEqual({
      ok: false,
      error: 'this run has no events to report on yet',
    });
  });
});

describe('exportReplayReport', () => {
  it('renders the opened trace in the page in browser mode, with the trace inside', async () => {
    const fake = createFakeApi();
    const download = vi.fn<typeof downloadText>();
    expect(await exportReplayReport(fake.api, 'browser', replay, download)).toEqual({
      ok: true,
      value: 'Downloaded story.html',
    });
    expect(fake.calls).toEqual([]);
    const [name, html, type] = download.mock.calls[0] ?? [];
    expect([name, type]).toEqual(['story.html', 'text/html']);
    expect(extractEmbeddedTrace(html ?? '')).toEqual({
      ok: true,
      value: serialiseTrace(header, events),
    });
  });

  it('hands the trace to main in Electron', async () => {
    const fake = createFakeApi({
      'report:saveAs': () => ({ ok: true, value: { kind: 'cancelled' } }),
    });
    expect(await exportReplayReport(fake.api, 'electron', replay, vi.fn())).toEqual({
      ok: true,
      value: 'Save cancelled',
    });
    expect(fake.requests('report:saveAs')).toEqual([
      { kind: 'trace', text: serialiseTrace(header, events), fileName: 'story.jsonl' },
    ]);
  });
});
