import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ScenarioBatch, ScenarioReport } from '@shared/ipc';
import { ExportReportButton } from './ExportReportButton';
import { ScenarioExports } from './ScenarioExports';

const result: ScenarioReport = {
  name: 'login-first',
  title: 'Login first',
  pass: true,
  failures: [],
  steps: [],
  verdicts: [],
  events: 3,
  durationMs: 10,
  wallMs: 5,
  seed: 1,
};

function batch(over: Partial<ScenarioBatch>): ScenarioBatch {
  return {
    batchId: 'b1',
    names: ['login-first'],
    running: false,
    current: null,
    results: [result],
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    ...over,
  };
}

describe('ScenarioExports', () => {
  it('exports a finished batch as JUnit or HTML and says where it went', async () => {
    const onExport = vi.fn(() => Promise.resolve({ ok: true as const, value: 'Downloaded x.xml' }));
    render(<ScenarioExports batch={batch({})} onExport={onExport} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export JUnit' }));
    expect(onExport).toHaveBeenLastCalledWith('b1', 'junit');
    expect(await screen.findByText('Downloaded x.xml')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Export HTML report' }));
    expect(onExport).toHaveBeenLastCalledWith('b1', 'html');
  });

  it('waits for a batch that has results and is over', () => {
    const { rerender } = render(<ScenarioExports batch={null} onExport={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Export JUnit' })).toBeDisabled();
    rerender(<ScenarioExports batch={batch({ running: true })} onExport={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Export HTML report' })).toBeDisabled();
    rerender(<ScenarioExports batch={batch({ results: [] })} onExport={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Export JUnit' })).toBeDisabled();
  });
});

describe('ExportReportButton', () => {
  it('shows why a report failed', async () => {
    const onExport = () => Promise.resolve({ ok: false as const, error: 'no events yet' });
    render(<ExportReportButton onExport={onExport} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export report' }));
    expect(await screen.findByText('Report failed: no events yet')).toBeInTheDocument();
  });
});
