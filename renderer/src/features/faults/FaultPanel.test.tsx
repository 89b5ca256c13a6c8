import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  describeFault,
  HARNESS_FAULT_NAMES,
  type FaultAvailability,
  type FaultRequest,
  type HarnessFaultName,
} from '@shared/ipc';
import { err, ok, type Result } from '@shared/result';
import { FaultPanel } from './FaultPanel';

/** The accessible names README "Testing surface for your own Playwright suites" documents for users' own Playwright suites. */
const DOCUMENTED_NAMES = [
  'Update payment app',
  'Restart payment app',
  'Restart POS app',
  'Drop link',
  'Logout',
  'BUSY next logins',
  'Lose next response',
  'Approve then lose response',
  'Restart during payment',
  'Silent session reset',
];

function availability(
  disabled: Partial<Record<HarnessFaultName, string>> = {},
): FaultAvailability[] {
  return HARNESS_FAULT_NAMES.map((fault) => {
    const { label, description } = describeFault(fault);
    const reason = disabled[fault];
    return reason === undefined
      ? { fault, label, description, enabled: true }
      : { fault, label, description, enabled: false, reason };
  });
}

function renderPanel(
  faults: FaultAvailability[] | null = availability(),
  answer: (r: FaultRequest) => Result<string, string> = () => ok('applied'),
) {
  const onApply = vi.fn((request: FaultRequest) => Promise.resolve(answer(request)));
  render(<FaultPanel availability={faults} onApply={onApply} />);
  return { onApply, user: userEvent.setup() };
}

const button = (name: string) => screen.getByRole('button', { name });

describe('<FaultPanel>', () => {
  it('has one button per documented fault, each named exactly and explained by a tooltip', () => {
    renderPanel();
    for (const name of DOCUMENTED_NAMES) {
      const b = button(name);
      expect(b).toBeEnabled();
      expect(b.getAttribute('title')?.length).toBeGreaterThan(30);
      expect(b).toHaveAttribute('aria-description', b.getAttribute('title'));
    }
    expect(button('Restart payment app')).toHaveAttribute(
      'title',
      expect.stringMatching(/reboot/i),
    );
    expect(button('Approve then lose response').title).toMatch(/approved/i);
  });

  it('disables a fault that cannot apply and says why, visibly and to assistive tech', () => {
    renderPanel(availability({ restart: 'The peer is an external payment app.' }));
    const restart = button('Restart payment app');
    expect(restart).toBeDisabled();
    const item = restart.closest('li')!;
    expect(within(item).getByText('The peer is an external payment app.')).toBeVisible();
    expect(restart.getAttribute('aria-description')).toContain(
      'Unavailable: The peer is an external payment app.',
    );
    expect(button('Restart POS app')).toBeEnabled();
  });

  it('keeps every button disabled until the core said which faults apply', () => {
    renderPanel(null);
    for (const name of DOCUMENTED_NAMES) expect(button(name)).toBeDisabled();
    expect(screen.getAllByText(/Waiting for the harness core/)).toHaveLength(
      HARNESS_FAULT_NAMES.length,
    );
  });

  it.each([
    ['Update payment app', { fault: 'update' }],
    ['Restart payment app', { fault: 'restart' }],
    ['Restart POS app', { fault: 'restartClient' }],
    ['Drop link', { fault: 'dropLink', linkId: 'all' }],
    ['Logout', { fault: 'logout' }],
    ['BUSY next logins', { fault: 'busyNextLogins', count: 3 }],
    ['Lose next response', { fault: 'dropNextResponse', category: 'Payment' }],
    ['Approve then lose response', { fault: 'approveThenDrop' }],
    ['Restart during payment', { fault: 'restartDuringPayment', phase: 'authorising' }],
    ['Silent session reset', { fault: 'resetSessions' }],
  ] as const)('"%s" applies %o', async (name, request) => {
    const { onApply, user } = renderPanel();
    await user.click(button(name));
    expect(onApply).toHaveBeenCalledWith(request);
  });

  it('sends the parameters the user set', async () => {
    const { onApply, user } = renderPanel();
    const count = screen.getByRole('spinbutton', { name: 'BUSY login count' });
    await user.clear(count);
    await user.type(count, '5');
    await user.click(button('BUSY next logins'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Response to lose' }), '');
    await user.click(button('Lose next response'));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Payment phase to restart in' }),
      'waitingForCard',
    );
    await user.click(button('Restart during payment'));
    expect(onApply.mock.calls.map(([r]) => r)).toEqual([
      { fault: 'busyNextLogins', count: 5 },
      { fault: 'dropNextResponse' },
      { fault: 'restartDuringPayment', phase: 'waitingForCard' },
    ]);
  });

  it('says what the core did, or why it refused', async () => {
    const { user } = renderPanel(availability(), (r) =>
      r.fault === 'update' ? ok('Update payment app: applied') : err('no embedded simulator'),
    );
    await user.click(button('Update payment app'));
    expect(await screen.findByText('Update payment app: applied')).toBeVisible();
    await user.click(button('Drop link'));
    expect(await screen.findByText('Drop link failed: no embedded simulator')).toBeVisible();
  });

  it('is usable from the keyboard', async () => {
    const { onApply, user } = renderPanel();
    button('Update payment app').focus();
    await user.keyboard('{Enter}');
    await user.tab();
    expect(button('Restart payment app')).toHaveFocus();
    await user.keyboard(' ');
    expect(onApply.mock.calls.map(([r]) => r.fault)).toEqual(['update', 'restart']);
  });
});
