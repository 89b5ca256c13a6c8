import { useState } from 'react';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { ChevronDown } from 'lucide-react';
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

/**
 * Exports the rows the timeline's filters show as a Mermaid sequence diagram: the menu
 * "Mermaid" holds "Copy Mermaid" and "Download Mermaid".
 */
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
  const copy = () => {
    const { text, count } = diagram();
    copyText(text).then(
      () => setNote(`Copied a diagram of ${count} events`),
      (error: unknown) =>
        setNote(`Copy failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  const save = () => {
    const { text, count } = diagram();
    download(`${slug(title)}.mmd`, text, 'text/vnd.mermaid');
    setNote(`Downloaded a diagram of ${count} events`);
  };
  // One menu button instead of two, so the trace controls and the view switch share one line.
  return (
    <div className="mermaid-export">
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <button type="button" className="menu-trigger">
            Mermaid
            <ChevronDown aria-hidden="true" size={13} />
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu-content" align="start" sideOffset={2}>
            <DropdownMenu.Item className="menu-item" onSelect={copy}>
              Copy Mermaid
            </DropdownMenu.Item>
            <DropdownMenu.Item className="menu-item" onSelect={save}>
              Download Mermaid
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <span className="muted" aria-live="polite">
        {note}
      </span>
    </div>
  );
}
