import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ConfigureRequest, RunInfo, SimulatorInfo } from '@shared/ipc';
import { ok } from '@shared/result';
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
const PASSPHRASE = 'the shared secret';

/** Types a whole value at once (a paste), so long values do not cost a keystroke each. */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}

function setup(run: RunInfo = clientRun) {
  const onConfigure = vi.fn((_r: ConfigureRequest) => Promise.resolve(ok(info)));
  const copyText = vi.fn(() => Promise.resolve());
  const view = render(<RolePanel run={run} onConfigure={onConfigure} copyText={copyText} />);
  return { onConfigure, copyText, view, user: userEvent.setup() };
}

describe('<RolePanel> on the Terminal API wire', () => {
  it('client role: a Terminal API peer gets a CA file, insecure and a key; other wires do not', async () => {
    const { onConfigure, user } = setup();
    await user.click(screen.getByRole('radio', { name: 'External payment app' }));
    const url = screen.getByRole('textbox', { name: 'Peer URL' });
    expect(screen.queryByRole('textbox', { name: 'CA file' })).toBeNull();
    await fill(user, url, 'https://127.0.0.1:8443/nexo');

    await fill(user, screen.getByRole('textbox', { name: 'CA file' }), '/data/tls/ca.pem');
    await user.click(screen.getByRole('checkbox', { name: 'Encrypt with NexoCrypto' }));
    await fill(user, screen.getByRole('textbox', { name: 'Key identifier' }), 'posKey');
    const version = screen.getByRole('spinbutton', { name: 'Key version' });
    await fill(user, version, '3');
    const apply = screen.getByRole('button', { name: 'Apply role' });
    expect(screen.getByText(/^Passphrase: type the shared passphrase/)).toBeVisible();
    expect(apply).toBeDisabled();
    const passphrase = screen.getByLabelText('Passphrase');
    expect(passphrase).toHaveAttribute('type', 'password');
    await fill(user, passphrase, PASSPHRASE);

    // A CA file and no check at all exclude each other.
    await user.click(screen.getByRole('checkbox', { name: /Skip the certificate check/ }));
    expect(
      screen.getByText('Trust the CA file or skip the certificate check, not both.'),
    ).toBeVisible();
    await user.click(screen.getByRole('checkbox', { name: /Skip the certificate check/ }));

    await user.click(apply);
    expect(onConfigure).toHaveBeenCalledWith({
      role: 'client',
      peer: {
        url: 'https://127.0.0.1:8443/nexo',
        terminalApi: {
          caFile: '/data/tls/ca.pem',
          key: { keyIdentifier: 'posKey', keyVersion: 3, passphrase: PASSPHRASE },
        },
      },
    });

    // The same fields do not ride along to a socket peer.
    await fill(user, url, 'ws://127.0.0.1:4100/nexo');
    expect(screen.queryByLabelText('Passphrase')).toBeNull();
    await user.click(apply);
    expect(onConfigure).toHaveBeenLastCalledWith({
      role: 'client',
      peer: { url: 'ws://127.0.0.1:4100/nexo' },
    });
  });

  it('terminal role: listens on HTTPS with a key and the requirement; shows the address and the CA file', async () => {
    const { onConfigure, copyText, view, user } = setup();
    await user.click(screen.getByRole('radio', { name: /^Terminal/ }));
    const httpsPort = screen.getByRole('spinbutton', { name: 'Terminal API (HTTPS) port' });
    expect(httpsPort).toBeDisabled();
    // The key fields belong to the wire: they show once it is ticked, and once encryption is.
    expect(screen.queryByRole('checkbox', { name: 'Encrypt with NexoCrypto' })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Terminal API (HTTPS)' }));
    expect(screen.queryByLabelText('Passphrase')).toBeNull();
    await fill(user, httpsPort, '8443');
    await user.click(screen.getByRole('checkbox', { name: 'Encrypt with NexoCrypto' }));
    await fill(user, screen.getByRole('textbox', { name: 'Key identifier' }), 'termKey');
    await fill(user, screen.getByLabelText('Passphrase'), PASSPHRASE);
    await user.click(screen.getByRole('checkbox', { name: /Require encryption/ }));
    await user.click(screen.getByRole('button', { name: 'Apply role' }));
    expect(onConfigure).toHaveBeenCalledWith({
      role: 'terminal',
      port: 0,
      httpsPort: 8443,
      terminalApi: {
        key: { keyIdentifier: 'termKey', keyVersion: 1, passphrase: PASSPHRASE },
        requireEncryption: true,
      },
      profile: 'app2app',
    });

    view.rerender(
      <RolePanel
        run={{
          ...clientRun,
          runId: 'r2',
          role: 'terminal',
          peer: null,
          nexoUrl: 'ws://127.0.0.1:40001/nexo',
          addresses: [
            { wire: 'ws', url: 'ws://127.0.0.1:40001/nexo' },
            { wire: 'terminal-api', url: 'https://127.0.0.1:8443/nexo' },
          ],
          terminalApi: {
            keyIdentifier: 'termKey',
            keyVersion: 1,
            requireEncryption: true,
            caFile: '/data/tls/ca.pem',
          },
        }}
        onConfigure={onConfigure}
        copyText={copyText}
      />,
    );
    // The new run's form keeps the wire, the key names and the passphrase typed in this window.
    expect(screen.getByRole('checkbox', { name: 'Terminal API (HTTPS)' })).toBeChecked();
    expect(screen.getByRole('spinbutton', { name: 'Terminal API (HTTPS) port' })).toHaveValue(8443);
    expect(screen.getByRole('textbox', { name: 'Key identifier' })).toHaveValue('termKey');
    expect(screen.getByLabelText('Passphrase')).toHaveValue(PASSPHRASE);

    expect(screen.getByText('https://127.0.0.1:8443/nexo')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Copy Terminal API (HTTPS) address' }));
    expect(copyText).toHaveBeenCalledWith('https://127.0.0.1:8443/nexo');
    expect(
      screen.getByText('Terminal API: NexoCrypto key termKey v1, encryption required'),
    ).toBeVisible();
    const ca = screen.getByText('/data/tls/ca.pem');
    expect(ca).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Copy CA file path' }));
    expect(copyText).toHaveBeenLastCalledWith('/data/tls/ca.pem');
    // Nothing on screen spells the passphrase out.
    expect(view.container.textContent).not.toContain(PASSPHRASE);
  });

  it('a window opened on a keyed run shows the key names and asks for the passphrase again', async () => {
    const { onConfigure, user } = setup({
      ...clientRun,
      role: 'terminal',
      peer: null,
      addresses: [{ wire: 'terminal-api', url: 'https://127.0.0.1:8443/nexo' }],
      terminalApi: { keyIdentifier: 'termKey', keyVersion: 7, requireEncryption: false },
    });
    const key = screen.getByRole('group', { name: 'NexoCrypto key' });
    expect(within(key).getByRole('checkbox', { name: 'Encrypt with NexoCrypto' })).toBeChecked();
    expect(within(key).getByRole('spinbutton', { name: 'Key version' })).toHaveValue(7);
    expect(within(key).getByLabelText('Passphrase')).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Apply role' })).toBeDisabled();
    await fill(user, within(key).getByLabelText('Passphrase'), PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Apply role' }));
    expect(onConfigure).toHaveBeenCalledWith(
      expect.objectContaining({
        httpsPort: 8443,
        terminalApi: { key: { keyIdentifier: 'termKey', keyVersion: 7, passphrase: PASSPHRASE } },
      }),
    );
  });
});
