import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PolicyChange } from '@shared/ipc';
import { ok } from '@shared/result';
import { DEFAULT_POLICY, type SessionPolicy } from '@shared/session/policy';
import { timingPreset } from '@shared/session/timing-presets';
import { PolicyPanel } from './PolicyPanel';

describe('<PolicyPanel>', () => {
  it('sends only the rules the user changed, and says it applied them', async () => {
    const onApply = vi.fn((changes: Partial<SessionPolicy>) =>
      Promise.resolve(
        ok<PolicyChange>({ policy: { ...DEFAULT_POLICY, ...changes }, restarted: false }),
      ),
    );
    render(<PolicyPanel policy={DEFAULT_POLICY} onApply={onApply} />);
    const user = userEvent.setup();
    await user.click(screen.getByText('Session policy'));
    const timeout = screen.getByRole('spinbutton', { name: 'Payment inactivity timeout (ms)' });
    await user.clear(timeout);
    await user.type(timeout, '3000');
    await user.click(screen.getByRole('checkbox', { name: 'Log in at start' }));
    await user.click(screen.getByRole('button', { name: 'Apply policy' }));
    expect(onApply).toHaveBeenCalledWith({ paymentTimeoutMs: 3000, loginOnStart: false });
    expect(await screen.findByText('Applied.')).toBeVisible();
  });

  it('refuses a value the policy does not allow, naming the rule', async () => {
    const onApply = vi.fn();
    render(<PolicyPanel policy={DEFAULT_POLICY} onApply={onApply} />);
    const user = userEvent.setup();
    await user.click(screen.getByText('Session policy'));
    const attempts = screen.getByRole('spinbutton', { name: 'Login attempts on BUSY' });
    await user.clear(attempts);
    await user.type(attempts, '0');
    expect(
      screen.getByText('Login attempts on BUSY must be a whole number from 1 to 1,000.'),
    ).toBeVisible();
    expect(attempts).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Apply policy' })).toBeDisabled();
    await user.clear(attempts);
    expect(
      screen.getByText('Login attempts on BUSY must be a whole number from 1 to 1,000.'),
    ).toBeVisible();
    expect(onApply).not.toHaveBeenCalled();
  });

  it('applies a timing preset at once, and shows the one in force', async () => {
    const onApply = vi.fn((changes: Partial<SessionPolicy>) =>
      Promise.resolve(
        ok<PolicyChange>({ policy: { ...DEFAULT_POLICY, ...changes }, restarted: false }),
      ),
    );
    const { rerender } = render(<PolicyPanel policy={DEFAULT_POLICY} onApply={onApply} />);
    const user = userEvent.setup();
    await user.click(screen.getByText('Session policy'));
    const timings = screen.getByRole('group', { name: 'Timings' });
    expect(screen.getByRole('radio', { name: /^Realistic/ })).toBeChecked();
    expect(timings).toHaveAttribute('data-timing-preset', 'realistic');

    await user.click(screen.getByRole('radio', { name: /^Fast for QA/ }));
    expect(onApply).toHaveBeenCalledWith(timingPreset('fastQa').timings);
    expect(await screen.findByText('Timings: Fast for QA.')).toBeVisible();

    rerender(
      <PolicyPanel
        policy={{ ...DEFAULT_POLICY, ...timingPreset('fastQa').timings }}
        onApply={onApply}
      />,
    );
    expect(screen.getByRole('radio', { name: /^Fast for QA/ })).toBeChecked();
    rerender(
      <PolicyPanel policy={{ ...DEFAULT_POLICY, paymentTimeoutMs: 3000 }} onApply={onApply} />,
    );
    expect(screen.getByRole('group', { name: 'Timings' })).toHaveAttribute(
      'data-timing-preset',
      'custom',
    );
    expect(screen.getByRole('radio', { name: /^Realistic/ })).not.toBeChecked();
    expect(screen.getByText(/differ from every preset/)).toBeVisible();
  });
});
