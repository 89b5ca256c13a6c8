import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { repeatTrace } from '../../scripts/bench/big-trace.mjs';
import { runCheckers } from '../trace/checkers';
import type { TraceEvent, TraceHeader } from '../trace/events';
import { serialiseTrace } from '../trace/format';
import { parseTrace } from '../trace/reader';
import { REPORT_CSS, REPORT_SCRIPT } from './page-assets';
import {
  embeddedTraceBase64,
  extractEmbeddedTrace,
  renderReport,
  renderScenarioBatch,
  type ReportInput,
} from './index';

const SAMPLES = join(import.meta.dirname, '../../resources/traces');
const SAMPLE_FILES = [
  'reference-approve-then-drop.jsonl',
  'foreign-pos-status-first.jsonl',
  'foreign-pos-blind-resend.jsonl',
];

function inputOf(fileName: string, text: string): ReportInput {
  const parsed = parseTrace(text);
  if (!parsed.ok) throw new Error(`${fileName}: ${parsed.error.reason}`);
  return { header: parsed.value.header, events: parsed.value.events, text, fileName };
}

function sample(fileName: string): ReportInput {
  return inputOf(fileName, readFileSync(join(SAMPLES, fileName), 'utf8'));
}

/** The report as a browser would build it (no script runs: happy-dom only parses). */
function parse(html: string): Document {
  const window = new Window();
  window.document.write(html);
  return window.document as unknown as Document;
}

const HEADER: TraceHeader = {
  format: 'a2a-trace',
  version: 1,
  harnessVersion: '0.1.0',
  createdAt: '2026-01-01T00:00:00.000Z',
  role: 'terminal',
  profile: 'app2app',
  policy: {},
  masked: true,
};

function stamp(bodies: readonly object[]): TraceEvent[] {
  return bodies.map(
    (body, i) => ({ seq: i + 1, t: i * 10, at: HEADER.createdAt, ...body }) as TraceEvent,
  );
}

function payment(serviceId: string, direction: 'toPoi' | 'toPos', type: 'Request' | 'Response') {
  return {
    kind: 'message',
    observer: 'poi',
    direction,
    link: 'l1',
    json: {
      [type === 'Request' ? 'SaleToPOIRequest' : 'SaleToPOIResponse']: {
        MessageHeader: {
          MessageClass: 'Service',
          MessageCategory: 'Payment',
          MessageType: type,
          ServiceID: serviceId,
          SaleID: 'S',
          POIID: 'P',
        },
        [`Payment${type}`]: type === 'Response' ? { Response: { Result: 'Success' } } : {},
      },
    },
  };
}

describe('renderReport', () => {
  it.each(SAMPLE_FILES)(
    'embeds %s so that extracting it gives the file back byte for byte',
    (file) => {
      const bytes = readFileSync(join(SAMPLES, file));
      const html = renderReport(inputOf(file, bytes.toString('utf8')));
      const extracted = extractEmbeddedTrace(html);
      expect(extracted.ok).toBe(true);
      if (!extracted.ok) return;
      expect(Buffer.from(extracted.value, 'utf8').equals(bytes)).toBe(true);
      // The small-file download link carries the same bytes.
      const link = parse(html).querySelector('a.download');
      const href = link?.getAttribute('href') ?? '';
      expect(href.startsWith('data:application/x-ndjson;base64,')).toBe(true);
      expect(Buffer.from(href.split(',')[1] ?? '', 'base64').equals(bytes)).toBe(true);
    },
  );

  it('keeps non-ASCII text and a file without a final newline exact', () => {
    const text = serialiseTrace(HEADER, stamp([payment('é€😀', 'toPoi', 'Request')])).trimEnd();
    const extracted = extractEmbeddedTrace(renderReport(inputOf('t.jsonl', text)));
    expect(extracted).toEqual({ ok: true, value: text });
  });

  it('links every verdict to a diagram row that exists', () => {
    const input = sample('foreign-pos-blind-resend.jsonl');
    const doc = parse(renderReport(input));
    const verdicts = [...doc.querySelectorAll('ul.verdicts li')];
    expect(verdicts.length).toBe(runCheckers(input).length);
    const failing = verdicts.filter((li) => li.getAttribute('data-pass') === 'false');
    expect(failing.map((li) => li.getAttribute('data-checker'))).toEqual(
      expect.arrayContaining(['status-before-payment-retry', 'no-double-charge']),
    );
    for (const li of failing) {
      const links = [...li.querySelectorAll('a[href^="#row-"]')];
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        const id = (link.getAttribute('href') ?? '').slice(1);
        expect(doc.getElementById(id), id).not.toBeNull();
      }
    }
    // A failing verdict's rows carry its red mark.
    const firstSeq = runCheckers(input).find((v) => !v.pass)?.events[0];
    expect(doc.getElementById(`row-${firstSeq}`)?.querySelector('.mark-fail')).not.toBeNull();
  });

  it('shows the run summary, the ledger and one diagram row per event of a small trace', () => {
    const input = sample('reference-approve-then-drop.jsonl');
    const doc = parse(renderReport(input));
    const summary = doc.querySelector('dl.summary')?.textContent ?? '';
    expect(summary).toContain('cli');
    expect(summary).toContain('app2app');
    expect(summary).toContain('1.0.0');
    expect(doc.body.textContent).toContain('paymentTimeoutMs');
    expect(doc.querySelectorAll('svg.diagram g.row')).toHaveLength(input.events.length);
    expect(doc.querySelectorAll('svg.diagram .lane').length).toBeGreaterThanOrEqual(2);
    const ledger = doc.querySelector('table.ledger tbody tr')?.textContent ?? '';
    expect(ledger).toContain('3.00 EUR');
    expect(ledger).toContain('approved');
  });

  it('leaves markup smuggled into any string of a trace inert', () => {
    const evil = '</script><script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const header: TraceHeader = {
      ...HEADER,
      profile: evil,
      scenario: evil,
      policy: { [evil]: evil },
    };
    const events = stamp([
      payment(evil, 'toPoi', 'Request'),
      payment(evil, 'toPoi', 'Request'),
      { kind: 'message', observer: 'poi', direction: 'toPoi', link: evil, text: evil },
      { kind: 'fault', name: evil, phase: 'applied', note: evil },
      { kind: 'session', from: evil, to: evil, reason: evil },
      {
        kind: 'ledger',
        change: 'recorded',
        entry: {
          saleId: evil,
          saleTransactionId: evil,
          poiTransactionId: evil,
          serviceId: evil,
          amountMinor: 100,
          authorisedMinor: 100,
          currency: 'EUR',
          result: 'approved',
          reversed: false,
          at: evil,
        },
      },
    ]);
    const text = serialiseTrace(header, events);
    const html = renderReport({ header, events, text, fileName: evil });
    const doc = parse(html);
    // Only the report's own two scripts exist, and nothing the trace carried became an element.
    expect(doc.querySelectorAll('script')).toHaveLength(2);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(html).not.toContain('<img');
    expect(html.match(/<script/g)).toHaveLength(2);
    // …while the hostile text is still shown, as text.
    expect(doc.querySelector('dl.summary')?.textContent).toContain(evil);
    expect(doc.querySelector('table.ledger')?.textContent).toContain(evil);
    // The duplicate ServiceID verdict quotes it and stays text too.
    expect(
      doc.querySelector('[data-checker="unique-service-ids"]')?.getAttribute('data-pass'),
    ).toBe('false');
    expect(extractEmbeddedTrace(html)).toEqual({ ok: true, value: text });
  });

  it('allows exactly its own style and script in its Content-Security-Policy', () => {
    const doc = parse(renderReport(sample('foreign-pos-status-first.jsonl')));
    const csp =
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ??
      '';
    const hash = (body: string) =>
      `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${hash(REPORT_CSS)}`);
    expect(csp).toContain(`script-src ${hash(REPORT_SCRIPT)}`);
    expect(doc.querySelector('style')?.textContent).toBe(REPORT_CSS);
    expect([...doc.querySelectorAll('script')].at(-1)?.textContent).toBe(REPORT_SCRIPT);
    // No reference to anything outside the file.
    expect(doc.querySelectorAll('[src], link[href]')).toHaveLength(0);
  });

  it('bounds the diagram of a large trace and says how many events it left out', () => {
    const seed = readFileSync(join(SAMPLES, 'foreign-pos-blind-resend.jsonl'), 'utf8');
    // The bounds do not depend on the size (the CLI's 100,000-event case is in the README).
    const text = repeatTrace(seed, 20_000);
    const input = inputOf('big.jsonl', text);
    const limits = { head: 50, tail: 50, perVerdict: 5, faults: 20, verdictRows: 40 };
    const verdicts = runCheckers(input);
    const html = renderReport(
      { ...input, verdicts },
      { limits, encodeBase64: (t) => Buffer.from(t, 'utf8').toString('base64') },
    );
    // Counted in the text: a DOM of a file this size is more than a unit test needs.
    const rows = html.match(/<g id="row-\d+"/g)?.length ?? 0;
    // The verdict rows may pass their cap by one verdict's share before the cap is checked.
    const pinned = limits.verdictRows + limits.perVerdict + limits.faults;
    expect(rows).toBeGreaterThanOrEqual(100);
    expect(rows).toBeLessThanOrEqual(100 + pinned);
    expect(html).toContain(
      `${input.events.length - rows} of ${input.events.length} events omitted`,
    );
    expect(html).toContain('events omitted (#');
    // The download falls back to the script's Blob: a data: URL this long would pass browser limits.
    expect(html).toContain('href="#a2a-trace"');
    const base64 = embeddedTraceBase64(html);
    expect(base64.ok && Buffer.from(base64.value, 'base64').toString('utf8') === text).toBe(true);
  }, 60_000);

  it('draws a third lane for the terminal leg of a proxy trace', () => {
    const events = stamp([
      { ...payment('1', 'toPoi', 'Request'), leg: 'pos', proxied: 'forwarded' },
      { ...payment('1', 'toPoi', 'Request'), observer: 'proxy', leg: 'terminal' },
    ]);
    const header = { ...HEADER, role: 'proxy' as const };
    const doc = parse(
      renderReport({ header, events, text: serialiseTrace(header, events), fileName: 'p.jsonl' }),
    );
    const lanes = [...doc.querySelectorAll('svg.diagram text.lane')].map((t) => t.textContent);
    expect(lanes).toEqual(
      expect.arrayContaining(['POS (Sale system)', 'Harness (proxy)', 'Terminal']),
    );
  });
});

describe('renderScenarioBatch', () => {
  it('holds every run with unique ids, each with its own embedded trace', () => {
    const runs = SAMPLE_FILES.slice(0, 2).map((file, i) => ({
      entry: {
        name: `s${i}`,
        title: `Scenario ${i}`,
        pass: i === 0,
        failures: i === 0 ? [] : ['step 1 failed'],
        durationMs: 10,
        steps: [{ index: 0, description: 'login', status: 'passed' as const }],
      },
      input: sample(file),
    }));
    const html = renderScenarioBatch(runs);
    const doc = parse(html);
    const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.querySelectorAll('table.scenarios tbody tr')).toHaveLength(2);
    runs.forEach((run, i) =>
      expect(extractEmbeddedTrace(html, `s${i}-a2a-trace`)).toEqual({
        ok: true,
        value: run.input.text,
      }),
    );
  });
});
