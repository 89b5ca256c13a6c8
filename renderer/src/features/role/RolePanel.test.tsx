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
    await user.type(url, 'tcp://example');
    expect(
      screen.getByText('The peer URL "tcp://example": a tcp:// endpoint needs a port'),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Apply role' })).toBeDisabled();
    await user.clear(url);
    await user.type(url, 'tcp://127.0.0.1:7778');
    await user.click(screen.getByRole('button', { name: 'Apply role' }));
    expect(onConfigure).toHaveBeenCalledWith({
      role: 'client',
      peer: { url: 'tcp://127.0.0.1:7778' },
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

  it('listens on the Local API (HTTP) too when asked', async () => {
    const onConfigure = vi.fn((_r: ConfigureRequest) => Promise.resolve(ok(info)));
    const user = userEvent.setup();
    render(<RolePanel run={clientRun} onConfigure={onConfigure} />);
    await user.click(screen.getByRole('radio', { name: /^Terminal/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Local API (HTTP)' }));
    const httpPort = screen.getByRole('spinbutton', { name: 'Local API (HTTP) port' });
    await user.clear(httpPort);
    await user.type(httpPort, '8080');
    await user.click(screen.getByRole('button', { name: 'Apply role' }));
    expect(onConfigure).toHaveBeenCalledWith({
      role: 'terminal',
      port: 0,
      httpPort: 8080,
      profile: 'app2app',
    });
  });

  it('listens on TCP too when asked, and shows every address with Copy address', async () => {
    const copyText = vi.fn(() => Promise.resolve());
    const onConfigure = vi.fn((_r: ConfigureRequest) => Promise.resolve(ok(info)));
    const user = userEvent.setup();
    const { rerender } = render(
      <RolePanel run={clientRun} onConfigure={onConfigure} copyText={copyText} />,
    );
    await user.click(screen.getByRole('radio', { name: /^Terminal/ }));
    const tcpPort = screen.getByRole('spinbutton', { name: 'nexo over TCP port' });
    expect(tcpPort).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'nexo over TCP' }));
    await user.clear(tcpPort);
    await user.type(tcpPort, '99999');
    expect(screen.getByText(/The nexo over TCP port must be a whole number/)).toBeVisible();
    await user.clear(tcpPort);
    await user.type(tcpPort, '7778');
    await user.click(screen.getByRole('button', { name: 'Apply role' }));
    expect(onConfigure).toHaveBeenCalledWith({
      role: 'terminal',
      port: 0,
      tcpPort: 7778,
      profile: 'app2app',
    });

    rerender(
      <RolePanel
        run={{
          ...clientRun,
          runId: 'r2',
          role: 'terminal',
          peer: null,
          nexoUrl: 'ws://127.0.0.1:40001/nexo',
          addresses: [
            { wire: 'ws', url: 'ws://127.0.0.1:40001/nexo' },
            { wire: 'tcp', url: 'tcp://127.0.0.1:7778' },
          ],
        }}
        onConfigure={onConfigure}
        copyText={copyText}
      />,
    );
    // The form starts over from the new run: TCP stays chosen, on its port.
    expect(screen.getByRole('checkbox', { name: 'nexo over TCP' })).toBeChecked();
    expect(screen.getByRole('spinbutton', { name: 'nexo over TCP port' })).toHaveValue(7778);
    expect(screen.getByText('tcp://127.0.0.1:7778')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Copy nexo over TCP address' }));
    expect(copyText).toHaveBeenCalledWith('tcp://127.0.0.1:7778');
  });
});
