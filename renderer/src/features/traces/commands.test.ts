import { describe, expect, it, vi } from 'vitest';
import { buildTraceHeader, serialiseTrace } from '@shared/trace/format';
import { createHarnessStore } from '../../store/harness-store';
import { createFakeApi } from '../../testing/fake-api';
import { recoveryStory } from '../timeline/trace-fixtures';
import { mermaidOf, openTraceFile, saveTrace } from './commands';
import { downloadText } from './download';

const header = buildTraceHeader(
  { harnessVersion: '0.1.0', role: 'client', profile: 'app2app', policy: {} },
  Date.UTC(2026, 0, 1),
  true,
);
const story = recoveryStory().events;
const text = serialiseTrace(header, story);

describe('saveTrace', () => {
  it('downloads the run’s trace in browser mode', async () => {
    const fake = createFakeApi({
      'trace:save': () => ({ ok: true, value: { fileName: 'a2a-run.jsonl', text } }),
    });
    const download = vi.fn<typeof downloadText>();
    const result = await saveTrace(fake.api, 'browser', download);
    expect(result).toEqual({ ok: true, value: 'Downloaded a2a-run.jsonl' });
    expect(download).toHaveBeenCalledWith('a2a-run.jsonl', text, 'application/x-ndjson');
    expect(fake.requests('trace:saveAs')).toEqual([]);
  });

  it('lets Electron’s main process save it through the native dialog', async () => {
    const fake = createFakeApi({
      'trace:saveAs': () => ({ ok: true, value: { kind: 'saved', path: '/tmp/run.jsonl' } }),
    });
    const download = vi.fn<typeof downloadText>();
    expect(await saveTrace(fake.api, 'electron', download)).toEqual({
      ok: true,
      value: 'Saved to /tmp/run.jsonl',
    });
    expect(download).not.toHaveBeenCalled();
  });

  it('says why it could not save', async () => {
    const fake = createFakeApi({
      'trace:save': () => ({
        ok: false,
        error: { kind: 'disconnected', message: 'socket closed' },
      }),
    });
    expect(await saveTrace(fake.api, 'browser', vi.fn())).toEqual({
      ok: false,
      error: 'the harness core is not connected (socket closed)',
    });
  });
});

describe('openTraceFile', () => {
  it('opens a saved trace into the replay view with the same events', async () => {
    const store = createHarnessStore();
    await openTraceFile(new File([text], 'run.jsonl'), store);
    expect(store.getState().replay?.events).toEqual(story);
    expect(store.getState().centreView).toBe('replay');
    expect(store.getState().replayError).toBeNull();
  });

  it('keeps the open trace and reports the line of a corrupt file', async () => {
    const store = createHarnessStore();
    await openTraceFile(new File([text], 'run.jsonl'), store);
    await openTraceFile(new File([`${text}{"seq":999}\n`], 'bad.jsonl'), store);
    expect(store.getState().replayError).toMatch(/^bad\.jsonl line 27: /);
    expect(store.getState().replay?.fileName).toBe('run.jsonl');
  });
});

describe('downloadText', () => {
  it('clicks a hidden <a download> on a Blob URL and tidies up', () => {
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    downloadText('flow.mmd', 'sequenceDiagram', 'text/plain');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('flow.mmd');
    expect(clicked[0]!.href).toMatch(/^blob:/);
    expect(document.querySelector('a[download]')).toBeNull();
    click.mockRestore();
  });
});

describe('mermaidOf', () => {
  it('draws the flow between the POS and the payment app', () => {
    const diagram = mermaidOf(story, 'story');
    expect(diagram.split('\n')[0]).toBe('sequenceDiagram');
    expect(diagram).toContain('POS->>POI: Login Request #35;S1');
    expect(diagram).toContain('POI-->>POS: Login Response #35;S1 Failure Busy');
  });
});
