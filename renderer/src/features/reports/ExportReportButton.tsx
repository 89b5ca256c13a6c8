import { useState } from 'react';
import type { Result } from '@shared/result';
import './reports.css';

export interface ExportReportButtonProps {
  /** Writes the report; resolves to the line to show (where it went, or why it failed). */
  readonly onExport: () => Promise<Result<string, string>>;
}

/**
 * "Export report" (README "Reports"): one self-contained HTML file of the run in view, to attach
 * to a ticket. The note beside it says where the file went.
 */
export function ExportReportButton({ onExport }: ExportReportButtonProps) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <span className="report-export">
      <button
        type="button"
        disabled={busy}
        title="One HTML file with the summary, verdicts, diagram, ledger and trace"
        aria-busy={busy}
        onClick={() => {
          setBusy(true);
          void onExport().then((result) => {
            setBusy(false);
            setNote(result.ok ? result.value : `Report failed: ${result.error}`);
          });
        }}
      >
        Export report
      </button>
      <span className="muted report-export-note" aria-live="polite">
        {note}
      </span>
    </span>
  );
}
