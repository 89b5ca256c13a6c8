import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { OperationResult } from '@shared/ipc';
import { err, ok } from '@shared/result';
import type { LedgerEntry } from '@shared/trace/events';
import type { ComposerActions, PaymentInFlight } from './composer-actions';
import { Composer } from './Composer';
import type { OperationCallResult } from './use-operation';

function result(
  patch: Partial<OperationResult> & Pick<OperationResult, 'name' | 'kind'>,
): OperationResult {
  return { op: 'op-1', phase: 'ok', summary: '', serviceIds: ['S1'], ...patch };
}

function entry(patch: Partial<LedgerEntry>): LedgerEntry {
  return {
    saleId: 'POS-1',
    saleTransactionId: 'T1',
    poiTransactionId: 'P1',
    serviceId: 'S1',
    amountMinor: 1250,
    authorisedMinor: 1250,
    currency: 'EUR',
    result: 'approved',
    reversed: false,
    at: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

function actions(answer: OperationCallResult = ok(result({ name: 'login', kind: 'succeeded' }))) {
  const reply = () => Promise.resolve(answer);
  return {
    login: vi.fn<ComposerActions['login']>(reply),
    logout: vi.fn<ComposerActions['logout']>(reply),
    pay: vi.fn<ComposerActions['pay']>(reply),
    status: vi.fn<ComposerActions['status']>(reply),
    reverse: vi.fn<ComposerActions['reverse']>(reply),
    abort: vi.fn<ComposerActions['abort']>(reply),
    admin: vi.fn<ComposerActions['admin']>(reply),
  } satisfies ComposerActions;
}

function renderComposer(
  a: ComposerActions = actions(),
  options: {
    ledger?: LedgerEntry[] | null;
    payments?: PaymentInFlight[];
    unavailable?: string;
  } = {},
) {
  render(
    <Composer
      actions={a}
      ledger={options.ledger ?? []}
      paymentsInFlight={options.payments ?? []}
      unavailableReason={options.unavailable}
    />,
  );
  return userEvent.setup();
}

const form = (name: string) => screen.getByRole('form', { name });
const outcomeOf = (name: string) => form(name).querySelector('[data-op-state]')!;

describe('<Composer>', () => {
  it('shows a payment’s final outcome under its button', async () => {
    const a = actions(
      ok(
        result({
          name: 'pay',
          kind: 'recovered',
          result: 'approved',
          amount: '12.50',
          currency: 'EUR',
        }),
      ),
    );
    const user = renderComposer(a);
    const pay = form('Payment');
    await user.clear(within(pay).getByRole('textbox', { name: 'Amount' }));
    await user.type(within(pay).getByRole('textbox', { name: 'Amount' }), '12.50');
    await user.click(within(pay).getByRole('button', { name: 'Send payment' }));

    expect(a.pay).toHaveBeenCalledWith({ amount: '12.50', currency: 'EUR', paymentType: 'Normal' });
    expect(
      await within(pay).findByText('Payment 12.50 EUR recovered after a lost response: approved'),
    ).toBeVisible();
    expect(outcomeOf('Payment')).toHaveAttribute('data-outcome', 'recovered');
  });

  it('says "in progress" while the payment runs', async () => {
    let finish: (r: OperationCallResult) => void = () => undefined;
    const a = actions();
    a.pay.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const user = renderComposer(a);
    await user.click(screen.getByRole('button', { name: 'Send payment' }));
    expect(outcomeOf('Payment')).toHaveTextContent('Payment 12.50 EUR in progress…');
    finish(
      ok(
        result({
          name: 'pay',
          kind: 'declined',
          errorCondition: 'Refusal',
          amount: '12.50',
          currency: 'EUR',
        }),
      ),
    );
    expect(
      await within(form('Payment')).findByText('Payment 12.50 EUR declined: refused (Refusal)'),
    ).toBeVisible();
  });

  it('fills the amount from the magic-amount picker', async () => {
    const user = renderComposer();
    const pay = form('Payment');
    await user.selectOptions(within(pay).getByRole('combobox', { name: 'Magic amount' }), '124');
    expect(within(pay).getByRole('textbox', { name: 'Amount' })).toHaveValue('1.24');
    const options = within(
      within(pay).getByRole('combobox', { name: 'Magic amount' }),
    ).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toContain(
      '…503: the acquirer host could not be reached; nothing charged',
    );
  });

  it('refuses an amount the core would reject, and says why', async () => {
    const a = actions();
    const user = renderComposer(a);
    const amount = within(form('Payment')).getByRole('textbox', { name: 'Amount' });
    await user.clear(amount);
    await user.type(amount, '12.505');
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/more decimals than EUR allows/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Send payment' })).toBeDisabled();
  });

  it('asks TransactionStatus of the last payment or of a ServiceID', async () => {
    const a = actions(ok(result({ name: 'status', kind: 'declined', errorCondition: 'NotFound' })));
    const user = renderComposer(a);
    const status = form('TransactionStatus');
    await user.click(within(status).getByRole('button', { name: 'Ask status' }));
    await user.click(within(status).getByRole('radio', { name: 'By ServiceID' }));
    await user.type(within(status).getByRole('textbox', { name: 'ServiceID to ask about' }), 'S42');
    await user.click(within(status).getByRole('button', { name: 'Ask status' }));
    expect(a.status.mock.calls.map(([r]) => r)).toEqual([{}, { serviceId: 'S42' }]);
    expect(
      await within(status).findByText('TransactionStatus answered Failure: not found (NotFound)'),
    ).toBeVisible();
  });

  it('offers only approved, unreversed ledger payments for a Reversal', async () => {
    const a = actions();
    const user = renderComposer(a, {
      ledger: [
        entry({ poiTransactionId: 'P1' }),
        entry({ poiTransactionId: 'P2', result: 'declined', authorisedMinor: 0 }),
        entry({ poiTransactionId: 'P3', reversed: true }),
        entry({ poiTransactionId: 'P4', amountMinor: 2000, authorisedMinor: 2000 }),
      ],
    });
    const reversal = form('Reversal');
    const picker = within(reversal).getByRole('combobox', { name: 'Approved payment' });
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Last approved payment', '12.50 EUR · POI tx P1', '20.00 EUR · POI tx P4']);
    await user.selectOptions(picker, 'P4');
    await user.click(within(reversal).getByRole('button', { name: 'Reverse' }));
    expect(a.reverse).toHaveBeenCalledWith({ poiTransactionId: 'P4' });
  });

  it('aborts the payment picked among those in flight', async () => {
    const a = actions();
    const user = renderComposer(a, {
      payments: [{ serviceId: 'S7', label: '12.50 EUR, #S7 (sent)' }],
    });
    const abort = form('Abort');
    await user.selectOptions(
      within(abort).getByRole('combobox', { name: 'Payment in flight' }),
      'S7',
    );
    await user.click(within(abort).getByRole('button', { name: 'Abort payment' }));
    expect(a.abort).toHaveBeenCalledWith({ serviceId: 'S7' });
  });

  it('logs in and out, and sends Admin requests', async () => {
    const a = actions();
    const user = renderComposer(a);
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await within(form('Login')).findByText('Login succeeded')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Admin request' }), 'update');
    await user.click(screen.getByRole('button', { name: 'Send Admin' }));
    expect(a.login).toHaveBeenCalledOnce();
    expect(a.logout).toHaveBeenCalledOnce();
    expect(a.admin).toHaveBeenCalledWith({ kind: 'update' });
  });

  it('shows why a request was not sent', async () => {
    const user = renderComposer(actions(err('the harness core is not connected')));
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(
      await within(form('Login')).findByText('Login not sent: the harness core is not connected'),
    ).toBeVisible();
    expect(outcomeOf('Login')).toHaveAttribute('data-op-state', 'error');
  });

  it('disables every request, saying why, where none can be sent', () => {
    renderComposer(actions(), { unavailable: 'Terminal role: no requests.' });
    expect(screen.getByText('Terminal role: no requests.')).toBeVisible();
    for (const name of [
      'Log in',
      'Log out',
      'Send payment',
      'Ask status',
      'Reverse',
      'Abort payment',
      'Send Admin',
    ])
      expect(screen.getByRole('button', { name })).toBeDisabled();
  });
});
