import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PolicyChange } from '@shared/ipc';
import { ok } from '@shared/result';
import { DEFAULT_POLICY, type SessionPolicy } from '@shared/session/policy';
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
    expect(screen.getByText(/^Login attempts on BUSY: /)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Apply policy' })).toBeDisabled();
  });
});
