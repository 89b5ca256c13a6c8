import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ConfigureRequest, RunInfo, SimulatorInfo } from '@shared/ipc';
import { ok } from '@shared/result';
import { buildTraceHeader } from '@shared/trace/format';
import { RolePanel } from './RolePanel';

const info: SimulatorInfo = { role: 'proxy', peer: null, simulator: null, nexoUrl: null };

function run(role: 'client' | 'proxy'): RunInfo {
  const header = buildTraceHeader(
    { harnessVersion: '0.1.0', role, profile: role === 'proxy' ? 'proxy' : 'app2app', policy: {} },
    0,
    true,
  );
  return role === 'client'
    ? { runId: 'r1', role, peer: { kind: 'embedded' }, nexoUrl: null, profile: 'app2app', header }
    : {
        runId: 'r2',
        role,
        peer: null,
        nexoUrl: null,
        profile: null,
        proxy: {
          listen: { wire: 'tcp', port: 0 },
          listenUrl: 'tcp://127.0.0.1:45123',
          upstream: 'tcp://192.0.2.10:7778',
        },
        header,
      };
}

describe('<RolePanel> in proxy role', () => {
  it('asks for the listening wire and port and the terminal, and applies them', async () => {
    const onConfigure = vi.fn((_r: ConfigureRequest) => Promise.resolve(ok(info)));
    const user = userEvent.setup();
    render(<RolePanel run={run('client')} onConfigure={onConfigure} />);

    await user.click(screen.getByRole('radio', { name: /^Proxy/ }));
    expect(screen.queryByRole('combobox', { name: 'Simulator profile' })).toBeNull();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Listening wire' }), 'ws');
    const port = screen.getByRole('spinbutton', { name: 'Listening port' });
    await user.clear(port);
    await user.type(port, '7001');
    const terminal = screen.getByRole('textbox', { name: 'Terminal endpoint' });
    await user.clear(terminal);
    await user.type(terminal, 'http://192.0.2.10:8080');
    expect(screen.getByText(/supported: WebSocket or nexo over TCP/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Apply role' })).toBeDisabled();

    await user.clear(terminal);
    await user.type(terminal, 'tcp://192.0.2.10:7778');
    await user.click(screen.getByRole('button', { name: 'Apply role' }));

    expect(onConfigure).toHaveBeenCalledWith({
      role: 'proxy',
      listen: { wire: 'ws', port: 7001 },
      upstream: 'tcp://192.0.2.10:7778',
    });
    expect(await screen.findByText('Applied.')).toBeVisible();
  });

  it('shows where the POS connects, copies it, and starts the form from the proxy run', async () => {
    const copyText = vi.fn(() => Promise.resolve());
    const user = userEvent.setup();
    render(
      <RolePanel
        run={run('proxy')}
        onConfigure={() => Promise.resolve(ok(info))}
        copyText={copyText}
      />,
    );

    expect(
      screen.getByText('Proxy role: tcp://127.0.0.1:45123 → tcp://192.0.2.10:7778'),
    ).toBeVisible();
    expect(screen.getByRole('radio', { name: /^Proxy/ })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Terminal endpoint' })).toHaveValue(
      'tcp://192.0.2.10:7778',
    );
    await user.click(screen.getByRole('button', { name: 'Copy address' }));
    expect(copyText).toHaveBeenCalledWith('tcp://127.0.0.1:45123');
  });

  it('joins the Terminal API to the Terminal API with the trust and key fields, and refuses a cross pair', async () => {
    const onConfigure = vi.fn((_r: ConfigureRequest) => Promise.resolve(ok(info)));
    const user = userEvent.setup();
    render(<RolePanel run={run('client')} onConfigure={onConfigure} />);

    await user.click(screen.getByRole('radio', { name: /^Proxy/ }));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Listening wire' }),
      'terminal-api',
    );
    const terminal = screen.getByRole('textbox', { name: 'Terminal endpoint' });
    await user.clear(terminal);
    await user.type(terminal, 'http://192.0.2.10:8080');
    expect(screen.getByText(/cannot join Terminal API \(HTTPS\).*supported:/)).toBeVisible();

    await user.clear(terminal);
    await user.type(terminal, 'https://192.0.2.10:8443/nexo');
    await user.type(screen.getByRole('textbox', { name: 'CA file' }), '/etc/terminal-ca.pem');
    await user.click(screen.getByRole('checkbox', { name: 'Encrypt with NexoCrypto' }));
    await user.type(screen.getByRole('textbox', { name: 'Key identifier' }), 'myKey');
    await user.type(screen.getByLabelText('Passphrase'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Apply role' }));

    expect(onConfigure).toHaveBeenCalledWith({
      role: 'proxy',
      listen: { wire: 'terminal-api', port: 0 },
      upstream: 'https://192.0.2.10:8443/nexo',
      terminalApi: {
        caFile: '/etc/terminal-ca.pem',
        key: { keyIdentifier: 'myKey', keyVersion: 1, passphrase: 'secret' },
      },
    });
  });

  it('shows the CA file the POS must trust on the Terminal API pair, with Copy path', async () => {
    const copyText = vi.fn(() => Promise.resolve());
    const user = userEvent.setup();
    const base = run('proxy');
    render(
      <RolePanel
        run={{
          ...base,
          proxy: {
            listen: { wire: 'terminal-api', port: 8443 },
            listenUrl: 'https://127.0.0.1:8443/nexo',
            upstream: 'https://192.0.2.10:8443/nexo',
            caFile: '/data/tls/ca.pem',
          },
          terminalApi: { keyIdentifier: 'myKey', keyVersion: 2, caFile: '/etc/terminal-ca.pem' },
        }}
        onConfigure={() => Promise.resolve(ok(info))}
        copyText={copyText}
      />,
    );
    expect(screen.getByText(/NexoCrypto key myKey v2 on both legs/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Copy CA file path' }));
    expect(copyText).toHaveBeenCalledWith('/data/tls/ca.pem');
    // The form starts from the run: the key's names and trust, never a passphrase.
    expect(screen.getByRole('textbox', { name: 'CA file' })).toHaveValue('/etc/terminal-ca.pem');
    expect(screen.getByRole('textbox', { name: 'Key identifier' })).toHaveValue('myKey');
  });
});
