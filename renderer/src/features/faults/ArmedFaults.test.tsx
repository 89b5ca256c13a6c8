import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { err, ok } from '@shared/result';
import type { ProxyArmedFaults } from '@shared/proxy/faults';
import type { ArmedFaultsSnapshot } from '@shared/simulator/control';
import { ArmedFaults } from './ArmedFaults';

const ARMED: ArmedFaultsSnapshot = {
  busyNextLogins: 6,
  dropNextResponse: [],
  delayResponses: {},
  approveThenDrop: true,
  restartDuringPayment: null,
  nextPaymentOutcome: null,
};

/** What the proxy in the middle reports in proxy role. */
const IN_THE_MIDDLE: ProxyArmedFaults = {
  busyNextLogins: 0,
  ignoreNextRequests: 2,
  dropNextResponse: ['Payment'],
  delayResponses: {},
  approveThenDrop: false,
};

function renderArmed(
  armed: ArmedFaultsSnapshot | ProxyArmedFaults | null,
  fail = false,
  canReset = armed !== null,
) {
  const onDisarm = vi.fn(() => Promise.resolve(fail ? err('the simulator is closed') : ok(null)));
  const onReset = vi.fn(() => Promise.resolve(ok(null)));
  const view = render(
    <ArmedFaults armed={armed} canReset={canReset} onDisarm={onDisarm} onReset={onReset} />,
  );
  return { onDisarm, onReset, view, user: userEvent.setup() };
}

const list = () => screen.getByRole('list', { name: 'Armed faults' });

describe('<ArmedFaults>', () => {
  it('lists each armed fault with what is left, and takes one back by its remove button', async () => {
    const { onDisarm, user } = renderArmed(ARMED);
    const items = within(list()).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('BUSY next logins — 6 left'),
      expect.stringContaining('Approve then lose response — the next payment'),
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove BUSY next logins' }));
    expect(onDisarm).toHaveBeenCalledWith('busyNextLogins');
  });

  it('clears every armed fault, or resets the simulator', async () => {
    const { onDisarm, onReset, user } = renderArmed(ARMED);
    await user.click(screen.getByRole('button', { name: 'Clear armed faults' }));
    expect(onDisarm).toHaveBeenCalledWith();
    await user.click(screen.getByRole('button', { name: 'Reset simulator' }));
    expect(onReset).toHaveBeenCalledOnce();
  });

  it('says when nothing is armed, and has nothing to clear', () => {
    renderArmed({ ...ARMED, busyNextLogins: 0, approveThenDrop: false });
    expect(within(list()).queryAllByRole('listitem')).toEqual([]);
    expect(screen.getByText('Nothing armed.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Clear armed faults' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reset simulator' })).toBeEnabled();
  });

  it('without a simulator in this role, says so and offers nothing', () => {
    renderArmed(null);
    expect(screen.getByText('No payment-app simulator runs in this role.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Clear armed faults' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reset simulator' })).toBeDisabled();
  });

  it("in proxy role lists the middle's faults, takes them back, and has no simulator to reset", async () => {
    const { onDisarm, user } = renderArmed(IN_THE_MIDDLE, false, false);
    expect(
      within(list())
        .getAllByRole('listitem')
        .map((i) => i.textContent),
    ).toEqual([
      expect.stringContaining('Lose next response — 1 left (Payment)'),
      expect.stringContaining('Ignore next requests — 2 left'),
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove Ignore next requests' }));
    expect(onDisarm).toHaveBeenCalledWith('ignoreNextRequests');
    await user.click(screen.getByRole('button', { name: 'Clear armed faults' }));
    expect(onDisarm).toHaveBeenLastCalledWith();
    const reset = screen.getByRole('button', { name: 'Reset simulator' });
    expect(reset).toBeDisabled();
    expect(reset).toHaveAttribute('title', expect.stringContaining('there is none to reset'));
  });

  it('says when the core refused', async () => {
    const { user } = renderArmed(ARMED, true);
    await user.click(screen.getByRole('button', { name: 'Clear armed faults' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Clear armed faults failed: the simulator is closed',
    );
  });
});
