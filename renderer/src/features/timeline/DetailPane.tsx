import { useMemo, useState } from 'react';
import { FoldToggle } from '../../components/FoldToggle';
import type { RowConcern, TimelineRow } from './timeline-rows';
import { DIRECTION_LABEL, resultText } from './row-text';
import './timeline.css';

export interface DetailPaneProps {
  /** The selected row, if any. */
  readonly row: TimelineRow | undefined;
  /** True when the selected row is hidden by the current filters. */
  readonly hiddenByFilters?: boolean;
  /** Selects another row (the paired request or response, the message a fault hit). */
  readonly onJump: (seq: number) => void;
  /** Writes text to the clipboard; the browser's clipboard by default. */
  readonly copyText?: (text: string) => Promise<void>;
  /** Messages of the failing verdicts that name the selected row. */
  readonly verdicts?: readonly string[];
  /**
   * Folded to its title line. Only a pane stacked under the list folds (README "Timeline flow
   * view"): beside the list it costs no rows, so there the toggle is not drawn.
   */
  readonly folded?: boolean;
  readonly onFoldedChange?: (folded: boolean) => void;
}

/** The fold toggle of the pane stacked under the list (only where the pane can fold). */
function DetailFold({
  folded,
  onFoldedChange,
}: {
  readonly folded: boolean;
  readonly onFoldedChange?: (folded: boolean) => void;
}) {
  if (onFoldedChange === undefined) return null;
  return (
    <FoldToggle
      what="details"
      folded={folded}
      onFoldedChange={onFoldedChange}
      className="tl-detail-fold"
    />
  );
}

/** The JSON a person wants to read: the nexo message of a frame, the event itself otherwise. */
export function prettyJson(row: TimelineRow): string {
  const event = row.event;
  if (event.kind === 'message') {
    if (event.json !== undefined) return JSON.stringify(event.json, null, 2);
    return event.text ?? '';
  }
  return JSON.stringify(event, null, 2);
}

/** The band keys that are not session states, in words. */
const BAND_WORDS: Readonly<Record<string, string>> = {
  poiOpen: 'payment application holds a session',
  poiNone: 'no session at the payment application',
};

const CONCERN_WORDS: Readonly<Record<RowConcern['kind'], string>> = {
  fault: 'Fault',
  timeout: 'Timeout',
};

interface Jump {
  readonly label: string;
  readonly seq: number | undefined;
  /** Why the button is disabled, shown next to it. */
  readonly missing: string;
}

function jumpOf(row: TimelineRow): Jump | undefined {
  if (row.kind === 'message' && row.type === 'Request') {
    return { label: 'Jump to response', seq: row.pairSeq, missing: 'No response yet' };
  }
  if (row.kind === 'message' && row.type === 'Response') {
    return { label: 'Jump to request', seq: row.pairSeq, missing: 'No matching request' };
  }
  if (row.relatedSeq !== undefined) {
    return { label: 'Jump to message', seq: row.relatedSeq, missing: '' };
  }
  return undefined;
}

function defaultCopy(text: string): Promise<void> {
  return navigator.clipboard.writeText(text);
}

type CopyState = { readonly seq: number; readonly text: string } | undefined;

/** Pretty JSON of the selected row, a copy button and a jump to its pair. */
export function DetailPane({
  row,
  hiddenByFilters = false,
  onJump,
  copyText = defaultCopy,
  verdicts,
  folded = false,
  onFoldedChange,
}: DetailPaneProps) {
  const [copyState, setCopyState] = useState<CopyState>(undefined);
  // Only the selected row is pretty-printed, and only when the selection changes.
  const json = useMemo(() => (row === undefined ? '' : prettyJson(row)), [row]);
  if (row === undefined) {
    return (
      <section className="tl-detail-pane" aria-label="Event detail" data-folded={folded}>
        <div className="tl-detail-head">
          <p className="tl-muted">Select a row to see its detail.</p>
          <DetailFold folded={folded} onFoldedChange={onFoldedChange} />
        </div>
      </section>
    );
  }
  const jump = jumpOf(row);
  const copy = () => {
    const seq = row.seq;
    copyText(json).then(
      () => setCopyState({ seq, text: 'Copied' }),
      (error: unknown) =>
        setCopyState({
          seq,
          text: `Copy failed: ${error instanceof Error ? error.message : String(error)}`,
        }),
    );
  };
  const facts: readonly (readonly [string, string | undefined])[] = [
    ['Time', row.time],
    ['Seq', String(row.seq)],
    ['Kind', row.kind],
    ['Direction', row.direction === undefined ? undefined : DIRECTION_LABEL[row.direction]],
    ['Category', row.category],
    ['Type', row.type],
    ['ServiceID', row.serviceId],
    ['Result', resultText(row) || undefined],
    ['Latency', row.latencyMs === undefined ? undefined : `${row.latencyMs} ms`],
    ['Detail', row.detail || undefined],
    ['Session', row.band === undefined ? undefined : (BAND_WORDS[row.band] ?? row.band)],
    ...row.concerns.map(
      (concern) => [CONCERN_WORDS[concern.kind], `${concern.text} (#${concern.seq})`] as const,
    ),
    ...(verdicts ?? []).map((message) => ['Verdict failed', message] as const),
  ];
  return (
    <section className="tl-detail-pane" aria-label="Event detail" data-folded={folded}>
      <div className="tl-detail-head">
        <h2 className="tl-detail-title">
          #{row.seq} {row.title}
        </h2>
        <DetailFold folded={folded} onFoldedChange={onFoldedChange} />
      </div>
      {hiddenByFilters ? (
        <p className="tl-muted">This row is hidden by the current filters.</p>
      ) : null}
      <dl className="tl-facts">
        {facts.map(([name, value]) =>
          value === undefined ? null : (
            <div key={`${name}:${value}`}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ),
        )}
      </dl>
      <div className="tl-detail-actions">
        <button type="button" onClick={copy}>
          Copy JSON
        </button>
        {jump === undefined ? null : (
          <>
            <button
              type="button"
              disabled={jump.seq === undefined}
              onClick={() => {
                if (jump.seq !== undefined) onJump(jump.seq);
              }}
            >
              {jump.label}
            </button>
            {jump.seq === undefined ? <span className="tl-muted">{jump.missing}</span> : null}
          </>
        )}
        <span role="status" className="tl-copy-status">
          {copyState?.seq === row.seq ? copyState.text : ''}
        </span>
      </div>
      <pre className="tl-json" role="region" aria-label="JSON" tabIndex={0}>
        {json}
      </pre>
    </section>
  );
}
