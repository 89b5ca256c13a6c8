import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ConfigureRequest, RunInfo, SimulatorInfo } from '@shared/ipc';
import { err, ok, type Result } from '@shared/result';
import { buildTraceHeader } from '@shared/trace/format';
import { RolePanel } from './RolePanel';

const header = buildTraceHeader(
  { harnessVersion: '0.1.0', role: 'client', profile: 'app2app', policy: {} },
  0,
  true,
);
const clientRun: RunInfo = {
  runId: 'r1',
  role: 'client',
  peer: { kind: 'embedded' },
  nexoUrl: 'ws://127.0.0.1:40000/nexo',
  profile: 'app2app',
  header,
};
const info: SimulatorInfo = { role: 'client', peer: null, simulator: null, nexoUrl: null };

function setup(answer: Result<SimulatorInfo, string> = ok(info)) {
  const onConfigure = vi.fn((_r: ConfigureRequest) => Promise.resolve(answer));
  render(<RolePanel run={clientRun} onConfigure={onConfigure} />);
  return { onConfigure, user: userEvent.setup() };
}

describe('<RolePanel>', () => {
  it('says what the harness plays now', () => {
    setup();
    expect(screen.getByText('Client role → embedded simulator')).toHaveAttribute(
      'data-run-id',
      'r1',
    );
    expect(screen.getByRole('radio', { name: 'Embedded simulator' })).toBeChecked();
  });

  it('connects the client to an external payment app by URL', async () => {
    const { onConfigure, user } = setup();
    await user.click(screen.getByRole('radio', { name: 'External payment app' }));
    const url = screen.getByRole('textbox', { name: 'Peer URL' });
    await user.clear(url);
    await user.type(url, 'http://example');
    expect(screen.getByText('The peer URL must start with ws:// or wss://.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Apply role' })).toBeDisabled();
    await user.clear(url);
    await user.type(url, 'ws://127.0.0.1:4100/nexo');
    await user.click(screen.getByRole('button', { name: 'Apply role' }));
    expect(onConfigure).toHaveBeenCalledWith({
      role: 'client',
      peer: { url: 'ws://127.0.0.1:4100/nexo' },
    });
    expect(await screen.findByText('Applied.')).toBeVisible();
  });

  it('refuses a port out of range and reports a refusal of the core', async () => {
    const { onConfigure, user } = setup(err('port 4100 is in use'));
    await user.click(screen.getByRole('radio', { name: /^Terminal/ }));
    const port = screen.getByRole('spinbutton', { name: 'Listening port' });
    await user.clear(port);
    await user.type(port, '70000');
    expect(screen.getByRole('button', { name: 'Apply role' })).toBeDisabled();
    await user.clear(port);
    await user.type(port, '4100');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Simulator profile' }), 'nexo');
    await user.click(screen.getByRole('button', { name: 'Apply role' }));
    expect(onConfigure).toHaveBeenCalledWith({ role: 'terminal', port: 4100, profile: 'nexo' });
    expect(await screen.findByText('port 4100 is in use')).toBeVisible();
  });
});
