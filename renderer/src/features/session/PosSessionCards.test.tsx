import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { INITIAL_SESSION_VIEW } from '@shared/trace/view';
import { TraceBuilder } from '../timeline/trace-fixtures';
import { NO_POS_SESSIONS, foldPosSessions } from './pos-sessions';
import { PosSessionStrip } from './PosSessionStrip';
import { SessionPanel } from './SessionPanel';

function twoPoses() {
  const b = new TraceBuilder();
  b.add({ kind: 'link', observer: 'poi', link: 'pos-1', wire: 'ws', change: 'opened' });
  b.add({
    kind: 'poiSession',
    link: 'pos-1',
    change: 'opened',
    reason: 'the terminal answered Login with Success',
    saleId: 'SHOP-1',
  });
  b.add({ kind: 'link', observer: 'poi', link: 'pos-2', wire: 'tcp', change: 'opened' });
  b.at(1_250).add({
    kind: 'link',
    observer: 'poi',
    link: 'pos-2',
    change: 'closed',
    code: 1006,
    abrupt: true,
  });
  return foldPosSessions(NO_POS_SESSIONS, b.events);
}

describe('SessionPanel with an external POS', () => {
  it.each(['terminal', 'proxy'] as const)(
    'in %s role shows one card per POS instead of the client state machine',
    (role) => {
      render(
        <SessionPanel
          view={INITIAL_SESSION_VIEW}
          role={role}
          posSessions={twoPoses()}
          label="State machine"
        />,
      );
      const region = screen.getByRole('region', { name: 'State machine' });
      expect(region).toHaveAttribute('data-session-role', role);
      expect(screen.queryByRole('list', { name: 'Session state machine' })).toBeNull();
      expect(within(region).getByText('1 of 2 POS linked')).toBeVisible();

      const shop = screen.getByRole('listitem', { name: 'POS SHOP-1' });
      expect(shop).toHaveAttribute('data-pos-state', 'loggedIn');
      expect(within(shop).getByText('logged in')).toBeVisible();
      expect(
        within(within(shop).getByRole('group', { name: 'Last transition' })).getByText(
          /the terminal answered Login with Success/,
        ),
      ).toBeVisible();

      const dropped = screen.getByRole('listitem', { name: 'POS pos-2' });
      expect(dropped).toHaveAttribute('data-pos-state', 'lost');
      expect(within(dropped).getByText('linked, no session → link lost')).toBeVisible();
      expect(within(dropped).getByText(/the link dropped \(code 1006\)/)).toBeVisible();
      expect(within(dropped).getByText('pos-2 · nexo over TCP')).toBeVisible();
    },
  );

  it('says how to get a POS connected while none has', () => {
    render(<SessionPanel view={INITIAL_SESSION_VIEW} role="proxy" posSessions={NO_POS_SESSIONS} />);
    expect(screen.getByText(/No POS has connected yet/)).toBeVisible();
  });

  it('keeps the state machine in client role', () => {
    render(<SessionPanel view={INITIAL_SESSION_VIEW} role="client" posSessions={twoPoses()} />);
    expect(screen.getByRole('list', { name: 'Session state machine' })).toBeVisible();
    expect(screen.queryByRole('listitem', { name: 'POS SHOP-1' })).toBeNull();
  });
});

describe('PosSessionStrip', () => {
  it('counts the linked POSes and names the newest with the cause of its last change', () => {
    render(<PosSessionStrip sessions={twoPoses()} role="proxy" />);
    const strip = screen.getByRole('region', { name: 'Session' });
    expect(strip).toHaveAttribute('data-session-role', 'proxy');
    expect(within(strip).getByText('1 of 2 POS linked')).toBeVisible();
    expect(within(strip).getByText('pos-2: link lost')).toBeVisible();
    expect(strip).toHaveTextContent('the link dropped (code 1006)');
  });
});
