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
import { FaultBar } from './FaultBar';

/** The accessible names README "Testing surface for your own Playwright suites" documents. */
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
  render(<FaultBar availability={faults} onApply={onApply} />);
  return { onApply, user: userEvent.setup() };
}

const button = (name: string) => screen.getByRole('button', { name });

describe('<FaultBar>', () => {
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

  it('is one toolbar named "Faults" holding every button', () => {
    renderPanel();
    const bar = screen.getByRole('toolbar', { name: 'Faults' });
    for (const name of DOCUMENTED_NAMES) {
      expect(within(bar).getByRole('button', { name })).toBeVisible();
    }
  });

  it('disables a fault that cannot apply, shrinks it to its icon and says why once per reason on demand', async () => {
    const external = 'The peer is an external payment app.';
    const { user } = renderPanel(availability({ restart: external, update: external }));
    const restart = button('Restart payment app');
    expect(restart).toBeDisabled();
    expect(restart.querySelector('svg')).not.toBeNull();
    expect(within(restart).getByText('Restart payment app')).toHaveClass('visually-hidden');
    expect(restart.getAttribute('aria-description')).toContain(`Unavailable: ${external}`);
    expect(restart.title).toContain(external);
    expect(button('Restart POS app')).toBeEnabled();
    expect(within(button('Restart POS app')).getByText('Restart POS app')).not.toHaveClass(
      'visually-hidden',
    );
    // The reasons are folded: one line of the bar, not one per reason.
    expect(screen.getByText(external).closest('p')).not.toBeVisible();
    const why = screen.getByRole('button', { name: '2 unavailable here: why?' });
    expect(why).toHaveAttribute('aria-expanded', 'false');
    await user.click(why);
    expect(why).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(external).closest('p')).toBeVisible();
    expect(screen.getByText(external).closest('p')).toHaveTextContent(
      `Update payment app, Restart payment app: ${external}`,
    );
  });

  it('puts the faults that apply first, each with its icon', () => {
    renderPanel(availability({ update: 'Not here.' }));
    const names = within(screen.getByRole('toolbar', { name: 'Faults' }))
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names.at(-1)).toBe('Update payment app');
    expect(names[0]).toBe('Restart payment app');
    for (const b of within(screen.getByRole('toolbar', { name: 'Faults' })).getAllByRole('button'))
      expect(b.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
  });

  it('keeps every button disabled until the core said which faults apply', () => {
    renderPanel(null);
    for (const name of DOCUMENTED_NAMES) expect(button(name)).toBeDisabled();
    expect(screen.getByText(/Waiting for the harness core/)).toBeVisible();
  });

  it.each([
    ['0', 'BUSY login count must be a whole number from 1 to 1,000.'],
    ['-1', 'BUSY login count must be a whole number from 1 to 1,000.'],
    ['1000000', 'BUSY login count must be a whole number from 1 to 1,000.'],
    ['', 'BUSY login count must be a whole number from 1 to 1,000.'],
  ])(
    'an out-of-range count (%j) is marked where typed and arms nothing',
    async (typed, message) => {
      const { onApply, user } = renderPanel();
      const count = screen.getByRole('spinbutton', { name: 'BUSY login count' });
      await user.clear(count);
      if (typed !== '') await user.type(count, typed);
      expect(count).toHaveAttribute('aria-invalid', 'true');
      expect(count).toHaveAccessibleDescription(message);
      await user.click(button('BUSY next logins'));
      expect(onApply).not.toHaveBeenCalled();
      expect(screen.getByRole('status')).toHaveTextContent(
        `BUSY next logins not armed: ${message}`,
      );
    },
  );

  it('a negative delay names the field and its range', async () => {
    const { onApply, user } = renderPanel();
    const delay = screen.getByRole('spinbutton', { name: 'Delay in milliseconds' });
    await user.clear(delay);
    await user.type(delay, '-5');
    expect(delay).toHaveAccessibleDescription('Delay must be a whole number from 0 to 600,000 ms.');
    await user.click(button('Delay responses'));
    expect(onApply).not.toHaveBeenCalled();
  });

  it('keeps the focus on the pressed button while the core works on it', async () => {
    let finish: (r: Result<string, string>) => void = () => undefined;
    const onApply = vi.fn(
      () =>
        new Promise<Result<string, string>>((resolve) => {
          finish = resolve;
        }),
    );
    render(<FaultBar availability={availability()} onApply={onApply} />);
    const user = userEvent.setup();
    await user.click(button('Drop link'));
    expect(button('Drop link')).toHaveAttribute('aria-busy', 'true');
    expect(button('Drop link')).toHaveFocus();
    finish(ok('Drop link: applied'));
    expect(await screen.findByText('Drop link: applied')).toBeVisible();
    expect(button('Drop link')).toHaveFocus();
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
