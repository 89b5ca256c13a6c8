import { useId, useState, type ReactNode } from 'react';
import { FolderOpen, Save } from 'lucide-react';
import type { Result } from '@shared/result';
import './traces.css';

export interface TraceToolbarProps {
  /** Whether the core records; null while unknown. */
  readonly recording: boolean | null;
  readonly onRecordingChange: (on: boolean) => Promise<Result<boolean, string>>;
  readonly onSave: () => Promise<Result<string, string>>;
  readonly onOpen: (file: File) => void;
  /** Why the last file could not be opened (names the file and line). */
  readonly openError: string | null;
  readonly opening: boolean;
  /** The live view's export controls. */
  readonly children?: ReactNode;
}

/**
 * Trace controls (README "Traces" under "Using the window"): record toggle, save (native dialog in Electron, download in
 * browser mode), open a trace file into the replay view, and the export of the visible flow.
 */
export function TraceToolbar({
  recording,
  onRecordingChange,
  onSave,
  onOpen,
  openError,
  opening,
  children,
}: TraceToolbarProps) {
  const id = useId();
  const [note, setNote] = useState('');
  const report = (result: Result<string, string>) =>
    setNote(result.ok ? result.value : `Failed: ${result.error}`);
  return (
    <div className="trace-toolbar" role="toolbar" aria-label="Trace">
      <button
        type="button"
        className="trace-record"
        aria-pressed={recording === true}
        disabled={recording === null}
        data-recording={recording ?? undefined}
        onClick={() =>
          void onRecordingChange(recording !== true).then((r) =>
            report(r.ok ? { ok: true, value: r.value ? 'Recording' : 'Recording paused' } : r),
          )
        }
      >
        <span className="trace-record-dot" aria-hidden="true" />
        {/* Short on screen, whole in the name: the names are the testing surface. */}
        Record<span className="visually-hidden"> trace</span>
      </button>
      <button type="button" onClick={() => void onSave().then(report)}>
        <Save aria-hidden="true" size={13} />
        Save<span className="visually-hidden"> trace</span>
      </button>
      {/* The label is the visible button; the native input (its "No file chosen" takes a line's
          width) stays focusable and named, drawn by the label's focus ring. */}
      <label className="trace-open" htmlFor={`${id}-open`}>
        <FolderOpen aria-hidden="true" size={13} />
        Open<span className="visually-hidden"> trace file</span>
      </label>
      <input
        id={`${id}-open`}
        className="visually-hidden trace-open-input"
        type="file"
        accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/json,text/plain"
        aria-busy={opening}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Clear the input so that picking the same file again opens it again.
          e.target.value = '';
          if (file !== undefined) onOpen(file);
        }}
      />
      {children}
      <span className="muted trace-note" aria-live="polite">
        {note}
      </span>
      {openError !== null && (
        <p className="trace-error" role="alert">
          Could not open the trace: {openError}
        </p>
      )}
    </div>
  );
}
