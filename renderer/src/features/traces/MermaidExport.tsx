import { useState } from 'react';
import type { TraceEvent } from '@shared/trace/view';
import { mermaidOf } from './commands';
import { downloadText } from './download';

export interface MermaidExportProps {
  /** The events of the visible flow, computed when a button is pressed. */
  readonly events: () => readonly TraceEvent[];
  /** Diagram title and base of the file name. */
  readonly title: string;
  readonly copyText?: (text: string) => Promise<void>;
  readonly download?: typeof downloadText;
}

const defaultCopy = (text: string) => navigator.clipboard.writeText(text);

/** File-name-safe form of a title. */
const slug = (title: string) =>
  title
    .replace(/\.[a-z]+$/i, '')
    .replace(/[^a-z0-9-]+/gi, '-')
    .replace(/^-|-$/g, '') || 'flow';

/** Exports the rows the timeline's filters show as a Mermaid sequence diagram. */
export function MermaidExport({
  events,
  title,
  copyText = defaultCopy,
  download = downloadText,
}: MermaidExportProps) {
  const [note, setNote] = useState('');
  const diagram = () => {
    const visible = events();
    return { text: mermaidOf(visible, title), count: visible.length };
  };
  return (
    <div className="mermaid-export" role="group" aria-label="Export as Mermaid">
      <button
        type="button"
        onClick={() => {
          const { text, count } = diagram();
          copyText(text).then(
            () => setNote(`Copied a diagram of ${count} events`),
            (error: unknown) =>
              setNote(`Copy failed: ${error instanceof Error ? error.message : String(error)}`),
          );
        }}
      >
        Copy Mermaid
      </button>
      <button
        type="button"
        onClick={() => {
          const { text, count } = diagram();
          download(`${slug(title)}.mmd`, text, 'text/vnd.mermaid');
          setNote(`Downloaded a diagram of ${count} events`);
        }}
      >
        Download Mermaid
      </button>
      <span className="muted" aria-live="polite">
        {note}
      </span>
    </div>
  );
}
