import { useState } from 'react';
import type { ScenarioBatch } from '@shared/ipc';
import './reports.css';
import type { Result } from '@shared/result';

export interface ScenarioExportsProps {
  /** The last batch (running or done), or null before any. */
  readonly batch: ScenarioBatch | null;
  /** Writes the batch's results; resolves to the line to show. */
  readonly onExport: (batchId: string, format: 'html' | 'junit') => Promise<Result<string, string>>;
}

/**
 * The exports of the scenarios panel (README "Reports"): the last batch's results as JUnit XML
 * (what `a2a run --junit` writes) and as one HTML report with every run's diagram and trace.
 * Available once the batch is over and has results.
 */
export function ScenarioExports({ batch, onExport }: ScenarioExportsProps) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const ready = batch !== null && !batch.running && batch.results.length > 0;
  const press = (format: 'html' | 'junit') => {
    if (batch === null) return;
    setBusy(true);
    void onExport(batch.batchId, format).then((result) => {
      setBusy(false);
      setNote(result.ok ? result.value : `Export failed: ${result.error}`);
    });
  };
  return (
    <div className="sc-exports" role="group" aria-label="Export results">
      <button type="button" disabled={!ready || busy} onClick={() => press('junit')}>
        Export JUnit
      </button>
      <button type="button" disabled={!ready || busy} onClick={() => press('html')}>
        Export HTML report
      </button>
      <span className="muted" aria-live="polite">
        {note}
      </span>
    </div>
  );
}
