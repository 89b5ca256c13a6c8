import type { EventKind, EventOf, TraceEvent } from './events';
import { summariseMessage } from './view';

/**
 * Which events of a trace go into a Mermaid diagram: the visible flow of the timeline. Every
 * field narrows the selection; an empty selection takes every event.
 */
export interface MermaidSelection {
  /** First `seq` to include. */
  readonly fromSeq?: number;
  /** Last `seq` to include. */
  readonly toSeq?: number;
  /** Event kinds to include (the timeline's kind filter). */
  readonly kinds?: readonly EventKind[];
  /** Exactly these events (the rows left visible by the timeline's filters and search). */
  readonly seqs?: readonly number[];
}

/** Options of {@link traceToMermaid}. */
export interface MermaidOptions extends MermaidSelection {
  /** A title line for the diagram. */
  readonly title?: string;
}

/** The two lanes, as participants: the POS (Sale system) and the payment application (POI). */
const POS = 'POS';
const POI = 'POI';

/** Keeps the events a selection names, in trace order. */
export function selectEvents(
  events: readonly TraceEvent[],
  selection: MermaidSelection = {},
): readonly TraceEvent[] {
  const kinds = selection.kinds === undefined ? undefined : new Set(selection.kinds);
  const seqs = selection.seqs === undefined ? undefined : new Set(selection.seqs);
  return events.filter(
    (e) =>
      (selection.fromSeq === undefined || e.seq >= selection.fromSeq) &&
      (selection.toSeq === undefined || e.seq <= selection.toSeq) &&
      (kinds === undefined || kinds.has(e.kind)) &&
      (seqs === undefined || seqs.has(e.seq)),
  );
}

const ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  ';': '#59;',
  '<': '#lt;',
  '>': '#gt;',
};

/**
 * Makes text safe inside one Mermaid statement: `#` and `;` would start an entity code or end the
 * statement, line breaks would end it, and angle brackets would be read as HTML; Mermaid's own
 * entity codes stand in for them.
 */
export function escapeMermaid(text: string): string {
  // One pass: a second `replace` would escape the `;` of the codes the first one wrote.
  return text
    .replace(/[#;<>]/g, (c) => ENTITIES[c] ?? c)
    .replace(/[\r\n]+/g, ' ')
    .trim();
}

function words(...parts: readonly (string | number | undefined)[]): string {
  return parts.filter((p) => p !== undefined && p !== '').join(' ');
}

function messageLine(event: EventOf<'message'>): string {
  const s = summariseMessage(event);
  const toPoi = event.direction === 'toPoi';
  const arrow = toPoi ? `${POS}->>${POI}` : `${POI}-->>${POS}`;
  const label = s.malformed
    ? words('malformed frame', s.note)
    : words(
        s.category,
        s.type,
        s.serviceId === undefined ? undefined : `#${s.serviceId}`,
        s.result,
        s.errorCondition,
        s.note,
      );
  return `${arrow}: ${escapeMermaid(label === '' ? 'frame' : label)}`;
}

function note(over: string, text: string): string {
  return `Note over ${over}: ${escapeMermaid(text)}`;
}

type Line = (event: TraceEvent) => string;

/** One statement per event kind: a table, so a new kind without a line fails to compile. */
const LINES: { readonly [K in EventKind]: (event: EventOf<K>) => string } = {
  message: messageLine,
  session: (e) => note(POS, `session ${e.from} → ${e.to} (${e.reason})`),
  fault: (e) =>
    note(
      e.name === 'restartClient' || e.name === 'logout' ? POS : POI,
      words(
        `fault ${e.name} ${e.phase}`,
        e.hit?.category,
        e.hit?.serviceId === undefined ? undefined : `#${e.hit.serviceId}`,
        e.note === undefined ? undefined : `(${e.note})`,
      ),
    ),
  timeout: (e) => note(POS, `timeout ${e.category} #${e.serviceId} after ${e.afterMs} ms`),
  retry: (e) =>
    note(
      POS,
      `retry ${e.category} #${e.previousServiceId} → #${e.serviceId} (attempt ${e.attempt}, ${e.reason})`,
    ),
  op: (e) => note(POS, words(`${e.name} ${e.phase}`, e.outcome)),
  lifecycle: (e) => note(POI, `payment app ${e.from} → ${e.to} (${e.reason}, v${e.version})`),
  link: (e) =>
    note(
      `${POS},${POI}`,
      words(
        `link ${e.link} ${e.change}`,
        e.code === undefined ? undefined : `code ${e.code}`,
        e.abrupt === true ? 'abruptly' : undefined,
      ),
    ),
  poiSession: (e) =>
    note(
      POI,
      words(
        `session ${e.change}`,
        e.category,
        e.serviceId === undefined ? undefined : `#${e.serviceId}`,
        `(${e.reason})`,
      ),
    ),
  ledger: (e) =>
    note(
      POI,
      words(
        `ledger ${e.change}`,
        e.entry.result,
        `${e.entry.amountMinor} ${e.entry.currency} minor`,
        e.entry.poiTransactionId,
      ),
    ),
  security: (e) =>
    note(
      e.observer === 'poi' ? POI : POS,
      words(`security ${e.reason}`, e.serviceId && `#${e.serviceId}`),
    ),
};

/**
 * The selected events as a Mermaid `sequenceDiagram`: wire messages as arrows between the POS
 * and the payment application (requests solid, answers dashed), everything else as notes on the
 * lane that saw it. Pure, so the window can export a replayed trace the same way as a live one.
 */
export function traceToMermaid(
  events: readonly TraceEvent[],
  options: MermaidOptions = {},
): string {
  const lines = ['sequenceDiagram'];
  if (options.title !== undefined && options.title.trim() !== '')
    lines.push(`  title ${escapeMermaid(options.title)}`);
  lines.push(`  participant ${POS} as POS (Sale system)`);
  lines.push(`  participant ${POI} as Payment application (POI)`);
  for (const event of selectEvents(events, options)) {
    lines.push(`  ${(LINES[event.kind] as Line)(event)}`);
  }
  return lines.join('\n') + '\n';
}
