import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NO_POS_SESSIONS } from './pos-sessions';
import { PosSessionStrip } from './PosSessionStrip';
import { latencyText, ProxyLatency } from './ProxyLatency';

const NONE = { count: 0, medianMs: null, p99Ms: null };

describe('<ProxyLatency>', () => {
  it('says median and p99 per direction, with the figures as data attributes', () => {
    render(
      <PosSessionStrip sessions={NO_POS_SESSIONS} role="proxy">
        <ProxyLatency
          latency={{ toTerminal: { count: 12, medianMs: 0.214, p99Ms: 1.5 }, toPos: NONE }}
        />
      </PosSessionStrip>,
    );
    const strip = screen.getByRole('region', { name: 'Session' });
    const group = within(strip).getByRole('group', { name: 'Added latency' });
    const toTerminal = group.querySelector('[data-latency="toTerminal"]');
    expect(toTerminal).toHaveTextContent('POS → terminal median 0.21 ms, p99 1.5 ms');
    expect(toTerminal).toHaveAttribute('data-count', '12');
    expect(toTerminal).toHaveAttribute('data-median-ms', '0.214');
    expect(toTerminal).toHaveAttribute('data-p99-ms', '1.5');
    const toPos = group.querySelector('[data-latency="toPos"]');
    expect(toPos).toHaveTextContent('terminal → POS no message yet');
    expect(toPos).toHaveAttribute('data-count', '0');
    expect(toPos).not.toHaveAttribute('data-median-ms');
  });
});

describe('latencyText', () => {
  it.each([
    [0.004, '< 0.01 ms'],
    [0.214, '0.21 ms'],
    [1.5, '1.5 ms'],
    [3000.2, '3,000 ms'],
  ])('%s ms reads %s', (ms, text) => {
    expect(latencyText(ms)).toBe(text);
  });
});
